import {
  TechnologyInput,
  type TechnologyInputParsed,
  type TechnologyInput as TechnologyInputType,
} from '@kakine/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createSeededServices, actorFor as seededActor } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Actor } from '../../platform/actor/actor';
import type { Database, Tx } from '../../platform/db/database';
import * as repo from './register.repository';
import { tokyoDate } from './register.rules';
import { technologies } from './register.schema';
import {
  loadRegisterSettings,
  prepareTechnologyWrites,
  type TechnologyRow,
  writeTechnologies,
  writeTechnology,
} from './technology-access';

let db: Database;
let services: Services;
let officer: Actor;
let owner: Actor;

const today = tokyoDate(new Date());

const input = (overrides: Partial<TechnologyInputType> = {}): TechnologyInputParsed =>
  TechnologyInput.parse({ code: 'X-000', nameJa: '試験技術', classificationCode: 'secret', ...overrides });

/** Two technologies as different as the form allows: every field filled in, and the bare minimum. */
const rich = (code: string, ownerUserId: string): TechnologyInputParsed =>
  input({
    code,
    nameJa: '積層セラミックコンデンサ 内部電極印刷',
    nameEn: 'MLCC "inner" electrode',
    description: '焼成条件\n二行目\t（タブ）',
    products: ['車載ECU', 'GRM155シリーズ'],
    ownerUserId,
    department: '開発部 材料技術課',
    isCore: true,
    coreReason: '競合にない薄層化技術',
    designatedCodes: ['MLCC'],
    exportControl: {
      status: 'applicable',
      listItemRef: '外為令別表 2の項(1)',
      assessorName: '輸出管理室',
      assessedOn: '2025-04-01',
      evidenceFileIds: [],
    },
    locations: [
      { kind: 'site', name: '本社工場', countryCode: 'JP', detail: null },
      { kind: 'site', name: 'タイ工場', countryCode: 'TH', detail: 'Ayutthaya' },
      { kind: 'system', name: 'ファイルサーバー', countryCode: null, detail: '\\\\fs01\\開発' },
    ],
    reviewIntervalMonths: 6,
    lastReviewedOn: '2025-10-01',
  });
const bare = (code: string): TechnologyInputParsed => input({ code, nameJa: '最小限の技術' });

/** A changed version of a technology: other products and locations, a cleared English name and a new review. */
const revised = (t: TechnologyInputParsed): TechnologyInputParsed => ({
  ...t,
  nameEn: null,
  products: [...t.products, '新製品'],
  locations: [{ kind: 'site', name: '上海工場', countryCode: 'CN', detail: null }],
  lastReviewedOn: '2026-01-15',
  isCore: !t.isCore,
  coreReason: t.isCore ? null : '新たにコア技術と判断',
});

/** Runs `work` in a tenant transaction with the batch's look-ups. */
const inImport = <T>(
  work: (
    tx: Tx,
    context: Awaited<ReturnType<typeof prepareTechnologyWrites>>,
    settings: Awaited<ReturnType<typeof loadRegisterSettings>>,
  ) => Promise<T>,
) =>
  db.tenant(officer.tenantId, async (tx) => {
    const resolved = await prepareTechnologyWrites(tx, officer.tenantId, today);
    return work(tx, resolved, await loadRegisterSettings(tx, officer.tenantId));
  });

const rowsOf = (codes: string[]): Promise<TechnologyRow[]> =>
  db.tenant(officer.tenantId, (tx) => repo.technologiesByCodes(tx, officer.tenantId, codes));

/** A stored row with its code written as CODE everywhere, and without what differs between any two rows. */
const comparableRow = (row: TechnologyRow) => {
  const { id, code, createdAt, updatedAt, ...rest } = row;
  return JSON.parse(JSON.stringify(rest).replaceAll(code.toLowerCase(), 'code').replaceAll(code, 'CODE'));
};

const eventsOf = async (ids: string[]) => {
  const r = await db.system((tx) =>
    tx.execute<{ subject_id: string; type: string; payload: Record<string, unknown> }>(
      sql`select subject_id, type, payload from audit_events where subject_type = 'technology'
        and subject_id in ${sql.raw(`(${ids.map((id) => `'${id}'`).join(',')})`)} order by seq`,
    ),
  );
  return r.rows;
};

