import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database';
import type { Database } from '../../platform/db/database';
import { BUNDLED_CATALOGUES_DIR, BundledCatalogueError, loadBundledCatalogues } from './bundled-catalogues';

let db: Database;
const copies: string[] = [];

/** A private copy of the bundled catalogues folder that a test may alter. */
const copyOfCatalogues = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kakine-catalogues-'));
  cpSync(BUNDLED_CATALOGUES_DIR, dir, { recursive: true });
  copies.push(dir);
  return dir;
};

const versions = async () =>
  (
    await db.system((tx) =>
      tx.execute<{ catalogue: string; effective_from: string; entry_count: number; file_sha256: string }>(
        sql`select catalogue, effective_from::text, entry_count, file_sha256 from catalogue_versions
            order by catalogue, effective_from`,
      ),
    )
  ).rows;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.close();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

describe('loadBundledCatalogues', () => {
  it('stores the three bundled catalogues once, with entry counts and the file hashes', async () => {
    const first = await loadBundledCatalogues({ db });
    expect(first.map((o) => [o.catalogue, o.effectiveFrom, o.status])).toEqual([
      ['designated_technologies', '2024-12-30', 'loaded'],
      ['countries', '2019-08-02', 'loaded'],
      ['end_user_list', '2025-10-09', 'loaded'],
    ]);
    expect(await versions()).toEqual([
      { catalogue: 'countries', effective_from: '2019-08-02', entry_count: 249, file_sha256: first[1]?.fileSha256 },
      {
        catalogue: 'designated_technologies',
        effective_from: '2024-12-30',
        entry_count: 15,
        file_sha256: expect.any(String),
      },
      {
        catalogue: 'end_user_list',
        effective_from: '2025-10-09',
        entry_count: 835,
        // The official workbook, byte for byte (catalogues/end-user-list/README.md).
        file_sha256: '27ff3c7a98d0103ef20222b9e9a58be12d9e89699ce5a5c99d1a386de41fbfc0',
      },
    ]);
    const rows = await db.system((tx) =>
      tx.execute<{ n: number }>(sql`select
        (select count(*) from designated_technologies)::int + (select count(*) from countries)::int
        + (select count(*) from country_group_memberships)::int + (select count(*) from end_user_list_entries)::int as n`),
    );
    expect(rows.rows[0]?.n).toBe(15 + 249 + 28 + 835);
    const attribution = await db.system((tx) =>
      tx.execute<{ attribution: string }>(
        sql`select attribution from catalogue_versions where catalogue = 'end_user_list'`,
      ),
    );
    expect(attribution.rows[0]?.attribution).toBe('出典：経済産業省「外国ユーザーリスト」(2025年9月29日)');
  });

  it('recognises what is stored by date and hash on a later start and inserts nothing', async () => {
    const again = await loadBundledCatalogues({ db });
    expect(again.map((o) => o.status)).toEqual(['present', 'present', 'present']);
    expect(await versions()).toHaveLength(3);
  });

  it('keeps a stored version when the bundled file for its date has other content', async () => {
    const dir = copyOfCatalogues();
    const file = path.join(dir, 'designated-technologies', '2024-12-30.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Multilayer ceramic capacitors (MLCC)', 'MLCC'));
    const outcomes = await loadBundledCatalogues({ db, directory: dir });
    expect(outcomes[0]).toMatchObject({ catalogue: 'designated_technologies', status: 'kept' });
    const name = await db.system((tx) =>
      tx.execute<{ name_en: string }>(sql`select name_en from designated_technologies where code = 'MLCC'`),
    );
    expect(name.rows.map((r) => r.name_en)).toEqual(['Multilayer ceramic capacitors (MLCC)']);
  });

  it('loads a new bundled version beside the old ones', async () => {
    const dir = copyOfCatalogues();
    const folder = path.join(dir, 'designated-technologies');
    const text = readFileSync(path.join(folder, '2024-12-30.yaml'), 'utf8').replace(
      'effective_from: 2024-12-30',
      'effective_from: 2026-04-01',
    );
    writeFileSync(path.join(folder, '2026-04-01.yaml'), text);
    const outcomes = await loadBundledCatalogues({ db, directory: dir });
    expect(outcomes.map((o) => [o.effectiveFrom, o.status])).toEqual([
      ['2024-12-30', 'present'],
      ['2026-04-01', 'loaded'],
      ['2019-08-02', 'present'],
      ['2025-10-09', 'present'],
    ]);
  });

  it('stops with a message naming the file, row and field of a bad bundled file, and stores nothing', async () => {
    const fresh = await createTestDatabase();
    try {
      const dir = copyOfCatalogues();
      const file = path.join(dir, 'countries', 'group-a.yaml');
      const lines = readFileSync(file, 'utf8').split('\n');
      const index = lines.findIndex((line) => line.includes('effective_to: 2019-08-27'));
      lines[index] = lines[index]!.replace('2019-08-27', '2019-07-01');
      writeFileSync(file, lines.join('\n'));

      const error = await loadBundledCatalogues({ db: fresh, directory: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BundledCatalogueError);
      const message = (error as Error).message;
      expect(message).toContain(path.join(path.basename(dir), 'countries/group-a.yaml'));
      expect(message).toContain(`row ${index + 1}`);
      expect(message).toContain('field "effective_to"');
      expect(message).toContain('[invalid_period]');
      const count = await fresh.system((tx) =>
        tx.execute<{ n: number }>(sql`select count(*)::int as n from catalogue_versions`),
      );
      expect(count.rows[0]?.n).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('names the row and column of a bad End User List workbook', async () => {
    const fresh = await createTestDatabase();
    try {
      const dir = copyOfCatalogues();
      const folder = path.join(dir, 'end-user-list');
      const ExcelJS = (await import('exceljs')).default;
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('list');
      sheet.addRow([
        'No.',
        '国名、地域名\nCountry or Region',
        '企業名､組織名\nCompany',
        '別名\nAlso Known As',
        '懸念区分\nType of WMD',
      ]);
      sheet.addRow([1, 'イラン\nIran', 'Example', '', '核\nN']);
      sheet.addRow([2, 'イラン\nIran', 'Other', '', '核\nQ']);
      rmSync(path.join(folder, 'meti-end-user-list-2025-09-29.xlsx'));
      writeFileSync(path.join(folder, 'broken.xlsx'), Buffer.from(await book.xlsx.writeBuffer()));

      const error = await loadBundledCatalogues({ db: fresh, directory: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BundledCatalogueError);
      expect((error as Error).message).toMatch(
        /end-user-list\/broken\.xlsx, row 3, field "concerns": .*\[unknown_concern_code\]/,
      );
    } finally {
      await fresh.close();
    }
  });
});
