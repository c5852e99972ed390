import { randomUUID } from 'node:crypto';
import {
  AccessGrantInput,
  type AccessGrantInput as AccessGrantInputType,
  AccessReviewQuery,
  TechnologyInput,
  type TechnologyInput as TechnologyInputType,
  UpdateAccessGrantBody,
} from '@kakine/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createSeededServices, actorFor as seededActor } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Actor } from '../../platform/actor/actor';
import type { Database } from '../../platform/db/database';
import { people } from '../people/people.schema';
import { tokyoDate } from './register.rules';
import { accessGrants, technologies } from './register.schema';

let db: Database;
let services: Services;
let officer: Actor;
let owner: Actor;
let employee: Actor;
let legal: Actor;

const today = tokyoDate(new Date());
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const technology = (overrides: Partial<TechnologyInputType>) =>
  TechnologyInput.parse({ nameJa: '試験技術', classificationCode: 'secret', ...overrides });
const grantInput = (input: AccessGrantInputType) => AccessGrantInput.parse(input);

/** Adds a person to the company's directory and returns their id. */
const addPerson = async (person: {
  employeeId: string;
  name: string;
  employmentType?: 'employee' | 'dispatched' | 'contractor';
  status?: 'active' | 'leaving' | 'left';
  lastWorkingDay?: string | null;
  department?: string | null;
  email?: string | null;
}): Promise<string> => {
  const tenantId = officer.tenantId;
  const [row] = await db.tenant(tenantId, (tx) =>
    tx
      .insert(people)
      .values({
        tenantId,
        employeeId: person.employeeId,
        name: person.name,
        email: person.email ?? null,
        department: person.department ?? null,
        employmentType: person.employmentType ?? 'employee',
        status: person.status ?? 'active',
        lastWorkingDay: person.lastWorkingDay ?? null,
      })
      .returning({ id: people.id }),
  );
  return (row as { id: string }).id;
};

/** The directory record of the demo employee (小林 誠), matched by e-mail as the register does. */
const engineerRecord = async (): Promise<{ id: string; department: string }> => {
  const [row] = await db.tenant(officer.tenantId, (tx) =>
    tx
      .select({ id: people.id, department: people.department })
      .from(people)
      .where(and(eq(people.tenantId, officer.tenantId), eq(people.email, 'engineer@minato-ceramics.example'))),
  );
  if (row?.department) return { id: row.id, department: row.department };
  const id = await addPerson({
    employeeId: 'AC-ENG',
    name: '小林 誠',
    email: 'engineer@minato-ceramics.example',
    department: '積層技術部',
  });
  return { id, department: '積層技術部' };
};

const auditPayloads = async (technologyId: string, type: string) =>
  (
    await db.system((tx) =>
      tx.execute<{ payload: Record<string, unknown> }>(
        sql`select payload from audit_events where subject_type = 'technology' and subject_id = ${technologyId}
          and type = ${type} order by seq`,
      ),
    )
  ).rows.map((r) => r.payload);

let coreId = '';
let ownedId = '';
let publicId = '';
let dispatched = '';
let leaver = '';
let formerEmployee = '';

beforeAll(async () => {
  ({ db, services } = await createSeededServices({ bundledCatalogues: true }));
  officer = await seededActor(db, 'officer@minato-ceramics.example');
  owner = await seededActor(db, 'tech@minato-ceramics.example');
  employee = await seededActor(db, 'engineer@minato-ceramics.example');
  legal = await seededActor(db, 'legal@minato-ceramics.example');
  dispatched = await addPerson({
    employeeId: 'AC-D01',
    name: 'グエン テスト',
    employmentType: 'dispatched',
    department: '設備保全課',
  });
  leaver = await addPerson({
    employeeId: 'AC-L01',
    name: '退職予定 花子',
    status: 'leaving',
    lastWorkingDay: addDays(today, 20),
  });
  formerEmployee = await addPerson({
    employeeId: 'AC-X01',
    name: '退職済 太郎',
    status: 'left',
    lastWorkingDay: '2025-03-31',
  });
  coreId = (
    await services.register.createTechnology(
      officer,
      technology({ code: 'AC-CORE', classificationCode: 'top_secret', isCore: true, coreReason: '焼成条件' }),
    )
  ).id;
  ownedId = (await services.register.createTechnology(owner, technology({ code: 'AC-OWN', ownerUserId: owner.userId })))
    .id;
  publicId = (
    await services.register.createTechnology(officer, technology({ code: 'AC-PUB', classificationCode: 'public' }))
  ).id;
});

afterAll(async () => {
  await db?.close();
});

