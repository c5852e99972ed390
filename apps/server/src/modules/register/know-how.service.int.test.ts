import { randomUUID } from 'node:crypto';
import {
  ConcentrationRankingQuery,
  KnowHowMapInput,
  type KnowHowMapInput as KnowHowMapInputType,
  type KnowHowMapView,
  PersonInput,
  TechnologyInput,
  type TechnologyInput as TechnologyInputType,
} from '@kakine/contracts';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createSeededServices, actorFor as seededActor } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Actor } from '../../platform/actor/actor';
import type { Database } from '../../platform/db/database';
import { people } from '../people/people.schema';
import { refreshConcentration } from './know-how.service';
import { tokyoDate } from './register.rules';
import { technologies } from './register.schema';

let db: Database;
let services: Services;
let officer: Actor;
let owner: Actor;
let employee: Actor;
let legal: Actor;

const today = tokyoDate(new Date());
const CASE3 = ['開発A', '設計B', '試作C', '評価D', '量産E', '生産F'];

const technology = (overrides: Partial<TechnologyInputType>) =>
  TechnologyInput.parse({ nameJa: '試験技術', classificationCode: 'secret', ...overrides });

/** Adds a person to a tenant's directory and returns their id. */
const addPerson = async (
  tenantId: string,
  person: { employeeId: string; name: string; status?: 'active' | 'leaving' | 'left'; lastWorkingDay?: string | null },
): Promise<string> => {
  const [row] = await db.tenant(tenantId, (tx) =>
    tx
      .insert(people)
      .values({
        tenantId,
        employeeId: person.employeeId,
        name: person.name,
        employmentType: 'employee',
        status: person.status ?? 'active',
        lastWorkingDay: person.lastWorkingDay ?? null,
      })
      .returning({ id: people.id }),
  );
  return (row as { id: string }).id;
};

const mapInput = (input: KnowHowMapInputType) => KnowHowMapInput.parse(input);

const auditOf = async (technologyId: string, type: string) =>
  (
    await db.system((tx) =>
      tx.execute<{ payload: { code: string; changes: { field: string; before: unknown; after: unknown }[] } }>(
        sql`select payload from audit_events where subject_type = 'technology' and subject_id = ${technologyId}
          and type = ${type} order by seq`,
      ),
    )
  ).rows.map((r) => r.payload);

const storedConcentration = async (id: string) => {
  const [row] = await db.system((tx) =>
    tx
      .select({
        level: technologies.concentrationLevel,
        busFactor: technologies.busFactor,
        single: technologies.singlePersonAllSteps,
        departing: technologies.departingHolders,
        version: technologies.version,
      })
      .from(technologies)
      .where(eq(technologies.id, id)),
  );
  return row;
};

let engineerA = '';
let subordinateB = '';
let colleagueC = '';
let coreId = '';
let ownedId = '';

beforeAll(async () => {
  ({ db, services } = await createSeededServices({ bundledCatalogues: true }));
  officer = await seededActor(db, 'officer@minato-ceramics.example');
  owner = await seededActor(db, 'tech@minato-ceramics.example');
  employee = await seededActor(db, 'engineer@minato-ceramics.example');
  legal = await seededActor(db, 'legal@minato-ceramics.example');
  engineerA = await addPerson(officer.tenantId, {
    employeeId: 'KH-001',
    name: '岡本 一郎',
    status: 'leaving',
    lastWorkingDay: '2099-03-31',
  });
  subordinateB = await addPerson(officer.tenantId, { employeeId: 'KH-002', name: '木下 二郎' });
  colleagueC = await addPerson(officer.tenantId, { employeeId: 'KH-003', name: '森 三郎' });
  coreId = (
    await services.register.createTechnology(
      officer,
      technology({ code: 'KH-CORE', nameJa: '試験用コア技術', isCore: true, coreReason: '競争力の源泉' }),
    )
  ).id;
  ownedId = (await services.register.createTechnology(owner, technology({ code: 'KH-OWN', ownerUserId: owner.userId })))
    .id;
});

afterAll(async () => {
  await db?.close();
});

