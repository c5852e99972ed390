import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { expect, type Page, test } from '@playwright/test';
import { DEMO } from './support/accounts';
import { freePort, type ServerProcess, startServer } from './support/server-process';
import { mainNavigation, newDevice, signIn } from './support/sign-in';

/** The header row of an audit trail export in Japanese. */
const JAPANESE_CSV_HEADER = [
  '連番',
  '日時（日本時間）',
  '日時（ISO 8601）',
  '種別',
  '内容',
  '実行者',
  '実行者ID',
  '対象種別',
  '対象ID',
  '詳細（JSON）',
  'IPアドレス',
  'イベントID',
  'ハッシュ',
  '直前のハッシュ',
];

/** Opens the audit trail from the navigation. */
const openAuditTrail = async (page: Page) => {
  await mainNavigation(page).getByRole('link', { name: '監査ログ' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '監査ログ' })).toBeVisible();
};

test('the company administrator finds their sign-in, exports it as CSV and verifies the chain', async ({ page }) => {
  const user = DEMO.companyAdmin;
  const label = `${user.displayName} <${user.email}>`;
  const startedAt = new Date();
  await signIn(page, user);
  await openAuditTrail(page);

  await page.getByRole('combobox', { name: 'イベント種別' }).fill('サインイン');
  await page.getByRole('option', { name: 'サインイン', exact: true }).click();
  const rows = page
    .getByRole('table')
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
  await expect(rows.filter({ hasNotText: 'auth.signed_in' })).toHaveCount(0);
  const newest = rows.first();
  await expect(newest).toContainText('サインイン');
  await expect(newest.getByRole('button', { name: label })).toBeVisible();
  const occurredAt = await newest.locator('time').getAttribute('datetime');
  expect(new Date(occurredAt ?? '').getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1000);

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'CSV をダウンロード' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^audit-events-\d{8}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
  const [header, ...lines] = csv.split('\r\n').filter((line) => line !== '');
  expect(header?.split(',')).toEqual(JAPANESE_CSV_HEADER);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toContain(',auth.signed_in,サインイン,');
  expect(lines.some((line) => line.includes(`,${label},`))).toBe(true);

  await page.getByRole('button', { name: 'ハッシュチェーンを検証' }).click();
  const result = page.getByRole('status').filter({ hasText: '改ざんは検出されませんでした' });
  await expect(result).toBeVisible();
  await expect(result).toContainText(/件のイベントのハッシュチェーンを検証し、すべて整合していました。/);
});

/*
 * The broken-chain journey needs a database that can be tampered with, which the run's server keeps locked. The
 * spec starts its own server on a fresh data directory, stops it, changes the first audit event of the company
 * directly in the stored database (as an intruder with file access would, bypassing the append-only trigger),
 * starts the server again and verifies in the UI.
 */
test('a tampered audit event is reported as the first broken link of the chain', async ({ browser }) => {
  test.setTimeout(150_000);
  const user = DEMO.companyAdmin;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kakine-e2e-tamper-'));
  const port = await freePort();
  let server: ServerProcess | null = null;
  try {
    server = await startServer(dataDir, port);
    await server.stop();
    const tampered = await tamperFirstEvent(path.join(dataDir, 'pgdata'), user.organisationNameJa);
    server = await startServer(dataDir, port);

    const context = await newDevice(browser, server.url);
    const page = await context.newPage();
    await signIn(page, user);
    await openAuditTrail(page);
    await page.getByRole('button', { name: 'ハッシュチェーンを検証' }).click();

    const result = page.getByRole('alert').filter({ hasText: 'ハッシュチェーンの不整合を検出しました' });
    await expect(result).toBeVisible();
    await expect(result.getByRole('row', { name: /^連番/ }).getByRole('cell')).toHaveText(String(tampered.seq));
    await expect(result.getByRole('row', { name: /^イベント ID/ }).getByRole('cell')).toHaveText(tampered.id);
    await expect(result.getByRole('row', { name: /^理由/ }).getByRole('cell')).toHaveText(
      'イベントの内容がハッシュと一致しません（内容が書き換えられた可能性があります）。',
    );
    await context.close();
  } finally {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Rewrites the payload of an organisation's first audit event in a stopped server's embedded database. */
async function tamperFirstEvent(pgdata: string, organisationNameJa: string): Promise<{ seq: number; id: string }> {
  const db = await PGlite.create({ dataDir: pgdata, extensions: { pg_trgm } });
  try {
    return await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL session_replication_role = replica');
      const result = await tx.query<{ seq: number; id: string }>(
        `UPDATE audit_events AS a
            SET payload = jsonb_set(a.payload, '{name}', to_jsonb('改ざんされた組織名'::text))
           FROM organisations AS o
          WHERE o.id = a.tenant_id AND o.name_ja = $1 AND a.seq = 1
      RETURNING a.seq::int AS seq, a.id::text AS id`,
        [organisationNameJa],
      );
      const row = result.rows[0];
      if (result.rows.length !== 1 || !row) throw new Error(`No first audit event of ${organisationNameJa}`);
      return row;
    });
  } finally {
    await db.close();
  }
}
