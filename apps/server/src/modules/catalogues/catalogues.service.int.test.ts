import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CatalogueName, Locale, PublishCatalogueVersionFields } from '@kakine/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { codeOf, createSeededServices, actorFor as seededActor } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Actor } from '../../platform/actor/actor';
import type { Database } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import { createLogger } from '../../platform/logger/logger';
import { parseCountriesCsv } from './catalogue-files.rules';
import { createCataloguesService } from './catalogues.service';

const bundled = (file: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../../catalogues/${file}`, import.meta.url)));
const officialWorkbook = bundled('end-user-list/meti-end-user-list-2025-09-29.xlsx');
const EUL_ATTRIBUTION = '出典：経済産業省「外国ユーザーリスト」(2026年1月8日)';

let db: Database;
let services: Services;
let catalogueAdmin: Actor;
let companyAdmin: Actor;
let metiAdmin: Actor;
let auditor: Actor;

const actorFor = (email: string, locale: Locale = 'ja'): Promise<Actor> => seededActor(db, email, { locale });

const versionCount = async (catalogue: CatalogueName) =>
  (
    await db.system((tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from catalogue_versions where catalogue = ${catalogue}`),
    )
  ).rows[0]?.n;

const fields = (
  effectiveFrom: string,
  extra: Partial<PublishCatalogueVersionFields> = {},
): PublishCatalogueVersionFields => ({
  effectiveFrom,
  label: `テスト版 ${effectiveFrom}`,
  source: 'Kakine test suite',
  sourceUrl: undefined,
  notes: undefined,
  attribution: EUL_ATTRIBUTION,
  ...extra,
});

/** Publishes through the service and runs the job; returns the finished run. */
const publish = async (
  actor: Actor,
  catalogue: CatalogueName,
  effectiveFrom: string,
  file: { name: string; bytes: Buffer },
) => {
  const { jobId } = await services.catalogues.requestPublication(actor, catalogue, fields(effectiveFrom), file);
  await services.jobs.drain();
  const run = await services.jobs.get(actor.tenantId, jobId, actor.locale);
  if (!run) throw new Error('job run vanished');
  return run;
};