describe('know-how map: the seed’s Case 3', () => {
  let saved: KnowHowMapView;

  it('an empty map has no level and no bus factor', async () => {
    const view = await services.knowHow.get(officer, coreId);
    expect(view).toMatchObject({ steps: [], people: [], holdings: [], abilities: { edit: true } });
    expect(view.analysis).toMatchObject({ level: 'none', busFactor: null });
  });

  it('one engineer who gave notice holds 開発A…生産F: critical, bus factor 1, stored on the technology', async () => {
    const before = await storedConcentration(coreId);
    saved = await services.knowHow.save(
      officer,
      coreId,
      mapInput({
        steps: CASE3.map((name) => ({ key: name, name })),
        holdings: [
          ...CASE3.map((stepKey) => ({ stepKey, personId: engineerA, depth: 3 })),
          ...CASE3.map((stepKey) => ({ stepKey, personId: colleagueC, depth: 1 })),
          { stepKey: '開発A', personId: subordinateB, depth: 2 },
        ],
        version: before?.version ?? 0,
      }),
    );
    expect(saved.steps.map((s) => s.name)).toEqual(CASE3);
    expect(saved.steps.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(saved.people.map((p) => p.name)).toEqual(['岡本 一郎', '木下 二郎', '森 三郎']);
    expect(saved.analysis).toMatchObject({
      level: 'critical',
      busFactor: 1,
      singlePersonAllSteps: [engineerA],
      criticalPeople: [engineerA],
    });
    const kinds = saved.analysis.warnings.map((w) => w.kind);
    expect(kinds).toContain('single_person_all_steps');
    expect(kinds).toContain('holder_leaving');
    expect(saved.version).toBe((before?.version ?? 0) + 1);
    expect(await storedConcentration(coreId)).toMatchObject({
      level: 'critical',
      busFactor: 1,
      single: true,
      departing: 1,
      version: saved.version,
    });
    // The register's own view of the technology reads the stored figures.
    expect((await services.register.getTechnology(officer, coreId)).concentration).toEqual({
      level: 'critical',
      busFactor: 1,
      singlePersonAllSteps: true,
      departingHolders: 1,
    });
  });

  it('records the change in the audit trail with step names and person names', async () => {
    const [event] = await auditOf(coreId, 'technology.know_how_changed');
    expect(event?.code).toBe('KH-CORE');
    expect(event?.changes.filter((c) => c.field === 'step').map((c) => c.after)).toEqual(CASE3);
    expect(event?.changes).toContainEqual({
      field: 'holding',
      before: null,
      after: { person: '岡本 一郎', step: '生産F', depth: 3 },
    });
  });

  it('keeps step ids for existing keys: rename, reorder, remove, add and change depth in one save', async () => {
    const id = (name: string) => saved.steps.find((s) => s.name === name)?.id as string;
    const view = await services.knowHow.save(
      officer,
      coreId,
      mapInput({
        steps: [
          { key: id('設計B'), name: '設計B' },
          { key: id('開発A'), name: '開発A（材料）', description: '誘電体材料の配合' },
          ...['試作C', '評価D', '量産E'].map((name) => ({ key: id(name), name })),
          { key: 'new-1', name: '検査G' },
        ],
        holdings: [
          { stepKey: id('開発A'), personId: engineerA, depth: 3 },
          { stepKey: id('開発A'), personId: subordinateB, depth: 3 },
          ...['設計B', '試作C', '評価D', '量産E'].map((n) => ({ stepKey: id(n), personId: engineerA, depth: 3 })),
          { stepKey: 'new-1', personId: subordinateB, depth: 2 },
        ],
        version: saved.version,
      }),
    );
    expect(view.steps.map((s) => s.name)).toEqual(['設計B', '開発A（材料）', '試作C', '評価D', '量産E', '検査G']);
    expect(view.steps[0]?.id).toBe(id('設計B'));
    expect(view.steps[1]?.id).toBe(id('開発A'));
    expect(view.steps[1]?.description).toBe('誘電体材料の配合');
    expect(saved.steps.map((s) => s.id)).not.toContain(view.steps[5]?.id);
    // 森 三郎 held only depth-1 outlines, all dropped; 木下 二郎 now covers 開発A and 検査G.
    expect(view.people.map((p) => p.name)).toEqual(['岡本 一郎', '木下 二郎']);
    expect(view.analysis).toMatchObject({ busFactor: 1, singlePersonAllSteps: [] });
    expect(view.version).toBe(saved.version + 1);

    const events = await auditOf(coreId, 'technology.know_how_changed');
    const changes = events.at(-1)?.changes ?? [];
    expect(changes).toEqual(
      expect.arrayContaining([
        { field: 'step', before: null, after: '検査G' },
        { field: 'step', before: '生産F', after: null },
        { field: 'step', before: '開発A', after: '開発A（材料）' },
        {
          field: 'stepDescription',
          before: { step: '開発A（材料）', description: null },
          after: { step: '開発A（材料）', description: '誘電体材料の配合' },
        },
        {
          field: 'stepOrder',
          before: ['開発A（材料）', '設計B', '試作C', '評価D', '量産E'],
          after: ['設計B', '開発A（材料）', '試作C', '評価D', '量産E'],
        },
        {
          field: 'holding',
          before: { person: '木下 二郎', step: '開発A（材料）', depth: 2 },
          after: { person: '木下 二郎', step: '開発A（材料）', depth: 3 },
        },
        { field: 'holding', before: null, after: { person: '木下 二郎', step: '検査G', depth: 2 } },
        { field: 'holding', before: { person: '森 三郎', step: '設計B', depth: 1 }, after: null },
      ]),
    );
    // Holdings of the removed step 生産F go with the step and are not listed one by one.
    expect(changes.filter((c) => JSON.stringify(c).includes('生産F'))).toHaveLength(1);
    saved = view;
  });

  it('saving the same map again writes nothing', async () => {
    const events = (await auditOf(coreId, 'technology.know_how_changed')).length;
    const view = await services.knowHow.save(
      officer,
      coreId,
      mapInput({
        steps: saved.steps.map((s) => ({ key: s.id, name: s.name, description: s.description })),
        holdings: saved.holdings.map((h) => ({ stepKey: h.stepId, personId: h.personId, depth: h.depth })),
        version: saved.version,
      }),
    );
    expect(view.version).toBe(saved.version);
    expect(await auditOf(coreId, 'technology.know_how_changed')).toHaveLength(events);
  });

  it('refuses a stale version, an unknown step key and people outside the directory', async () => {
    const base = { steps: [{ key: 'a', name: 'A' }], holdings: [] };
    expect(
      await codeOf(services.knowHow.save(officer, coreId, mapInput({ ...base, version: saved.version - 1 }))),
    ).toBe('register/version_conflict');
    expect(
      await codeOf(
        services.knowHow.save(
          officer,
          coreId,
          mapInput({ ...base, holdings: [{ stepKey: 'b', personId: engineerA, depth: 2 }], version: saved.version }),
        ),
      ),
    ).toBe('register/step_unknown');
    expect(
      await codeOf(
        services.knowHow.save(
          officer,
          coreId,
          mapInput({ ...base, holdings: [{ stepKey: 'a', personId: randomUUID(), depth: 2 }], version: saved.version }),
        ),
      ),
    ).toBe('register/unknown_person');
    // A person of another company is invisible here (row-level security) and so equally unknown.
    const otherTenant = randomUUID();
    await db.system((tx) =>
      tx.execute(
        sql`insert into organisations (id, kind, name_ja, name_en) values (${otherTenant}, 'company', '別社', 'Other')`,
      ),
    );
    const stranger = await addPerson(otherTenant, { employeeId: 'KH-X', name: '他社 太郎' });
    expect(
      await codeOf(
        services.knowHow.save(
          officer,
          coreId,
          mapInput({ ...base, holdings: [{ stepKey: 'a', personId: stranger, depth: 2 }], version: saved.version }),
        ),
      ),
    ).toBe('register/unknown_person');
    // Nothing of the refused saves was written.
    expect((await services.knowHow.get(officer, coreId)).steps.map((s) => s.name)).toEqual(
      saved.steps.map((s) => s.name),
    );
  });
});

describe('know-how map: who may read and edit it', () => {
  it('the owner edits the map of their own technology', async () => {
    const view = await services.knowHow.get(owner, ownedId);
    expect(view.abilities.edit).toBe(true);
    const saved = await services.knowHow.save(
      owner,
      ownedId,
      mapInput({
        steps: [{ key: 's', name: '工程1' }],
        holdings: [{ stepKey: 's', personId: subordinateB, depth: 3 }],
        version: view.version,
      }),
    );
    expect(saved.analysis).toMatchObject({ level: 'high', busFactor: 1 });
  });

  it('the owner does not see another technology’s map; legal reads but cannot edit; an employee gets 404', async () => {
    expect(await codeOf(services.knowHow.get(owner, coreId))).toBe('register/not_found');
    const legalView = await services.knowHow.get(legal, coreId);
    expect(legalView.abilities.edit).toBe(false);
    expect(
      await codeOf(
        services.knowHow.save(legal, coreId, mapInput({ steps: [], holdings: [], version: legalView.version })),
      ),
    ).toBe('auth/forbidden');
    expect(await codeOf(services.knowHow.get(employee, coreId))).toBe('register/not_found');
    expect(await codeOf(services.knowHow.get(officer, randomUUID()))).toBe('register/not_found');
  });

  it('an archived technology’s map cannot be changed', async () => {
    const id = (await services.register.createTechnology(officer, technology({ code: 'KH-ARCH' }))).id;
    await services.register.archiveTechnology(officer, id, { reason: null });
    const view = await services.knowHow.get(officer, id);
    expect(view.abilities.edit).toBe(false);
    expect(
      await codeOf(services.knowHow.save(officer, id, mapInput({ steps: [], holdings: [], version: view.version }))),
    ).toBe('register/archived');
  });
});

describe('concentration refresh', () => {
  it('recomputes the technologies a person holds know-how for when their status changes', async () => {
    await db.tenant(officer.tenantId, (tx) =>
      tx.update(people).set({ status: 'left', lastWorkingDay: '2026-01-31' }).where(eq(people.id, engineerA)),
    );
    const changed = await db.tenant(officer.tenantId, (tx) =>
      refreshConcentration(tx, officer.tenantId, { personIds: [engineerA] }, today),
    );
    expect(changed).toBe(1);
    expect(await storedConcentration(coreId)).toMatchObject({ level: 'critical', busFactor: 0, departing: 1 });
    // A second refresh finds nothing to change.
    expect(await db.tenant(officer.tenantId, (tx) => refreshConcentration(tx, officer.tenantId, {}, today))).toBe(0);
  });

  it('a refresh of the whole tenant repairs a stale stored value', async () => {
    await db.tenant(officer.tenantId, async (tx) => {
      await tx
        .update(technologies)
        .set({ concentrationLevel: 'low', busFactor: 9 })
        .where(eq(technologies.id, ownedId));
      await tx
        .update(technologies)
        .set({ concentrationLevel: 'none', busFactor: null, departingHolders: 0 })
        .where(eq(technologies.id, coreId));
    });
    expect(await db.tenant(officer.tenantId, (tx) => refreshConcentration(tx, officer.tenantId, {}, today))).toBe(2);
    expect(await storedConcentration(ownedId)).toMatchObject({ level: 'high', busFactor: 1 });
    expect(await storedConcentration(coreId)).toMatchObject({ level: 'critical', busFactor: 0, departing: 1 });
  });
});

describe('concentration ranking', () => {
  const query = (q: Record<string, string> = {}) => ConcentrationRankingQuery.parse({ pageSize: '500', ...q });
  const RANK = { critical: 0, high: 1, medium: 2, low: 3, none: 4 } as const;

  it('ranks critical first, then by bus factor, with the names of the critical people', async () => {
    const page = await services.knowHow.ranking(officer, query());
    const ranks = page.items.map((i) => RANK[i.concentration.level]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const core = page.items.find((i) => i.code === 'KH-CORE');
    // 岡本 一郎 has left: 設計B … 量産E have nobody, so no set of people is needed to empty a step.
    expect(core).toMatchObject({
      isCore: true,
      steps: 6,
      holders: 2,
      concentration: { level: 'critical', busFactor: 0 },
    });
    const owned = page.items.find((i) => i.code === 'KH-OWN');
    expect(owned?.criticalPeople).toEqual([{ id: subordinateB, name: '木下 二郎', status: 'active' }]);
    expect(page.total).toBe(page.items.length);
  });

  it('filters by level and core flag', async () => {
    const critical = await services.knowHow.ranking(officer, query({ level: 'critical', core: 'true' }));
    expect(critical.items.every((i) => i.concentration.level === 'critical' && i.isCore)).toBe(true);
    expect(critical.items.map((i) => i.code)).toContain('KH-CORE');
    expect(critical.items.map((i) => i.code)).not.toContain('KH-OWN');
  });

  it('lists only technologies the caller may read in full', async () => {
    const ownerCodes = (await services.knowHow.ranking(owner, query())).items.map((i) => i.code);
    expect(ownerCodes).toContain('KH-OWN');
    expect(ownerCodes).not.toContain('KH-CORE');
    const employeeCodes = (await services.knowHow.ranking(employee, query())).items.map((i) => i.code);
    expect(employeeCodes).not.toContain('KH-CORE');
    expect(employeeCodes).not.toContain('KH-OWN');
  });

  it('an export is audited', async () => {
    await services.knowHow.ranking(officer, query({ format: 'csv' }));
    const events = await db.system((tx) =>
      tx.execute<{ payload: { list: string; format: string } }>(
        sql`select payload from audit_events where type = 'register.exported' order by seq desc limit 1`,
      ),
    );
    expect(events.rows[0]?.payload).toMatchObject({ list: 'concentration', format: 'csv' });
  });
});

describe('people changes reach the register', () => {
  it('marking a holder as left through the people directory recomputes their technologies at once', async () => {
    const person = await services.people.get(officer, subordinateB);
    await services.people.update(officer, subordinateB, {
      person: PersonInput.parse({
        employeeId: person.employeeId,
        name: person.name,
        employmentType: person.employmentType,
        status: 'left',
        lastWorkingDay: '2026-01-31',
      }),
      version: person.version,
    });
    expect(await storedConcentration(ownedId)).toMatchObject({ level: 'critical', busFactor: 0, departing: 1 });
  });
});

describe('the core flag is an input of the level', () => {
  it('marking a technology as core while a leaving person is a sole holder raises it from high to critical', async () => {
    const leaving = await addPerson(officer.tenantId, {
      employeeId: 'KH-101',
      name: '退職 予定',
      status: 'leaving',
      lastWorkingDay: '2099-06-30',
    });
    const staying = await addPerson(officer.tenantId, { employeeId: 'KH-102', name: '在籍 継続' });
    const created = await services.register.createTechnology(officer, technology({ code: 'KH-FLAG' }));
    const saved = await services.knowHow.save(
      officer,
      created.id,
      mapInput({
        steps: [
          { key: 'x', name: '配合' },
          { key: 'y', name: '焼成' },
        ],
        holdings: [
          { stepKey: 'x', personId: leaving, depth: 3 },
          { stepKey: 'y', personId: staying, depth: 3 },
        ],
        version: created.version,
      }),
    );
    expect(saved.analysis).toMatchObject({ level: 'high', busFactor: 1 });
    const current = await services.register.getTechnology(officer, created.id);
    const input = TechnologyInput.parse({
      code: current.code,
      nameJa: current.nameJa,
      classificationCode: current.classificationCode,
      isCore: true,
      coreReason: '焼成条件は当社の競争力の源泉',
    });
    const updated = await services.register.updateTechnology(officer, created.id, {
      technology: input,
      version: current.version,
    });
    expect(updated.concentration).toMatchObject({ level: 'critical', busFactor: 1 });
    expect(await storedConcentration(created.id)).toMatchObject({ level: 'critical' });
  });
});
