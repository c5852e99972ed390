import { TechnologyInput, type TechnologyInput as TechnologyInputType, TechnologyListQuery } from '@kakine/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createSeededServices, actorFor as seededActor } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Actor } from '../../platform/actor/actor';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import { people } from '../people/people.schema';
import * as repo from './register.repository';
import { tokyoDate } from './register.rules';
import { accessGrants, technologies } from './register.schema';
import { createRegisterService } from './register.service';
import { loadRegisterSettings, prepareTechnologyWrites, writeTechnology } from './technology-access';

let db: Database;
let services: Services;
let officer: Actor;
let owner: Actor;
let employee: Actor;
let legal: Actor;
let meti: Actor;

const actorFor = (email: string): Promise<Actor> => seededActor(db, email);

/** A technology input with defaults applied, as the route would pass it. */
const input = (overrides: Partial<TechnologyInputType> = {}) =>
  TechnologyInput.parse({ code: 'T-000', nameJa: '試験技術', classificationCode: 'secret', ...overrides });

const list = (actor: Actor, query: Record<string, string> = {}) =>
  services.register.listTechnologies(actor, TechnologyListQuery.parse({ pageSize: '500', ...query }));

const codesOf = async (actor: Actor, query: Record<string, string> = {}) =>
  (await list(actor, query)).items.map((i) => i.code).filter((c) => c.startsWith('T-'));

const auditOf = async (technologyId: string) => {
  const r = await db.system((tx) =>
    tx.execute<{ type: string; payload: Record<string, unknown>; actor_user_id: string }>(
      sql`select type, payload, actor_user_id from audit_events where subject_type = 'technology'
        and subject_id = ${technologyId} order by seq`,
    ),
  );
  return r.rows;
};

const today = tokyoDate(new Date());

let secretId = '';
let publicId = '';

beforeAll(async () => {
  ({ db, services } = await createSeededServices({ bundledCatalogues: true }));
  officer = await actorFor('officer@minato-ceramics.example');
  owner = await actorFor('tech@minato-ceramics.example');
  employee = await actorFor('engineer@minato-ceramics.example');
  legal = await actorFor('legal@minato-ceramics.example');
  meti = await actorFor('case@meti.example');
  secretId = (
    await services.register.createTechnology(
      owner,
      input({
        code: 'T-MLCC',
        nameJa: '積層セラミックコンデンサ',
        nameEn: 'Multilayer ceramic capacitor',
        description: 'チタン酸バリウム粉末の焼成条件',
        products: ['車載ECU'],
        isCore: true,
        coreReason: '競合にない薄層化技術',
        designatedCodes: ['MLCC'],
        locations: [
          { kind: 'site', name: '本社工場', countryCode: 'JP', detail: null },
          { kind: 'site', name: 'タイ工場', countryCode: 'TH', detail: 'Ayutthaya' },
          { kind: 'system', name: 'ファイルサーバー', countryCode: null, detail: '\\\\fs01\\開発\\MLCC' },
        ],
      }),
    )
  ).id;
  publicId = (
    await services.register.createTechnology(
      officer,
      input({ code: 'T-PUB', nameJa: '公開済みの梱包方法', classificationCode: 'public' }),
    )
  ).id;
});
afterAll(async () => {
  await db?.close();
});