/** Writes items one by one through writeTechnology, as the import did before batching. */
const writeOneByOne = (items: { input: TechnologyInputParsed; existing: TechnologyRow | null }[]) =>
  inImport(async (tx, resolved, settings) => {
    const results = [];
    for (const item of items) {
      results.push(
        await writeTechnology(tx, officer, item.input, {
          source: 'import',
          existing: item.existing,
          settings,
          today,
          resolved,
        }),
      );
    }
    return results;
  });

const writeBatch = (items: { input: TechnologyInputParsed; existing: TechnologyRow | null }[]) =>
  inImport((tx, resolved, settings) =>
    writeTechnologies(tx, officer, items, { source: 'import', settings, today, resolved }),
  );

const countOf = async (codes: string[]): Promise<number> =>
  db.tenant(officer.tenantId, async (tx) => {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(technologies)
      .where(and(eq(technologies.tenantId, officer.tenantId), inArray(technologies.code, codes)));
    return row!.n;
  });

beforeAll(async () => {
  ({ db, services } = await createSeededServices({ bundledCatalogues: true }));
  officer = await seededActor(db, 'officer@minato-ceramics.example');
  owner = await seededActor(db, 'tech@minato-ceramics.example');
});
afterAll(async () => {
  await db?.close();
});

describe('writeTechnologies', () => {
  it('stores, changes and audits exactly what writeTechnology does, one by one', async () => {
    const single = [rich('S-RICH', owner.userId), bare('S-BARE')];
    const batch = [rich('B-RICH', owner.userId), bare('B-BARE')];
    const singleCodes = single.map((t) => t.code);
    const batchCodes = batch.map((t) => t.code);

    await writeOneByOne(single.map((t) => ({ input: t, existing: null })));
    const batchCreated = await writeBatch(batch.map((t) => ({ input: t, existing: null })));
    expect(batchCreated.map((r) => [r.code, r.outcome, r.changes])).toEqual([
      ['B-RICH', 'created', []],
      ['B-BARE', 'created', []],
    ]);
    const storedBatch = await rowsOf(batchCodes);
    expect(batchCreated.map((r) => r.id)).toEqual(batchCodes.map((c) => storedBatch.find((s) => s.code === c)!.id));
    const byCode = async (codes: string[]) => {
      const rows = await rowsOf(codes);
      return codes.map((c) => rows.find((r) => r.code === c)!);
    };
    expect((await byCode(batchCodes)).map(comparableRow)).toEqual((await byCode(singleCodes)).map(comparableRow));

    const singleRows = await byCode(singleCodes);
    const batchRows = await byCode(batchCodes);
    const updated = await writeOneByOne(single.map((t, i) => ({ input: revised(t), existing: singleRows[i]! })));
    const batchUpdated = await writeBatch(batch.map((t, i) => ({ input: revised(t), existing: batchRows[i]! })));
    expect(batchUpdated.map((r) => r.outcome)).toEqual(['updated', 'updated']);
    expect(batchUpdated.map((r) => r.changes)).toEqual(updated.map((r) => r.changes));
    expect(batchUpdated[0]!.changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(['nameEn', 'products', 'locations', 'lastReviewedOn', 'nextReviewOn', 'isCore']),
    );
    const afterUpdate = await byCode(batchCodes);
    expect(afterUpdate.map((r) => r.version)).toEqual([2, 2]);
    expect(afterUpdate[0]).toMatchObject({
      nameEn: null,
      products: ['車載ECU', 'GRM155シリーズ', '新製品'],
      locations: [{ kind: 'site', name: '上海工場', countryCode: 'CN', detail: null }],
      overseas: true,
      lastReviewedOn: '2026-01-15',
      nextReviewOn: '2026-07-15',
    });
    expect(afterUpdate.map(comparableRow)).toEqual((await byCode(singleCodes)).map(comparableRow));

    const events = async (codes: string[]) =>
      (await eventsOf((await byCode(codes)).map((r) => r.id))).map((e) => [
        e.type,
        JSON.parse(JSON.stringify(e.payload).replaceAll(/"[SB]-(RICH|BARE)"/g, '"$1"')),
      ]);
    expect(await events(batchCodes)).toEqual(await events(singleCodes));
    expect((await events(batchCodes)).map(([type]) => type)).toEqual([
      'technology.created',
      'technology.created',
      'technology.updated',
      'technology.updated',
    ]);
  });

  it('skips unchanged items without a version bump or an event, and reports every item in order', async () => {
    await writeBatch([{ input: bare('U-1'), existing: null }]);
    const [stored] = await rowsOf(['U-1']);
    const results = await writeBatch([
      { input: bare('U-2'), existing: null },
      { input: bare('U-1'), existing: stored! },
      { input: { ...bare('U-1'), nameJa: '変更後' }, existing: stored! },
    ]);
    expect(results.map((r) => [r.code, r.outcome])).toEqual([
      ['U-2', 'created'],
      ['U-1', 'unchanged'],
      ['U-1', 'updated'],
    ]);
    // Two items of one existing row: the unchanged one writes nothing, the changed one passes the version check.
    const [after] = await rowsOf(['U-1']);
    expect(after).toMatchObject({ nameJa: '変更後', version: 2 });
    expect((await eventsOf([stored!.id])).map((e) => e.type)).toEqual(['technology.created', 'technology.updated']);
  });

  it('refuses codes in use or claimed twice, and stale versions, writing nothing', async () => {
    await writeBatch([
      { input: bare('C-1'), existing: null },
      { input: bare('C-OTHER'), existing: null },
    ]);
    const taken = await inImport((tx, resolved, settings) =>
      writeTechnologies(
        tx,
        officer,
        [
          { input: bare('C-NEW'), existing: null },
          { input: bare('C-1'), existing: null },
        ],
        { source: 'import', settings, today, resolved },
      ).catch((e: { code: string; details: unknown }) => [e.code, e.details]),
    );
    expect(taken).toEqual(['register/code_taken', { field: 'code', values: ['C-1'] }]);
    expect(
      await codeOf(
        writeBatch([
          { input: bare('C-TWICE'), existing: null },
          { input: bare('C-TWICE'), existing: null },
        ]),
      ),
    ).toBe('register/code_taken');
    const [c1] = await rowsOf(['C-1']);
    // Renaming a technology to the code of another.
    expect(await codeOf(writeBatch([{ input: bare('C-OTHER'), existing: c1! }]))).toBe('register/code_taken');
    // Another write since the row was read: the batch's version check refuses it.
    await writeBatch([{ input: { ...bare('C-1'), nameJa: '他の人の変更' }, existing: c1! }]);
    expect(
      await codeOf(
        writeBatch([
          { input: bare('C-3'), existing: null },
          { input: { ...bare('C-1'), nameJa: '古い版からの変更' }, existing: c1! },
        ]),
      ),
    ).toBe('register/version_conflict');
    const [fresh] = await rowsOf(['C-1']);
    expect(
      await codeOf(
        writeBatch([
          { input: { ...bare('C-1'), nameJa: '一つ目の変更' }, existing: fresh! },
          { input: { ...bare('C-1'), nameJa: '二つ目の変更' }, existing: fresh! },
        ]),
      ),
    ).toBe('register/version_conflict');
    expect(await countOf(['C-NEW', 'C-TWICE', 'C-3'])).toBe(0);
    expect((await rowsOf(['C-1']))[0]).toMatchObject({ nameJa: '他の人の変更', version: 2 });
  });

  it("checks every item's references like writeTechnology", async () => {
    const ok = { input: bare('R-OK'), existing: null };
    expect(
      await codeOf(writeBatch([ok, { input: { ...bare('R-1'), ownerUserId: officer.tenantId }, existing: null }])),
    ).toBe('register/unknown_owner');
    expect(
      await codeOf(writeBatch([ok, { input: { ...bare('R-2'), designatedCodes: ['NOPE'] }, existing: null }])),
    ).toBe('register/unknown_designated_technology');
    expect(
      await codeOf(
        writeBatch([
          ok,
          {
            input: { ...bare('R-3'), exportControl: { ...bare('R-3').exportControl, evidenceFileIds: [owner.userId] } },
            existing: null,
          },
        ]),
      ),
    ).toBe('register/unknown_file');
    expect(
      await codeOf(writeBatch([ok, { input: { ...bare('R-4'), classificationCode: 'nope' }, existing: null }])),
    ).toBe('register/unknown_classification');
    await writeBatch([{ input: bare('R-ARCH'), existing: null }]);
    const [row] = await rowsOf(['R-ARCH']);
    await services.register.archiveTechnology(officer, row!.id, { reason: null });
    const [archived] = await rowsOf(['R-ARCH']);
    expect(await codeOf(writeBatch([ok, { input: { ...bare('R-ARCH'), nameJa: '変更' }, existing: archived! }]))).toBe(
      'register/archived',
    );
    expect(await countOf(['R-OK', 'R-1', 'R-2', 'R-3', 'R-4'])).toBe(0);
    expect(await writeBatch([])).toEqual([]);
  });
});