describe('granting access', () => {
  it('the seed’s Case 4: a dispatched worker on 極秘 core technology without expiry is flagged three ways', async () => {
    const view = await services.accessGrants.grant(
      officer,
      coreId,
      grantInput({ granteeKind: 'person', personId: dispatched, reason: '焼成炉の保守', expiresOn: null }),
    );
    expect(view).toMatchObject({
      technologyCode: 'AC-CORE',
      granteeKind: 'person',
      personName: 'グエン テスト',
      personEmployeeId: 'AC-D01',
      personEmploymentType: 'dispatched',
      reason: '焼成炉の保守',
      grantedByName: '高橋 健一',
      state: 'active',
      findings: ['external_on_core', 'external_on_top_level', 'no_expiry_external'],
      abilities: { revoke: true, edit: true },
    });
    expect(await auditPayloads(coreId, 'technology.access_granted')).toContainEqual({
      code: 'AC-CORE',
      grantId: view.id,
      granteeKind: 'person',
      grantee: 'グエン テスト (AC-D01)',
      reason: '焼成炉の保守',
      expiresOn: null,
    });
  });

  it('refuses a second effective grant to the same person or department', async () => {
    expect(
      await codeOf(
        services.accessGrants.grant(
          officer,
          coreId,
          grantInput({ granteeKind: 'person', personId: dispatched, reason: '再申請', expiresOn: addDays(today, 10) }),
        ),
      ),
    ).toBe('register/grant_exists');
    const department = grantInput({
      granteeKind: 'department',
      department: '設備保全課',
      reason: '保守',
      expiresOn: null,
    });
    const first = await services.accessGrants.grant(officer, coreId, department);
    expect(first.findings).toEqual(['department_on_core']);
    expect(await codeOf(services.accessGrants.grant(officer, coreId, department))).toBe('register/grant_exists');
  });

  it('validates the grantee and the expiry', async () => {
    const grant = (input: AccessGrantInputType) =>
      codeOf(services.accessGrants.grant(officer, coreId, grantInput(input)));
    expect(await grant({ granteeKind: 'person', personId: randomUUID(), reason: 'x', expiresOn: null })).toBe(
      'register/unknown_person',
    );
    expect(await grant({ granteeKind: 'person', personId: formerEmployee, reason: 'x', expiresOn: null })).toBe(
      'register/person_left',
    );
    expect(await grant({ granteeKind: 'department', department: '存在しない部', reason: 'x', expiresOn: null })).toBe(
      'register/unknown_department',
    );
    expect(await grant({ granteeKind: 'person', personId: leaver, reason: 'x', expiresOn: addDays(today, -1) })).toBe(
      'register/expiry_in_past',
    );
  });

  it('flags a grant to someone who is leaving', async () => {
    const view = await services.accessGrants.grant(
      officer,
      ownedId,
      grantInput({ granteeKind: 'person', personId: leaver, reason: '引継ぎ', expiresOn: today }),
    );
    expect(view).toMatchObject({ state: 'active', findings: ['holder_leaving'] });
  });
});

describe('the grantee sees the technology', () => {
  it('a person grant gives the employee full access at once, and revoking takes it away', async () => {
    const record = await engineerRecord();
    expect(await codeOf(services.register.getTechnology(employee, coreId))).toBe('register/not_found');
    const grant = await services.accessGrants.grant(
      officer,
      coreId,
      grantInput({ granteeKind: 'person', personId: record.id, reason: '設計レビュー', expiresOn: addDays(today, 30) }),
    );
    expect((await services.register.getTechnology(employee, coreId)).code).toBe('AC-CORE');
    expect((await services.knowHow.get(employee, coreId)).technologyId).toBe(coreId);
    await services.accessGrants.revoke(officer, grant.id, { reason: 'レビュー終了' });
    expect(await codeOf(services.register.getTechnology(employee, coreId))).toBe('register/not_found');
  });

  it('a department grant gives everyone of the department access', async () => {
    const record = await engineerRecord();
    const id = (await services.register.createTechnology(officer, technology({ code: 'AC-DEPT' }))).id;
    expect(await codeOf(services.register.getTechnology(employee, id))).toBe('register/not_found');
    await services.accessGrants.grant(
      officer,
      id,
      grantInput({ granteeKind: 'department', department: record.department, reason: '部内共有', expiresOn: null }),
    );
    expect((await services.register.getTechnology(employee, id)).code).toBe('AC-DEPT');
  });
});