describe('creating a technology', () => {
  it('makes the technology owner who registers it its owner, and shows everything resolved', async () => {
    const view = await services.register.getTechnology(owner, secretId);
    expect(view).toMatchObject({
      code: 'T-MLCC',
      ownerUserId: owner.userId,
      ownerName: '伊藤 直樹',
      classificationCode: 'secret',
      isCore: true,
      reviewIntervalMonths: 12,
      lastReviewedOn: null,
      reviewOverdue: false,
      status: 'active',
      version: 1,
      concentration: { level: 'none', busFactor: null, singlePersonAllSteps: false, departingHolders: 0 },
      tradeSecret: { qualifies: false, failing: ['secrecy_management', 'usefulness', 'non_public'] },
      abilities: {
        read: true,
        edit: true,
        archive: true,
        delete: false,
        review: true,
        manageAccess: true,
        editKnowHow: true,
        viewHistory: true,
      },
    });
    expect(view.nextReviewOn > today).toBe(true);
    expect(view.designated).toEqual([
      expect.objectContaining({ code: 'MLCC', number: 1, nameJa: '積層セラミックコンデンサ（MLCC）', inForce: true }),
    ]);
    expect(view.designated[0]?.versionEffectiveFrom).toBe('2024-12-30');
    expect(view.locations.map((l) => [l.name, l.countryNameJa, l.overseas])).toEqual([
      ['本社工場', '日本', false],
      ['タイ工場', 'タイ', true],
      ['ファイルサーバー', null, false],
    ]);
    const stored = await db.system((tx) =>
      tx
        .select({ overseas: technologies.overseas, searchText: technologies.searchText })
        .from(technologies)
        .where(eq(technologies.id, secretId)),
    );
    expect(stored[0]?.overseas).toBe(true);
    expect(stored[0]?.searchText).toContain('チタン酸バリウム');
    expect(await auditOf(secretId)).toEqual([
      {
        type: 'technology.created',
        payload: { code: 'T-MLCC', nameJa: '積層セラミックコンデンサ', source: 'form' },
        actor_user_id: owner.userId,
      },
    ]);
  });

  it('does not let a technology owner assign a technology to someone else', async () => {
    expect(
      await codeOf(services.register.createTechnology(owner, input({ code: 'T-X1', ownerUserId: officer.userId }))),
    ).toBe('auth/forbidden');
    expect(await codeOf(services.register.createTechnology(employee, input({ code: 'T-X2' })))).toBe('auth/forbidden');
    expect(await codeOf(services.register.createTechnology(legal, input({ code: 'T-X3' })))).toBe('auth/forbidden');
  });

  it('lets the officer assign an owner, who must be an active user of the company', async () => {
    const view = await services.register.createTechnology(
      officer,
      input({ code: 'T-ASSIGNED', ownerUserId: owner.userId, classificationCode: 'confidential' }),
    );
    expect(view.ownerName).toBe('伊藤 直樹');
    const error = await services.register
      .createTechnology(officer, input({ code: 'T-X4', ownerUserId: meti.userId }))
      .catch((e: AppError) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('register/unknown_owner');
    expect((error as AppError).details).toEqual({ field: 'ownerUserId', values: [meti.userId] });
  });

  it.each([
    ['classification', { classificationCode: 'ultra' }, 'register/unknown_classification'],
    ['designated code', { designatedCodes: ['MLCC', 'NOPE'] }, 'register/unknown_designated_technology'],
    [
      'country',
      { locations: [{ kind: 'site' as const, name: '架空拠点', countryCode: 'XX', detail: null }] },
      'register/unknown_country',
    ],
    [
      'evidence file',
      {
        exportControl: {
          status: 'not_applicable' as const,
          assessedOn: '2026-01-10',
          evidenceFileIds: ['00000000-0000-4000-8000-000000000000'],
        },
      },
      'register/unknown_file',
    ],
    ['code', { code: 'T-MLCC' }, 'register/code_taken'],
  ])('refuses an unknown %s with a stable code and writes nothing', async (_name, overrides, code) => {
    expect(await codeOf(services.register.createTechnology(officer, input({ code: 'T-BAD', ...overrides })))).toBe(
      code,
    );
    const rows = await db.system((tx) => tx.select().from(technologies).where(eq(technologies.code, 'T-BAD')));
    expect(rows).toEqual([]);
  });

  it('answers 403 to users of other organisation kinds', async () => {
    expect(await codeOf(services.register.listTechnologies(meti, TechnologyListQuery.parse({})))).toBe(
      'auth/forbidden',
    );
    expect(await codeOf(services.register.getTechnology(meti, secretId))).toBe('auth/forbidden');
    expect(await codeOf(services.register.getSettings(meti))).toBe('auth/forbidden');
  });
});

describe('designated technologies as of a date', () => {
  it('shows a designation not yet in force on the day as inForce false, with its start date', async () => {
    const id = (
      await services.register.createTechnology(
        officer,
        input({ code: 'T-SSE', nameJa: '固体電解質', designatedCodes: ['SOLID_ELECTROLYTE', 'MLCC'] }),
      )
    ).id;
    const early = createRegisterService({ db, clock: () => new Date('2025-03-01T03:00:00Z'), exportLimit: 100 });
    const view = await early.getTechnology(officer, id);
    expect(view.designated.map((d) => [d.code, d.inForce, d.inForceFrom])).toEqual([
      ['SOLID_ELECTROLYTE', false, '2025-06-09'],
      ['MLCC', true, '2024-12-30'],
    ]);
    const now = await services.register.getTechnology(officer, id);
    expect(now.designated.every((d) => d.inForce)).toBe(true);
  });
});

describe('who sees what', () => {
  let personId = '';

  it('shows an employee without access the names only, and answers 404 on the detail', async () => {
    const page = await list(employee);
    const secret = page.items.find((i) => i.id === secretId);
    expect(secret).toEqual({
      id: secretId,
      access: 'name_only',
      code: 'T-MLCC',
      nameJa: '積層セラミックコンデンサ',
      nameEn: 'Multilayer ceramic capacitor',
      products: [],
      ownerName: null,
      department: null,
      classificationCode: null,
      isCore: null,
      designatedCodes: [],
      exportControlStatus: null,
      overseas: null,
      nextReviewOn: null,
      reviewOverdue: null,
      tradeSecretQualifies: null,
      concentration: null,
      status: 'active',
      updatedAt: null,
    });
    expect(page.items.find((i) => i.id === publicId)?.access).toBe('full');
    expect(page.abilities).toEqual({ create: false, import: false, manageSettings: false });
    expect(await codeOf(services.register.getTechnology(employee, secretId))).toBe('register/not_found');
    expect(await codeOf(services.register.history(employee, secretId, { page: 1, pageSize: 10 }))).toBe(
      'register/not_found',
    );
    expect((await services.register.getTechnology(employee, publicId)).abilities).toMatchObject({
      read: true,
      edit: false,
      archive: false,
      delete: false,
    });
  });

  it('does not let a name-only reader learn details through filters or the search', async () => {
    expect(await codeOf(list(employee, { core: 'true' }))).toBe('ok');
    expect(await codesOf(employee, { core: 'true' })).not.toContain('T-MLCC');
    expect(await codesOf(employee, { classification: 'secret' })).not.toContain('T-MLCC');
    // The description mentions チタン酸バリウム; the name does not.
    expect(await codesOf(employee, { q: 'チタン酸' })).not.toContain('T-MLCC');
    expect(await codesOf(officer, { q: 'チタン酸' })).toContain('T-MLCC');
    // The name itself is what the employee can see, so searching by it finds the row.
    expect(await codesOf(employee, { q: 'コンデンサ' })).toContain('T-MLCC');
  });

  it('lets legal read everything but change nothing', async () => {
    const view = await services.register.getTechnology(legal, secretId);
    expect(view.abilities).toMatchObject({ read: true, edit: false, archive: false, review: false, viewHistory: true });
    const page = await list(legal);
    expect(page.items.find((i) => i.id === secretId)?.access).toBe('full');
    expect(await codeOf(services.register.archiveTechnology(legal, secretId, { reason: null }))).toBe('auth/forbidden');
  });

  it('opens a technology to an employee with an active grant to their person record', async () => {
    const [person] = await db.system((tx) =>
      tx
        .insert(people)
        .values({
          tenantId: employee.tenantId,
          employeeId: 'E-9001',
          name: '小林 誠',
          email: 'Engineer@Minato-Ceramics.example',
          department: '試験開発部',
          employmentType: 'employee',
        })
        .returning({ id: people.id }),
    );
    personId = person!.id;
    const [grant] = await db.system((tx) =>
      tx
        .insert(accessGrants)
        .values({
          tenantId: employee.tenantId,
          technologyId: secretId,
          granteeKind: 'person',
          personId,
          reason: '試作ラインの担当',
          expiresOn: today,
        })
        .returning({ id: accessGrants.id }),
    );
    expect((await services.register.getTechnology(employee, secretId)).abilities).toMatchObject({
      read: true,
      edit: false,
      viewHistory: true,
    });
    expect((await list(employee)).items.find((i) => i.id === secretId)?.access).toBe('full');

    // Expired yesterday: back to the name only.
    await db.system((tx) =>
      tx.update(accessGrants).set({ expiresOn: '2020-01-01' }).where(eq(accessGrants.id, grant!.id)),
    );
    expect(await codeOf(services.register.getTechnology(employee, secretId))).toBe('register/not_found');

    // A revoked grant gives nothing either.
    await db.system((tx) =>
      tx.update(accessGrants).set({ expiresOn: null, revokedAt: new Date() }).where(eq(accessGrants.id, grant!.id)),
    );
    expect(await codeOf(services.register.getTechnology(employee, secretId))).toBe('register/not_found');
  });

  it('opens it through a grant to the department of their person record, but not once they have left', async () => {
    await db.system((tx) =>
      tx.insert(accessGrants).values({
        tenantId: employee.tenantId,
        technologyId: secretId,
        granteeKind: 'department',
        department: '試験開発部',
        reason: '部内共有',
      }),
    );
    expect((await services.register.getTechnology(employee, secretId)).id).toBe(secretId);
    await db.system((tx) =>
      tx.update(people).set({ status: 'left', lastWorkingDay: '2026-01-31' }).where(eq(people.id, personId)),
    );
    expect(await codeOf(services.register.getTechnology(employee, secretId))).toBe('register/not_found');
    await db.system((tx) =>
      tx.update(people).set({ status: 'active', lastWorkingDay: null }).where(eq(people.id, personId)),
    );
    expect((await services.register.getTechnology(employee, secretId)).id).toBe(secretId);
    await db.system((tx) =>
      tx
        .delete(accessGrants)
        .where(and(eq(accessGrants.technologyId, secretId), eq(accessGrants.granteeKind, 'department'))),
    );
  });

  it('hides inaccessible technologies entirely when the company chooses so', async () => {
    const before = await list(employee);
    const settings = await services.register.getSettings(officer);
    await services.register.updateSettings(officer, { ...settings, inaccessibleVisibility: 'hidden' });
    const after = await list(employee);
    expect(after.items.map((i) => i.id)).not.toContain(secretId);
    expect(after.items.every((i) => i.access === 'full')).toBe(true);
    expect(after.total).toBe(before.items.filter((i) => i.access === 'full').length);
    expect(await codeOf(services.register.getTechnology(employee, secretId))).toBe('register/not_found');
    await services.register.updateSettings(officer, { ...settings, inaccessibleVisibility: 'names' });
    expect((await list(employee)).items.map((i) => i.id)).toContain(secretId);
  });

  it('does not let a technology owner change a technology they do not own', async () => {
    const view = await services.register.getTechnology(owner, publicId);
    expect(view.abilities).toMatchObject({ read: true, edit: false, archive: false });
    expect(
      await codeOf(
        services.register.updateTechnology(owner, publicId, {
          technology: input({ code: 'T-PUB', nameJa: '書き換え', classificationCode: 'public' }),
          version: view.version,
        }),
      ),
    ).toBe('auth/forbidden');
  });
});

describe('settings', () => {
  it('refuses to remove a classification level still in use, and audits a change with its diff', async () => {
    const settings = await services.register.getSettings(officer);
    expect(settings.abilities).toEqual({ edit: true });
    expect((await services.register.getSettings(employee)).abilities).toEqual({ edit: false });
    const withoutSecret = settings.classificationLevels.filter((l) => l.code !== 'secret');
    const error = await services.register
      .updateSettings(officer, { ...settings, classificationLevels: withoutSecret })
      .catch((e: AppError) => e);
    expect((error as AppError).code).toBe('register/classification_in_use');
    expect((error as AppError).details).toEqual({ codes: ['secret'] });

    const updated = await services.register.updateSettings(officer, {
      ...settings,
      classificationLevels: [
        ...settings.classificationLevels,
        { code: 'restricted', nameJa: '関係者外秘', nameEn: 'Restricted', rank: 5, secret: true },
      ],
      defaultReviewIntervalMonths: 6,
    });
    expect(updated.classificationLevels.map((l) => l.code)).toEqual([
      'top_secret',
      'secret',
      'confidential',
      'public',
      'restricted',
    ]);
    const events = await db.system((tx) =>
      tx.execute<{ payload: { changes: { field: string }[] } }>(
        sql`select payload from audit_events where type = 'register.settings_changed' and tenant_id = ${officer.tenantId}
          order by seq desc limit 1`,
      ),
    );
    expect(events.rows[0]?.payload.changes.map((c) => c.field)).toEqual([
      'classificationLevels',
      'defaultReviewIntervalMonths',
    ]);
    expect(await codeOf(services.register.updateSettings(owner, updated))).toBe('auth/forbidden');
    // Unused levels may go again.
    await services.register.updateSettings(officer, { ...settings, defaultReviewIntervalMonths: 12 });
  });

  it('lists the users who may own technologies', async () => {
    const owners = await services.register.listOwners(employee);
    const names = owners.items.map((o) => o.displayName);
    expect(names).toEqual(expect.arrayContaining(['伊藤 直樹', '高橋 健一']));
    // Employees, HR and legal cannot own technologies.
    expect(names).not.toContain('小林 誠');
    expect(names).not.toContain('山本 修');
  });
});

describe('editing', () => {
  it('replaces a technology, bumps the version, audits the changed fields and refuses a stale version', async () => {
    const view = await services.register.getTechnology(owner, secretId);
    const technology = input({
      code: 'T-MLCC',
      nameJa: '積層セラミックコンデンサ',
      nameEn: 'Multilayer ceramic capacitor',
      description: 'チタン酸バリウム粉末の焼成条件と薄層化',
      products: ['車載ECU', 'スマートフォン'],
      isCore: true,
      coreReason: '競合にない薄層化技術',
      designatedCodes: ['MLCC'],
      locations: view.locations.map((l) => ({
        kind: l.kind,
        name: l.name,
        countryCode: l.countryCode,
        detail: l.detail,
      })),
      lastReviewedOn: '2020-04-01',
    });
    const updated = await services.register.updateTechnology(owner, secretId, { technology, version: view.version });
    expect(updated.version).toBe(view.version + 1);
    expect(updated.nextReviewOn).toBe('2021-04-01');
    expect(updated.reviewOverdue).toBe(true);
    const audit = await auditOf(secretId);
    expect(audit.at(-1)).toMatchObject({
      type: 'technology.updated',
      payload: {
        code: 'T-MLCC',
        source: 'form',
        changes: [
          {
            field: 'description',
            before: 'チタン酸バリウム粉末の焼成条件',
            after: 'チタン酸バリウム粉末の焼成条件と薄層化',
          },
          { field: 'products', before: ['車載ECU'], after: ['車載ECU', 'スマートフォン'] },
          { field: 'lastReviewedOn', before: null, after: '2020-04-01' },
          { field: 'nextReviewOn', before: view.nextReviewOn, after: '2021-04-01' },
        ],
      },
    });

    // Saving the same again changes nothing and records nothing.
    const same = await services.register.updateTechnology(owner, secretId, { technology, version: updated.version });
    expect(same.version).toBe(updated.version);
    expect((await auditOf(secretId)).length).toBe(audit.length);

    const stale = await services.register
      .updateTechnology(owner, secretId, {
        technology: { ...technology, nameJa: '古い画面から' },
        version: view.version,
      })
      .catch((e: AppError) => e);
    expect((stale as AppError).code).toBe('register/version_conflict');
    expect((await services.register.getTechnology(owner, secretId)).nameJa).toBe('積層セラミックコンデンサ');
  });

  it('lets two concurrent edits of the same version succeed only once', async () => {
    const view = await services.register.getTechnology(officer, publicId);
    const edit = (nameJa: string) =>
      codeOf(
        services.register.updateTechnology(officer, publicId, {
          technology: input({ code: 'T-PUB', nameJa, classificationCode: 'public' }),
          version: view.version,
        }),
      );
    expect((await Promise.all([edit('同時編集A'), edit('同時編集B')])).sort()).toEqual([
      'ok',
      'register/version_conflict',
    ]);
  });
});

describe('archive, restore and delete', () => {
  it('archives and restores, refusing edits while archived', async () => {
    const id = (await services.register.createTechnology(owner, input({ code: 'T-ARC', nameJa: '旧製法' }))).id;
    const archived = await services.register.archiveTechnology(owner, id, { reason: '製造終了' });
    expect(archived).toMatchObject({ status: 'archived', abilities: { edit: false, archive: true, review: false } });
    expect(archived.archivedAt).toBeInstanceOf(Date);
    expect(await codesOf(officer)).not.toContain('T-ARC');
    expect(await codesOf(officer, { status: 'archived' })).toContain('T-ARC');
    expect(await codesOf(officer, { status: 'all' })).toContain('T-ARC');
    expect(
      await codeOf(
        services.register.updateTechnology(owner, id, {
          technology: input({ code: 'T-ARC' }),
          version: archived.version,
        }),
      ),
    ).toBe('register/archived');
    expect(await codeOf(services.register.archiveTechnology(owner, id, { reason: null }))).toBe('register/archived');
    expect(
      await codeOf(
        services.register.assessRequirement(owner, id, 'usefulness', {
          status: 'met',
          note: null,
          evidenceFileIds: [],
          reviewedOn: null,
        }),
      ),
    ).toBe('register/archived');
    const restored = await services.register.restoreTechnology(owner, id, { reason: '再開' });
    expect(restored).toMatchObject({ status: 'active', archivedAt: null });
    expect(await codeOf(services.register.restoreTechnology(owner, id, { reason: null }))).toBe(
      'register/not_archived',
    );
    expect((await auditOf(id)).map((e) => [e.type, e.payload.reason ?? null])).toEqual([
      ['technology.created', null],
      ['technology.archived', '製造終了'],
      ['technology.restored', '再開'],
    ]);
  });

  it('refuses to delete a technology another record refers to, and deletes it once nothing does', async () => {
    const id = (await services.register.createTechnology(officer, input({ code: 'T-DEL', nameJa: '削除候補' }))).id;
    // A later module (deals) will refer to technologies like this.
    await db.pool.query(`create table test_deal_technologies (
      id uuid primary key default gen_random_uuid(),
      technology_id uuid not null references technologies(id) on delete restrict)`);
    await db.pool.query('insert into test_deal_technologies (technology_id) values ($1)', [id]);

    expect(await codeOf(services.register.deleteTechnology(owner, id))).toBe('auth/forbidden');
    expect(await codeOf(services.register.deleteTechnology(officer, id))).toBe('register/technology_in_use');
    expect((await services.register.getTechnology(officer, id)).code).toBe('T-DEL');

    await db.pool.query('delete from test_deal_technologies');
    // A plain reference (NO ACTION, PostgreSQL's default) is refused the same way.
    await db.pool.query(`create table test_report_technologies (
      id uuid primary key default gen_random_uuid(),
      technology_id uuid not null references technologies(id))`);
    await db.pool.query('insert into test_report_technologies (technology_id) values ($1)', [id]);
    expect(await codeOf(services.register.deleteTechnology(officer, id))).toBe('register/technology_in_use');
    await db.pool.query('delete from test_report_technologies');
    expect(await services.register.deleteTechnology(officer, id)).toEqual({ ok: true });
    expect(await codeOf(services.register.getTechnology(officer, id))).toBe('register/not_found');
    expect((await auditOf(id)).map((e) => e.type)).toEqual(['technology.created', 'technology.deleted']);
  });
});

describe('trade-secret requirements', () => {
  it('records each requirement, recomputes the verdict and audits what changed', async () => {
    const assess = (requirement: 'secrecy_management' | 'usefulness' | 'non_public', status: 'met' | 'partially_met') =>
      services.register.assessRequirement(owner, secretId, requirement, {
        status,
        note: `${requirement} の確認`,
        evidenceFileIds: [],
        reviewedOn: '2026-02-01',
      });
    await assess('secrecy_management', 'met');
    await assess('usefulness', 'met');
    expect(await codesOf(officer, { tradeSecretGap: 'true' })).toContain('T-MLCC');
    const view = await assess('non_public', 'met');
    expect(view.tradeSecret).toMatchObject({ qualifies: true, failing: [] });
    expect(view.tradeSecret.requirements.map((r) => [r.requirement, r.status, r.reviewedByName])).toEqual([
      ['secrecy_management', 'met', '伊藤 直樹'],
      ['usefulness', 'met', '伊藤 直樹'],
      ['non_public', 'met', '伊藤 直樹'],
    ]);
    expect(await codesOf(officer, { tradeSecretGap: 'true' })).not.toContain('T-MLCC');
    expect(await codesOf(officer, { tradeSecretGap: 'false' })).toContain('T-MLCC');

    const count = (await auditOf(secretId)).length;
    await assess('non_public', 'met');
    expect((await auditOf(secretId)).length).toBe(count);

    const partly = await assess('secrecy_management', 'partially_met');
    expect(partly.tradeSecret).toMatchObject({ qualifies: false, failing: ['secrecy_management'] });
    expect((await auditOf(secretId)).at(-1)).toMatchObject({
      type: 'technology.requirement_reviewed',
      payload: {
        code: 'T-MLCC',
        requirement: 'secrecy_management',
        changes: [{ field: 'status', before: 'met', after: 'partially_met' }],
      },
    });
    expect(
      await codeOf(
        services.register.assessRequirement(employee, publicId, 'usefulness', {
          status: 'met',
          note: null,
          evidenceFileIds: [],
          reviewedOn: null,
        }),
      ),
    ).toBe('auth/forbidden');
  });

  it('accepts evidence uploaded to the technology, readable only by those with full access', async () => {
    const file = await services.files.upload(owner, {
      recordType: 'technology',
      recordId: secretId,
      name: '秘密保持誓約書.txt',
      bytes: Buffer.from('秘密保持誓約書の控え'),
    });
    const view = await services.register.assessRequirement(owner, secretId, 'secrecy_management', {
      status: 'met',
      note: '誓約書あり',
      evidenceFileIds: [file.id],
      reviewedOn: '2026-02-02',
    });
    expect(view.tradeSecret.requirements[0]?.evidenceFileIds).toEqual([file.id]);
    expect((await services.files.download(owner, file.id)).file.id).toBe(file.id);
    expect(await codeOf(services.files.download(employee, file.id))).toBe('files/not_found');
    expect(
      await codeOf(
        services.files.upload(employee, {
          recordType: 'technology',
          recordId: secretId,
          name: 'x.txt',
          bytes: Buffer.from('x'),
        }),
      ),
    ).toBe('auth/forbidden');
  });
});

describe('finding technologies', () => {
  beforeAll(async () => {
    const add = (code: string, overrides: Partial<TechnologyInputType>) =>
      services.register.createTechnology(officer, input({ code, ...overrides }));
    await add('T-BT', {
      nameJa: 'チタン酸バリウム粉末',
      classificationCode: 'top_secret',
      designatedCodes: ['BARIUM_TITANATE'],
    });
    await add('T-FILM', { nameJa: '誘電体フィルムの延伸', nameEn: 'Dielectric film stretching', department: '材料部' });
    await add('T-PCT', { nameJa: '歩留まり100%達成手順', classificationCode: 'confidential' });
    const risky = await add('T-RISK', { nameJa: '焼成炉の温度制御', classificationCode: 'confidential' });
    await db.system((tx) =>
      tx
        .update(technologies)
        .set({ concentrationLevel: 'critical', busFactor: 1 })
        .where(eq(technologies.id, risky.id)),
    );
  });

  it('finds Japanese substrings, two-character queries and full-width input', async () => {
    expect(await codesOf(officer, { q: 'コンデンサ' })).toContain('T-MLCC');
    expect(await codesOf(officer, { q: 'コンデンサ' })).not.toContain('T-BT');
    expect(await codesOf(officer, { q: '粉末' })).toEqual(expect.arrayContaining(['T-MLCC', 'T-BT']));
    expect(await codesOf(officer, { q: '延伸' })).toEqual(['T-FILM']);
    expect(await codesOf(officer, { q: 'ＦＩＬＭ' })).toEqual(['T-FILM']);
    expect(await codesOf(officer, { q: 'stretch' })).toEqual(['T-FILM']);
    expect(await codesOf(officer, { q: 'ｽﾏｰﾄﾌｫﾝ' })).toEqual(['T-MLCC']);
  });

  it('matches % and _ literally', async () => {
    expect(await codesOf(officer, { q: '100%' })).toEqual(['T-PCT']);
    expect(await codesOf(officer, { q: '%' })).toEqual(['T-PCT']);
    expect(await codesOf(officer, { q: '_' })).toEqual([]);
  });

  it('filters by core, designation, classification, department, owner, review, concentration risk', async () => {
    expect(await codesOf(officer, { core: 'true' })).toEqual(['T-MLCC']);
    expect(await codesOf(officer, { designated: 'true' })).toEqual(['T-BT', 'T-MLCC', 'T-SSE']);
    expect(await codesOf(officer, { classification: 'top_secret' })).toEqual(['T-BT']);
    expect(await codesOf(officer, { department: '材料部' })).toEqual(['T-FILM']);
    expect(await codesOf(officer, { ownerUserId: owner.userId })).toEqual(['T-ARC', 'T-ASSIGNED', 'T-MLCC']);
    expect(await codesOf(officer, { reviewOverdue: 'true' })).toEqual(['T-MLCC']);
    expect(await codesOf(officer, { concentrationRisk: 'true' })).toEqual(['T-RISK']);
    expect(await codesOf(officer, { concentrationRisk: 'false' })).not.toContain('T-RISK');
  });

  it('sorts by classification rank and bus factor, and pages with a total', async () => {
    const byRank = await codesOf(officer, { sort: 'classification', order: 'asc' });
    expect(byRank.indexOf('T-BT')).toBeLessThan(byRank.indexOf('T-MLCC'));
    expect(byRank.indexOf('T-MLCC')).toBeLessThan(byRank.indexOf('T-PCT'));
    expect(byRank.indexOf('T-PCT')).toBeLessThan(byRank.indexOf('T-PUB'));
    expect((await codesOf(officer, { sort: 'busFactor', order: 'asc' }))[0]).toBe('T-RISK');
    const all = await list(officer);
    const page2 = await list(officer, { pageSize: '2', page: '2' });
    expect(page2.total).toBe(all.total);
    expect(page2.items.map((i) => i.id)).toEqual(all.items.slice(2, 4).map((i) => i.id));
  });

  it('exports only what the caller may read in full, and audits the export', async () => {
    const forEmployee = await services.register.exportTechnologies(employee, {
      ...TechnologyListQuery.parse({}),
      format: 'csv',
    });
    expect(forEmployee.items.map((i) => i.code)).toContain('T-PUB');
    expect(forEmployee.items.map((i) => i.code)).not.toContain('T-MLCC');
    const forOfficer = await services.register.exportTechnologies(officer, {
      ...TechnologyListQuery.parse({ q: 'コンデンサ' }),
      format: 'xlsx',
    });
    expect(forOfficer.items.find((i) => i.code === 'T-MLCC')?.ownerEmail).toBe('tech@minato-ceramics.example');
    const events = await db.system((tx) =>
      tx.execute<{ payload: unknown }>(
        sql`select payload from audit_events where type = 'register.exported' and tenant_id = ${officer.tenantId} order by seq`,
      ),
    );
    expect(events.rows.map((r) => r.payload)).toEqual([
      { list: 'technologies', format: 'csv', rows: forEmployee.items.length },
      { list: 'technologies', format: 'xlsx', rows: forOfficer.items.length },
    ]);
  });
});

describe('history', () => {
  it('lists the audit events of a technology newest first with the changed fields', async () => {
    const page = await services.register.history(owner, secretId, { page: 1, pageSize: 50 });
    expect(page.items.map((e) => e.seq)).toEqual([...page.items.map((e) => e.seq)].sort((a, b) => b - a));
    expect(page.items.at(-1)).toMatchObject({
      type: 'technology.created',
      typeLabel: '技術の登録',
      actorLabel: '伊藤 直樹 <tech@minato-ceramics.example>',
      changes: [],
      details: { code: 'T-MLCC', nameJa: '積層セラミックコンデンサ', source: 'form' },
    });
    const update = page.items.find((e) => e.type === 'technology.updated');
    expect(update?.changes.map((c) => c.field)).toContain('products');
    expect(update?.details).toEqual({ code: 'T-MLCC', source: 'form' });
    const second = await services.register.history(owner, secretId, { page: 2, pageSize: 2 });
    expect(second.total).toBe(page.total);
    expect(second.items.map((e) => e.seq)).toEqual(page.items.slice(2, 4).map((e) => e.seq));
  });
});

describe('tenant isolation', () => {
  let foreignId = '';

  beforeAll(async () => {
    const [foreign] = await db.system((tx) =>
      tx
        .insert(technologies)
        .values({
          tenantId: meti.tenantId,
          code: 'T-FOREIGN',
          nameJa: '他社のコンデンサ',
          classificationCode: 'public',
          reviewIntervalMonths: 12,
          nextReviewOn: '2030-01-01',
          searchText: 't-foreign\n他社のコンデンサ',
          nameSearchText: 't-foreign\n他社のコンデンサ',
        })
        .returning({ id: technologies.id }),
    );
    foreignId = foreign!.id;
  });

  it('answers 404 for another tenant’s technology on every endpoint and never lists it', async () => {
    expect(await codeOf(services.register.getTechnology(officer, foreignId))).toBe('register/not_found');
    expect(
      await codeOf(
        services.register.updateTechnology(officer, foreignId, {
          technology: input({ code: 'T-FOREIGN' }),
          version: 1,
        }),
      ),
    ).toBe('register/not_found');
    expect(await codeOf(services.register.archiveTechnology(officer, foreignId, { reason: null }))).toBe(
      'register/not_found',
    );
    expect(await codeOf(services.register.deleteTechnology(officer, foreignId))).toBe('register/not_found');
    expect(await codeOf(services.register.history(officer, foreignId, { page: 1, pageSize: 10 }))).toBe(
      'register/not_found',
    );
    expect(
      await codeOf(
        services.register.assessRequirement(officer, foreignId, 'usefulness', {
          status: 'met',
          note: null,
          evidenceFileIds: [],
          reviewedOn: null,
        }),
      ),
    ).toBe('register/not_found');
    expect(await codesOf(officer, { q: 'コンデンサ', status: 'all' })).not.toContain('T-FOREIGN');
  });

  it('is enforced by row-level security too, not only by the queries', async () => {
    const seen = await db.tenant(officer.tenantId, (tx) =>
      tx.select({ id: technologies.id }).from(technologies).where(eq(technologies.id, foreignId)),
    );
    expect(seen).toEqual([]);
    const error = await db
      .tenant(officer.tenantId, (tx) =>
        tx.insert(technologies).values({
          tenantId: meti.tenantId,
          code: 'T-SMUGGLED',
          nameJa: '越境',
          classificationCode: 'public',
          reviewIntervalMonths: 12,
          nextReviewOn: '2030-01-01',
        }),
      )
      .then(
        () => null,
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(error).toMatch(/row-level security/);
  });
});

describe('batched writes (the register import)', () => {
  it('creates, updates and leaves unchanged with pre-loaded look-ups, auditing with source import', async () => {
    const write = (code: string, nameJa: string, ownerEmail: string) =>
      db.tenant(officer.tenantId, async (tx) => {
        const lookups = await prepareTechnologyWrites(tx, officer.tenantId, today);
        const settings = await loadRegisterSettings(tx, officer.tenantId);
        const [existing] = await repo.technologiesByCodes(tx, officer.tenantId, [code]);
        return writeTechnology(
          tx,
          officer,
          input({ code, nameJa, ownerUserId: lookups.activeUserIdsByEmail.get(ownerEmail) ?? null }),
          { source: 'import', existing: existing ?? null, settings, today, resolved: lookups },
        );
      });
    expect(await write('T-IMP', '取込技術', 'tech@minato-ceramics.example')).toMatchObject({ outcome: 'created' });
    expect(await write('T-IMP', '取込技術', 'tech@minato-ceramics.example')).toMatchObject({
      outcome: 'unchanged',
      changes: [],
    });
    const updated = await write('T-IMP', '取込技術（改）', 'tech@minato-ceramics.example');
    expect(updated).toMatchObject({
      outcome: 'updated',
      changes: [{ field: 'nameJa', before: '取込技術', after: '取込技術（改）' }],
    });
    expect((await auditOf(updated.id)).map((e) => [e.type, e.payload.source])).toEqual([
      ['technology.created', 'import'],
      ['technology.updated', 'import'],
    ]);
    expect((await services.register.getTechnology(owner, updated.id)).ownerUserId).toBe(owner.userId);
    expect(
      await codeOf(
        db.tenant(officer.tenantId, async (tx) => {
          const lookups = await prepareTechnologyWrites(tx, officer.tenantId, today);
          return writeTechnology(tx, officer, input({ code: 'T-IMP3', designatedCodes: ['NOPE'] }), {
            source: 'import',
            existing: null,
            settings: await loadRegisterSettings(tx, officer.tenantId),
            today,
            resolved: lookups,
          });
        }),
      ),
    ).toBe('register/unknown_designated_technology');
  });
});