/** The official workbook with its cells changed by `change`, written by exceljs. */
const changedWorkbook = async (change: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(officialWorkbook as unknown as ExcelJS.Buffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  change(sheet);
  return Buffer.from(await book.xlsx.writeBuffer());
};

beforeAll(async () => {
  ({ db, services } = await createSeededServices({ bundledCatalogues: true }));
  catalogueAdmin = await actorFor('catalogue@meti.example');
  companyAdmin = await actorFor('admin@minato-ceramics.example');
  metiAdmin = await actorFor('admin@meti.example');
  auditor = await actorFor('auditor@tics-cert.example');
});

afterAll(async () => {
  await services?.jobs.stop();
  await db?.close();
});

describe('designated technologies as of a date (bundled data)', () => {
  it.each<[string, number | null]>([
    ['2024-12-29', null],
    ['2024-12-30', 10],
    ['2025-01-01', 10],
    ['2025-06-08', 10],
    ['2025-06-09', 15],
    ['2030-01-01', 15],
  ])('on %s: %s technologies', async (asOf, count) => {
    const answer = await services.catalogues.designatedTechnologies(companyAdmin, { asOf });
    expect(answer.asOf).toBe(asOf);
    if (count === null) {
      expect(answer).toEqual({ asOf, version: null, items: [] });
      return;
    }
    expect(answer.items).toHaveLength(count);
    expect(answer.version).toMatchObject({ effectiveFrom: '2024-12-30', bundled: true, publishedByName: null });
  });

  it('carries the uncertain facts of technologies 11–15 in statusNote', async () => {
    const { items } = await services.catalogues.designatedTechnologies(auditor, { asOf: '2025-06-09' });
    const magnetic = items.find((t) => t.number === 11);
    expect(magnetic).toMatchObject({ code: 'MAGNETIC_SENSOR', nameJa: '磁気センサー', inForceFrom: '2025-06-09' });
    expect(magnetic?.legalReference).toContain('[U]');
    expect(magnetic?.statusNote).toMatch(/legal_reference is unknown \[U\]/);
    expect(magnetic?.statusNote).toMatch(/name_en, group_ja and group_en are the compiler's\s+translation \[I\]/);
  });

  it('reads one version whole by id, and names an unknown id', async () => {
    const { version } = await services.catalogues.designatedTechnologies(companyAdmin, { asOf: '2025-01-01' });
    const whole = await services.catalogues.designatedTechnologies(companyAdmin, { versionId: version?.id });
    expect(whole.asOf).toBeNull();
    expect(whole.items).toHaveLength(15);
    expect(
      await codeOf(
        services.catalogues.designatedTechnologies(companyAdmin, { versionId: '00000000-0000-4000-8000-000000000000' }),
      ),
    ).toBe('catalogue/version_not_found');
  });

  it('defaults to today in Japan', async () => {
    const at = (instant: string) =>
      createCataloguesService({
        db,
        clock: () => new Date(instant),
        log: createLogger('silent'),
        store: services.files.store,
        jobs: services.jobs,
        notifier: services.notifier,
        exportLimit: 1000,
      });
    // 2025-06-08T15:00Z is already 2025-06-09 in Japan, the day the five additions came into force.
    const before = await at('2025-06-08T14:59:59Z').designatedTechnologies(companyAdmin, {});
    const after = await at('2025-06-08T15:00:00Z').designatedTechnologies(companyAdmin, {});
    expect([before.asOf, before.items.length]).toEqual(['2025-06-08', 10]);
    expect([after.asOf, after.items.length]).toEqual(['2025-06-09', 15]);
  });
});

describe('countries and Group A as of a date (bundled data)', () => {
  const korea = async (asOf: string) => {
    const page = await services.catalogues.countries(metiAdmin, {
      asOf,
      q: 'KR',
      page: 1,
      pageSize: 50,
      order: 'asc',
      sort: 'alpha2',
      format: 'json',
    });
    return page.items.find((c) => c.alpha2 === 'KR');
  };

  it.each<[string, boolean]>([
    ['2019-08-02', true],
    ['2019-08-27', true],
    ['2019-08-28', false],
    ['2020-01-01', false],
    ['2023-07-20', false],
    ['2023-07-21', true],
    ['2024-01-01', true],
  ])('Korea on %s: Group A %s', async (asOf, member) => {
    expect((await korea(asOf))?.groupA).toBe(member);
  });

  it('gives the membership with its source and certainty', async () => {
    expect((await korea('2019-08-27'))?.groupAMembership).toMatchObject({
      effectiveFrom: '2019-08-02',
      effectiveTo: '2019-08-27',
      status: 'C',
    });
    const page = await services.catalogues.countries(companyAdmin, {
      asOf: '2024-01-01',
      q: 'US',
      page: 1,
      pageSize: 50,
      order: 'asc',
      sort: 'alpha2',
      format: 'json',
    });
    expect(page.items[0]?.groupAMembership).toMatchObject({ status: 'I' });
    expect(page.items[0]?.groupAMembership?.statusNote).toContain('[I]');
  });

  it('counts 27 members (26 while Korea was out) and pages them', async () => {
    const members = (asOf: string, page = 1, pageSize = 50) =>
      services.catalogues.countries(companyAdmin, {
        asOf,
        groupA: true,
        page,
        pageSize,
        order: 'asc',
        sort: 'alpha2',
        format: 'json',
      });
    expect((await members('2024-01-01')).total).toBe(27);
    expect((await members('2020-01-01')).total).toBe(26);
    const second = await members('2024-01-01', 2, 10);
    expect(second.items.map((c) => c.alpha2)).toHaveLength(10);
    expect(second).toMatchObject({ page: 2, pageSize: 10, total: 27 });
  });

  it('has no version before 2019-08-02, and all 249 countries after', async () => {
    const query = { page: 1, pageSize: 500, order: 'asc', sort: 'alpha2', format: 'json' } as const;
    const early = await services.catalogues.countries(companyAdmin, { ...query, asOf: '2019-08-01' });
    expect(early).toMatchObject({ version: null, items: [], total: 0 });
    const all = await services.catalogues.countries(companyAdmin, { ...query, asOf: '2025-01-01' });
    expect(all.total).toBe(249);
  });

  it('finds a country by part of its Japanese name, in hiragana too', async () => {
    const find = (q: string) =>
      services.catalogues.countries(companyAdmin, {
        asOf: '2025-01-01',
        q,
        page: 1,
        pageSize: 50,
        order: 'asc',
        sort: 'nameJa',
        format: 'json',
      });
    expect((await find('イラン')).items.map((c) => c.alpha2)).toEqual(['IR']);
    expect((await find('いらん')).items.map((c) => c.alpha2)).toEqual(['IR']);
    expect((await find('korea')).items.map((c) => c.alpha2).sort()).toEqual(['KP', 'KR']);
  });
});

describe('End User List as of a date (bundled edition)', () => {
  const query = { page: 1, pageSize: 50, order: 'asc', sort: 'number', format: 'json' } as const;

  it('has the 835 entities of the edition applied from 2025-10-09, with its attribution', async () => {
    const page = await services.catalogues.endUserList(auditor, { ...query, asOf: '2025-10-09' });
    expect(page.total).toBe(835);
    expect(page.items).toHaveLength(50);
    expect(page.version?.attribution).toBe('出典：経済産業省「外国ユーザーリスト」(2025年9月29日)');
    expect(page.attribution).toBe('経済産業省「外国ユーザーリスト」(2025年9月29日)を加工して作成');
    expect(page.countries).toHaveLength(15);
    const before = await services.catalogues.endUserList(auditor, { ...query, asOf: '2025-10-08' });
    expect(before).toMatchObject({ version: null, attribution: null, total: 0 });
  });

  it('finds an entity by one of its aliases, ignoring case and width', async () => {
    for (const q of [
      'Amnokkang Development Bank',
      'amnokkang development bank',
      'ＡＭＮＯＫＫＡＮＧ ＤＥＶＥＬＯＰＭＥＮＴ',
    ]) {
      const page = await services.catalogues.endUserList(companyAdmin, { ...query, asOf: '2025-12-01', q });
      expect(page.items.map((e) => e.number)).toEqual([301]);
      expect(page.items[0]?.aliases).toContain('Amnokkang Development Bank');
    }
  });

  it('filters by country and concern', async () => {
    const count = async (filter: { country?: string; concern?: 'B' | 'C' | 'M' | 'N' | 'CW' }) =>
      (await services.catalogues.endUserList(companyAdmin, { ...query, asOf: '2025-12-01', ...filter })).total;
    expect(await count({ country: 'イラン' })).toBe(257);
    expect(await count({ country: 'north korea' })).toBe(154);
    expect(await count({ concern: 'CW' })).toBe(240);
  });
});

describe('publishing a new End User List edition', () => {
  let oldVersionId = '';
  let renamed = '';

  it('refuses a publisher without catalogue:publish', async () => {
    const file = { name: 'list.xlsx', bytes: officialWorkbook };
    expect(
      await codeOf(services.catalogues.requestPublication(companyAdmin, 'end_user_list', fields('2026-01-15'), file)),
    ).toBe('auth/forbidden');
    expect(
      await codeOf(services.catalogues.requestPublication(metiAdmin, 'end_user_list', fields('2026-01-15'), file)),
    ).toBe('auth/forbidden');
  });

  it('stores the changed workbook as a version and the diff shows exactly the changes', async () => {
    const current = await services.catalogues.endUserList(companyAdmin, { ...query(), asOf: '2026-01-14' });
    oldVersionId = current.version?.id ?? '';
    const old20 = (
      await services.catalogues.endUserList(companyAdmin, { ...query(), asOf: '2026-01-14', pageSize: 500 })
    ).items.find((e) => e.number === 20);
    renamed = old20?.name ?? '';

    const workbook = await changedWorkbook((sheet) => {
      sheet.getRow(4).getCell(5).value = '核\nN'; // No. 3: concerns M → N
      sheet.getRow(5).getCell(4).value = '・Candid Trading LLC\n・Candid General Trading'; // No. 4: one more alias
      sheet.getRow(21).getCell(3).value = 'Kakine Test Renamed Entity Co., Ltd.'; // No. 20: another entity
      // No. 30 and 31 trade places: renumbering alone is no change.
      const [a, b] = [sheet.getRow(31), sheet.getRow(32)];
      for (const column of [2, 3, 4, 5, 6]) {
        const value = a.getCell(column).value;
        a.getCell(column).value = b.getCell(column).value;
        b.getCell(column).value = value;
      }
      sheet.getRow(837).values = [
        836,
        'イラン\nIslamic Republic of Iran',
        'Kakine Test New Entity',
        '・KTNE',
        'ミサイル\nM',
      ];
    });
    const run = await publish(catalogueAdmin, 'end_user_list', '2026-01-15', {
      name: 'eul-2026.xlsx',
      bytes: workbook,
    });
    expect(run).toMatchObject({ status: 'succeeded', progressDone: 836, progressTotal: 836 });
    const result = run.result as { versionId: string; entryCount: number };
    expect(result.entryCount).toBe(836);

    const diff = await services.catalogues.diff(companyAdmin, {
      catalogue: 'end-user-list',
      a: oldVersionId,
      b: result.versionId,
    });
    if (diff.catalogue !== 'end_user_list') throw new Error('wrong catalogue');
    expect(diff.summary).toEqual({ added: 2, removed: 1, changed: 2, unchanged: 832 });
    expect(diff.added.map((e) => [e.number, e.name])).toEqual([
      [20, 'Kakine Test Renamed Entity Co., Ltd.'],
      [836, 'Kakine Test New Entity'],
    ]);
    expect(diff.removed.map((e) => [e.number, e.name])).toEqual([[20, renamed]]);
    expect(diff.changed.map((c) => [c.after.number, c.fields])).toEqual([
      [3, ['concerns']],
      [4, ['aliases']],
    ]);
    expect(diff.changed[0]?.before.concerns).toEqual(['M']);
    expect(diff.changed[0]?.after.concerns).toEqual(['N']);
  });

  it('answers with the old edition before the new effective date and the new one from it', async () => {
    const before = await services.catalogues.endUserList(companyAdmin, { ...query(), asOf: '2026-01-14' });
    const from = await services.catalogues.endUserList(companyAdmin, { ...query(), asOf: '2026-01-15' });
    expect([before.version?.id, before.total]).toEqual([oldVersionId, 835]);
    expect(from.total).toBe(836);
    expect(from.attribution).toBe('経済産業省「外国ユーザーリスト」(2026年1月8日)を加工して作成');
    const list = await services.catalogues.list(companyAdmin);
    const versions = list.items.find((i) => i.catalogue === 'end_user_list')?.versions ?? [];
    expect(versions.map((v) => v.effectiveFrom)).toEqual(['2026-01-15', '2025-10-09']);
  });

  it('shows the publisher by name inside METI and only the organisation to others', async () => {
    const inMeti = (await services.catalogues.list(metiAdmin)).items.find((i) => i.catalogue === 'end_user_list');
    const inCompany = (await services.catalogues.list(companyAdmin)).items.find((i) => i.catalogue === 'end_user_list');
    expect(inMeti?.versions[0]).toMatchObject({ bundled: false, publishedByName: '松本 隆' });
    expect(inCompany?.versions[0]).toMatchObject({
      bundled: false,
      publishedByName: null,
      publishedByOrganisationJa: '経済産業省 貿易経済安全保障局',
    });
  });

  it('records the audit event in the publisher’s organisation and notifies the catalogue administrators', async () => {
    const events = await db.system((tx) =>
      tx.execute<{ tenant_id: string; actor_user_id: string; payload: Record<string, unknown> }>(
        sql`select tenant_id, actor_user_id, payload from audit_events where type = 'catalogue.version_published'`,
      ),
    );
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0]).toMatchObject({
      tenant_id: catalogueAdmin.tenantId,
      actor_user_id: catalogueAdmin.userId,
      payload: { catalogue: 'end_user_list', effectiveFrom: '2026-01-15', entries: 836 },
    });
    const notes = await db.system((tx) =>
      tx.execute<{ user_id: string }>(
        sql`select user_id from notifications where kind = 'catalogue.version_published'`,
      ),
    );
    expect(notes.rows.map((r) => r.user_id)).toEqual([catalogueAdmin.userId]);
  });

  it('rejects a second version with the same effective date before storing anything', async () => {
    const file = { name: 'again.xlsx', bytes: officialWorkbook };
    expect(
      await codeOf(services.catalogues.requestPublication(catalogueAdmin, 'end_user_list', fields('2026-01-15'), file)),
    ).toBe('catalogue/version_exists');
  });

  it('requires the attribution of the End User List', async () => {
    const file = { name: 'list.xlsx', bytes: officialWorkbook };
    const error = await services.catalogues
      .requestPublication(catalogueAdmin, 'end_user_list', fields('2026-03-01', { attribution: undefined }), file)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ fields: [{ path: 'attribution' }] });
  });

  it('refuses a file that is not a workbook when it is uploaded', async () => {
    const pdf = { name: 'list.xlsx', bytes: Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n') };
    expect(
      await codeOf(services.catalogues.requestPublication(catalogueAdmin, 'end_user_list', fields('2026-03-01'), pdf)),
    ).toBe('request/unsupported_media_type');
  });

  it('fails the job of a corrupted workbook with row-level errors in the publisher’s language, storing nothing', async () => {
    const english = await actorFor('catalogue@meti.example', 'en');
    const workbook = await changedWorkbook((sheet) => {
      sheet.getRow(11).getCell(5).value = 'ミサイル\nQ'; // No. 10: unknown concern code
      sheet.getRow(101).getCell(3).value = ''; // No. 100: no name
    });
    const versionsBefore = await versionCount('end_user_list');
    const run = await publish(english, 'end_user_list', '2026-02-01', { name: 'broken.xlsx', bytes: workbook });
    expect(run).toMatchObject({ status: 'failed', errorCode: 'catalogue/invalid_file' });
    expect(run.errorDetails).toEqual({
      total: 2,
      errors: [
        {
          row: 11,
          field: 'concerns',
          code: 'unknown_concern_code',
          message: 'Unknown concern code "Q" (expected B, C, M, N or 生物, 化学, ミサイル, 核).',
        },
        { row: 101, field: 'name', code: 'missing_name', message: 'The company or organization name is missing.' },
      ],
    });
    expect(await versionCount('end_user_list')).toBe(versionsBefore);
    const failed = await db.system((tx) =>
      tx.execute<{ user_id: string; body_en: string }>(
        sql`select user_id, body_en from notifications where kind = 'catalogue.publish_failed'`,
      ),
    );
    expect(failed.rows).toEqual([{ user_id: english.userId, body_en: expect.stringContaining('2 problem(s)') }]);
  });

  it('fails the job when the publisher lost the permission before it ran', async () => {
    const { jobId } = await services.catalogues.requestPublication(
      catalogueAdmin,
      'end_user_list',
      fields('2026-05-01'),
      {
        name: 'list.xlsx',
        bytes: officialWorkbook,
      },
    );
    await db.system((tx) => tx.execute(sql`update users set roles = '{}' where id = ${catalogueAdmin.userId}`));
    try {
      await services.jobs.drain();
    } finally {
      await db.system((tx) =>
        tx.execute(sql`update users set roles = '{catalogue_admin}' where id = ${catalogueAdmin.userId}`),
      );
    }
    expect(await services.jobs.get(catalogueAdmin.tenantId, jobId)).toMatchObject({
      status: 'failed',
      errorCode: 'auth/forbidden',
    });
    const stored = await db.system((tx) =>
      tx.execute(sql`select 1 from catalogue_versions where effective_from = '2026-05-01'`),
    );
    expect(stored.rows).toHaveLength(0);
  });

  const query = () => ({ page: 1, pageSize: 50, order: 'asc', sort: 'number', format: 'json' }) as const;
});