describe('changing and revoking a grant', () => {
  let grantId = '';

  it('changes reason and expiry with an audited list of changes', async () => {
    const created = await services.accessGrants.grant(
      officer,
      ownedId,
      grantInput({ granteeKind: 'person', personId: dispatched, reason: '保守', expiresOn: addDays(today, 5) }),
    );
    grantId = created.id;
    const changed = await services.accessGrants.update(
      officer,
      grantId,
      UpdateAccessGrantBody.parse({ reason: '保守（延長）', expiresOn: addDays(today, 60) }),
    );
    expect(changed).toMatchObject({ reason: '保守（延長）', expiresOn: addDays(today, 60) });
    const [event] = await auditPayloads(ownedId, 'technology.access_changed');
    expect(event).toMatchObject({
      code: 'AC-OWN',
      grantId,
      grantee: 'グエン テスト (AC-D01)',
      changes: [
        { field: 'reason', before: '保守', after: '保守（延長）' },
        { field: 'expiresOn', before: addDays(today, 5), after: addDays(today, 60) },
      ],
    });
    // Removing the expiry of an outsider's grant brings the finding back.
    const open = await services.accessGrants.update(officer, grantId, UpdateAccessGrantBody.parse({ expiresOn: null }));
    expect(open.findings).toEqual(['no_expiry_external']);
  });

  it('revokes once; a second revocation or change is refused', async () => {
    const revoked = await services.accessGrants.revoke(officer, grantId, { reason: '契約終了' });
    expect(revoked).toMatchObject({
      state: 'revoked',
      findings: [],
      revokedByName: '高橋 健一',
      abilities: { revoke: false },
    });
    expect(await auditPayloads(ownedId, 'technology.access_revoked')).toContainEqual({
      code: 'AC-OWN',
      grantId,
      grantee: 'グエン テスト (AC-D01)',
      reason: '契約終了',
    });
    expect(await codeOf(services.accessGrants.revoke(officer, grantId, { reason: null }))).toBe(
      'register/grant_revoked',
    );
    expect(
      await codeOf(services.accessGrants.update(officer, grantId, UpdateAccessGrantBody.parse({ reason: '再開' }))),
    ).toBe('register/grant_revoked');
    expect(await codeOf(services.accessGrants.revoke(officer, randomUUID(), { reason: null }))).toBe(
      'register/grant_not_found',
    );
  });

  it('an expired grant is flagged, and cannot be extended while another grant is in effect', async () => {
    const [expired] = await db.tenant(officer.tenantId, (tx) =>
      tx
        .insert(accessGrants)
        .values({
          tenantId: officer.tenantId,
          technologyId: publicId,
          granteeKind: 'person',
          personId: leaver,
          reason: '展示会準備',
          grantedBy: officer.userId,
          expiresOn: addDays(today, -3),
        })
        .returning({ id: accessGrants.id }),
    );
    const expiredId = (expired as { id: string }).id;
    const list = await services.accessGrants.list(officer, publicId);
    expect(list.items.find((g) => g.id === expiredId)).toMatchObject({ state: 'expired', findings: ['expired'] });
    await services.accessGrants.grant(
      officer,
      publicId,
      grantInput({ granteeKind: 'person', personId: leaver, reason: '展示会', expiresOn: null }),
    );
    expect(
      await codeOf(
        services.accessGrants.update(officer, expiredId, UpdateAccessGrantBody.parse({ expiresOn: addDays(today, 3) })),
      ),
    ).toBe('register/grant_exists');
    // Active grants are listed before expired ones.
    expect((await services.accessGrants.list(officer, publicId)).items.map((g) => g.state)).toEqual([
      'active',
      'expired',
    ]);
  });
});

describe('who may see and manage grants', () => {
  it('the owner manages the grants of their own technology only', async () => {
    const view = await services.accessGrants.grant(
      owner,
      ownedId,
      grantInput({ granteeKind: 'person', personId: dispatched, reason: '共同開発', expiresOn: addDays(today, 90) }),
    );
    expect(view.abilities.revoke).toBe(true);
    expect(
      await codeOf(
        services.accessGrants.grant(
          owner,
          coreId,
          grantInput({ granteeKind: 'person', personId: leaver, reason: 'x', expiresOn: null }),
        ),
      ),
    ).toBe('register/not_found');
    const coreGrant = (await services.accessGrants.list(officer, coreId)).items[0]?.id as string;
    expect(await codeOf(services.accessGrants.revoke(owner, coreGrant, { reason: null }))).toBe(
      'register/grant_not_found',
    );
  });

  it('legal reads the grants but cannot change them; an employee cannot list them', async () => {
    const list = await services.accessGrants.list(legal, coreId);
    expect(list.items.length).toBeGreaterThan(0);
    expect(list.items.every((g) => !g.abilities.revoke && !g.abilities.edit)).toBe(true);
    expect(
      await codeOf(
        services.accessGrants.grant(
          legal,
          coreId,
          grantInput({ granteeKind: 'person', personId: leaver, reason: 'x', expiresOn: null }),
        ),
      ),
    ).toBe('auth/forbidden');
    expect(await codeOf(services.accessGrants.revoke(legal, list.items[0]?.id as string, { reason: null }))).toBe(
      'auth/forbidden',
    );
    expect(await codeOf(services.accessGrants.list(employee, ownedId))).toBe('register/not_found');
    // Even on a technology the employee may read (公開), who else has access is need-to-know.
    expect(await codeOf(services.accessGrants.list(employee, publicId))).toBe('auth/forbidden');
  });

  it('no grant on an archived technology', async () => {
    const id = (await services.register.createTechnology(officer, technology({ code: 'AC-ARCH' }))).id;
    await services.register.archiveTechnology(officer, id, { reason: null });
    expect(
      await codeOf(
        services.accessGrants.grant(
          officer,
          id,
          grantInput({ granteeKind: 'person', personId: leaver, reason: 'x', expiresOn: null }),
        ),
      ),
    ).toBe('register/archived');
  });
});