describe('publishing designated technologies and countries', () => {
  it('adds a technology from a YAML file in the bundled format', async () => {
    const yaml = bundled('designated-technologies/2024-12-30.yaml')
      .toString('utf8')
      .replace('effective_from: 2024-12-30', 'effective_from: 2026-04-01')
      .replace(
        'legal_reference: 令和6年経済産業省告示第178号\n',
        'legal_reference: 令和8年経済産業省告示第1号（試験）\n',
      )
      .concat(
        [
          '  - code: TEST_TECHNOLOGY',
          '    number: 16',
          '    name_ja: 試験用技術',
          '    name_en: Test technology',
          '    in_force_from: 2026-04-01',
          '    legal_reference: 試験',
          '    source: Kakine test suite',
          '    status: I',
          '',
        ].join('\n'),
      );
    const run = await publish(catalogueAdmin, 'designated_technologies', '2026-04-01', {
      name: 'technologies.yaml',
      bytes: Buffer.from(yaml),
    });
    expect(run.status).toBe('succeeded');
    const { versionId } = run.result as { versionId: string };
    const march = await services.catalogues.designatedTechnologies(companyAdmin, { asOf: '2026-03-31' });
    const april = await services.catalogues.designatedTechnologies(companyAdmin, { asOf: '2026-04-01' });
    expect(march.items).toHaveLength(15);
    expect(april.items).toHaveLength(16);
    const diff = await services.catalogues.diff(companyAdmin, {
      catalogue: 'designated-technologies',
      a: march.version?.id ?? '',
      b: versionId,
    });
    expect(diff.summary).toEqual({ added: 1, removed: 0, changed: 1, unchanged: 14 });
    if (diff.catalogue !== 'designated_technologies') throw new Error('wrong catalogue');
    expect(diff.changed.map((c) => [c.key, c.fields])).toEqual([['MLCC', ['legalReference']]]);
  });

  it('rejects a technologies file whose effective date differs from the form', async () => {
    const yaml = bundled('designated-technologies/2024-12-30.yaml');
    const run = await publish(catalogueAdmin, 'designated_technologies', '2026-07-01', {
      name: 'technologies.yaml',
      bytes: yaml,
    });
    expect(run.errorCode).toBe('catalogue/invalid_file');
    expect((run.errorDetails as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ row: 7, field: 'effective_from', code: 'effective_date_mismatch' }),
    ]);
  });

  it('publishes a countries version from one YAML file and answers Group A by it from its date', async () => {
    const csv = parseCountriesCsv(bundled('countries/iso-3166-1.csv').toString('utf8'));
    if (!csv.ok) throw new Error('bundled CSV');
    const { parse } = await import('yaml');
    const group = parse(bundled('countries/group-a.yaml').toString('utf8')) as { memberships: object[] };
    const file = stringify({
      catalogue: 'countries',
      countries: csv.entries.map((c) => ({
        alpha2: c.alpha2,
        alpha3: c.alpha3,
        numeric: c.numeric,
        name_ja: c.nameJa,
        name_en: c.nameEn,
      })),
      groups: [
        {
          ...group,
          memberships: [
            ...group.memberships,
            { alpha2: 'SG', effective_from: '2026-06-01', effective_to: null, source: 'test', status: 'I' },
          ],
        },
      ],
    });
    const run = await publish(catalogueAdmin, 'countries', '2026-06-01', {
      name: 'countries.yaml',
      bytes: Buffer.from(file),
    });
    expect(run.status).toBe('succeeded');
    const singapore = async (asOf: string) =>
      (
        await services.catalogues.countries(companyAdmin, {
          asOf,
          q: 'SG',
          page: 1,
          pageSize: 50,
          order: 'asc',
          sort: 'alpha2',
          format: 'json',
        })
      ).items[0]?.groupA;
    expect(await singapore('2026-05-31')).toBe(false);
    expect(await singapore('2026-06-01')).toBe(true);
    const versions = (await services.catalogues.list(companyAdmin)).items.find((i) => i.catalogue === 'countries');
    const [newer, older] = versions?.versions ?? [];
    const diff = await services.catalogues.diff(companyAdmin, {
      catalogue: 'countries',
      a: older?.id ?? '',
      b: newer?.id ?? '',
    });
    expect(diff.summary).toEqual({ added: 0, removed: 0, changed: 1, unchanged: 248 });
    expect(diff.changed[0]).toMatchObject({ key: 'SG', fields: ['memberships'] });
  });

  it('reports a country file’s problems by line and field', async () => {
    const file = [
      'catalogue: countries',
      'countries:',
      '  - { alpha2: JP, alpha3: JPN, numeric: "392", name_ja: 日本, name_en: Japan }',
      '  - { alpha2: jp, alpha3: JPN, numeric: 392, name_ja: 日本, name_en: Japan }',
      'groups:',
      '  - group_code: A',
      '    label: test',
      '    source: test',
      '    memberships:',
      '      - { alpha2: XX, effective_from: 2026-01-01, source: test, status: C }',
      '',
    ].join('\n');
    const run = await publish(catalogueAdmin, 'countries', '2026-08-01', {
      name: 'countries.yaml',
      bytes: Buffer.from(file),
    });
    expect(run.errorCode).toBe('catalogue/invalid_file');
    expect(
      (run.errorDetails as { errors: { row: number; field: string; code: string }[] }).errors.map((e) => [
        e.row,
        e.field,
        e.code,
      ]),
    ).toEqual([
      [4, 'alpha2', 'invalid_format'],
      [4, 'numeric', 'invalid_type'],
      [10, 'alpha2', 'unknown_country'],
    ]);
  });
});