describe('access review', () => {
  const query = (q: Record<string, string> = {}) => AccessReviewQuery.parse({ pageSize: '500', ...q });
  const ours = <T extends { technologyCode: string }>(items: T[]) =>
    items.filter((g) => g.technologyCode.startsWith('AC-'));

  it('lists the grants with findings across the register for the officer', async () => {
    const page = await services.accessGrants.review(officer, query());
    expect(page.items.every((g) => g.findings.length > 0)).toBe(true);
    expect(page.items.every((g) => g.state !== 'revoked')).toBe(true);
    const mine = ours(page.items);
    expect(mine.map((g) => `${g.technologyCode}:${g.personName ?? g.department}:${g.findings.join('+')}`)).toEqual(
      expect.arrayContaining([
        'AC-CORE:グエン テスト:external_on_core+external_on_top_level+no_expiry_external',
        'AC-CORE:設備保全課:department_on_core',
        'AC-OWN:退職予定 花子:holder_leaving',
        'AC-PUB:退職予定 花子:expired',
      ]),
    );
    // The employee's grants without findings (a time-limited grant to an employee) are not listed.
    expect(mine.some((g) => g.personName === '小林 誠')).toBe(false);
    const codes = page.items.map((g) => g.technologyCode);
    expect(codes).toEqual([...codes].sort((a, b) => a.localeCompare(b, 'ja')));
  });

  it('filters by finding and state and pages', async () => {
    const external = await services.accessGrants.review(officer, query({ finding: 'external_on_core' }));
    expect(external.items.every((g) => g.findings.includes('external_on_core'))).toBe(true);
    expect(ours(external.items)).toHaveLength(1);
    const expired = await services.accessGrants.review(officer, query({ state: 'expired' }));
    expect(expired.items.every((g) => g.state === 'expired')).toBe(true);
    expect(ours(expired.items)).toHaveLength(1);
    const all = await services.accessGrants.review(officer, query());
    const second = await services.accessGrants.review(officer, AccessReviewQuery.parse({ pageSize: '1', page: '2' }));
    expect(second.items.map((g) => g.id)).toEqual([all.items[1]?.id]);
    expect(second.total).toBe(all.total);
  });

  it('shows an owner only their own technologies, and refuses readers', async () => {
    const page = await services.accessGrants.review(owner, query());
    expect(page.items.length).toBeGreaterThan(0);
    const owned = await db.tenant(officer.tenantId, (tx) =>
      tx.select({ code: technologies.code }).from(technologies).where(eq(technologies.ownerUserId, owner.userId)),
    );
    const codes = new Set(page.items.map((g) => g.technologyCode));
    expect(codes.has('AC-OWN')).toBe(true);
    expect([...codes].every((c) => owned.some((o) => o.code === c))).toBe(true);
    expect(codes.has('AC-CORE')).toBe(false);
    expect(await codeOf(services.accessGrants.review(employee, query()))).toBe('auth/forbidden');
    expect(await codeOf(services.accessGrants.review(legal, query()))).toBe('auth/forbidden');
  });

  it('an export is audited', async () => {
    const result = await services.accessGrants.review(officer, query({ format: 'xlsx' }));
    const [event] = (
      await db.system((tx) =>
        tx.execute<{ payload: Record<string, unknown> }>(
          sql`select payload from audit_events where type = 'register.exported' order by seq desc limit 1`,
        ),
      )
    ).rows;
    expect(event?.payload).toEqual({ list: 'access_review', format: 'xlsx', rows: result.total });
  });
});
