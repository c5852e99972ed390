import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app';
import type { Database } from '../platform/db/database';
import { type CliIo, parseArgs, runCli } from './cli';

const SERVER_DIR = fileURLToPath(new URL('../..', import.meta.url));
// Any URL selects the native target; the test's own database is injected instead of connecting to it.
const ENV = { DATABASE_URL: 'postgres://injected/test', LANG: 'C' };

let t: TestApp;
let companyId: string;
let metiId: string;

const run = async (argv: string[], env: Record<string, string> = ENV) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env };
  // The test owns the database: the CLI's close must not end it.
  const open = async (): Promise<Database> => ({ ...t.db, close: async () => {} });
  const code = await runCli(argv, io, { open, clock: () => new Date() });
  return { code, out, err };
};

const spawnCli = (args: string[], env: Record<string, string>) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/main/cli.ts', ...args],
      { cwd: SERVER_DIR, env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });

const tamper = async (sql: string, params: unknown[]) => {
  const client = await t.db.pool.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(sql, params);
    await client.query('commit');
  } finally {
    client.release();
  }
};

beforeAll(async () => {
  t = await createTestApp();
  await t.signIn('admin@minato-ceramics.example');
  await t.signIn('officer@minato-ceramics.example');
  const orgs = await t.db.pool.query<{ id: string; kind: string }>('select id, kind from organisations');
  companyId = orgs.rows.find((o) => o.kind === 'company')!.id;
  metiId = orgs.rows.find((o) => o.kind === 'meti')!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('parseArgs', () => {
  it.each<[string[], Partial<ReturnType<typeof parseArgs>>]>([
    [['audit:verify'], { command: 'audit:verify', options: {}, error: null }],
    [['audit:verify', '--tenant', 'x'], { command: 'audit:verify', options: { tenant: 'x' } }],
    [['--tenant=x', 'audit:verify'], { command: 'audit:verify', options: { tenant: 'x' } }],
    [['audit:verify', '--tenant'], { error: { kind: 'missingValue', option: '--tenant' } }],
    [['audit:verify', '--tenant', '--help'], { help: true, error: { kind: 'missingValue', option: '--tenant' } }],
    [['audit:verify', '--verbose'], { error: { kind: 'unknownOption', option: '--verbose' } }],
    [['migrate', 'extra'], { command: 'migrate', error: { kind: 'unknownOption', option: 'extra' } }],
    [['-h'], { command: null, help: true }],
    [[], { command: null, help: false, error: null }],
  ])('%o', (argv, expected) => {
    expect(parseArgs(argv)).toMatchObject(expected);
  });
});

describe('kakine audit:verify', () => {
  it('verifies every organisation, prints one line each, and records the verification', async () => {
    const r = await run(['audit:verify']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(4);
    expect(r.out.slice(0, 3).every((line) => line.startsWith('OK     '))).toBe(true);
    expect(r.out.find((l) => l.includes(companyId))).toMatch(
      /^OK {5}Minato Precision Ceramics Co\., Ltd\. \(株式会社みなと精密セラミックス\) \[[0-9a-f-]{36}\]: 3 events checked, intact \(head seq 3, hash [0-9a-f]{64}\)$/,
    );
    expect(r.out[3]).toBe('All 3 audit chains are intact.');
    const recorded = await t.db.pool.query(
      `select actor_label, actor_user_id, payload from audit_events where tenant_id = $1 and type = 'audit.verified'`,
      [companyId],
    );
    expect(recorded.rows).toHaveLength(1);
    expect(recorded.rows[0]).toMatchObject({
      actor_label: expect.stringMatching(/^Kakine CLI audit:verify \(.+@.+\)$/),
      actor_user_id: null,
      payload: { intact: true, checked: 3, firstBrokenSeq: null },
    });
  });

  it('names the first broken event and exits 1 when a row was altered', async () => {
    const victim = await t.db.pool.query(
      'select id, type, occurred_at from audit_events where tenant_id = $1 and seq = 2',
      [companyId],
    );
    await tamper(`update audit_events set payload = '{"method":"password"}' where tenant_id = $1 and seq = 2`, [
      companyId,
    ]);
    const r = await run(['audit:verify']);
    expect(r.code).toBe(1);
    const row = victim.rows[0];
    const line = r.out.find((l) => l.includes(companyId));
    expect(line).toBe(
      `BROKEN Minato Precision Ceramics Co., Ltd. (株式会社みなと精密セラミックス) [${companyId}]: 2 events checked, ` +
        `BROKEN at seq 2 (id ${row.id}, type ${row.type}, ${new Date(row.occurred_at).toISOString()}): hash_mismatch`,
    );
    expect(r.out.find((l) => l.includes(metiId))).toMatch(/^OK /);
    expect(r.out.at(-1)).toBe('1 of 3 audit chains are broken.');
  });

  it('verifies one organisation with --tenant, in Japanese under a Japanese locale', async () => {
    const r = await run(['audit:verify', '--tenant', metiId], { ...ENV, LANG: 'ja_JP.UTF-8' });
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(2);
    expect(r.out[0]).toMatch(
      new RegExp(`^OK {5}経済産業省 貿易経済安全保障局 \\[${metiId}\\]: \\d+ 件を検証、改ざんなし`),
    );
    expect(r.out[1]).toBe('1 件の監査チェーンはすべて改ざんされていません。');
  });

  it.each([
    [[], /No command given/],
    [['verify'], /Unknown command "verify"/],
    [['audit:verify', '--tenant'], /--tenant needs a value/],
    [['audit:verify', '--tenant', 'acme'], /must be an organisation id \(UUID\); got "acme"/],
    [['audit:verify', '--tenant', '00000000-0000-4000-8000-000000000000'], /No organisation has the id/],
    [['migrate', '--tenant', '00000000-0000-4000-8000-000000000000'], /Unknown option "--tenant"/],
  ])('rejects %o with exit code 2', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err.join('\n')).toMatch(message);
  });

  it('explains bad configuration', async () => {
    const r = await run(['audit:verify'], { DATABASE_URL: 'mysql://nope' });
    expect(r.code).toBe(2);
    expect(r.err[0]).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\/ connection URL/);
  });
});

describe('kakine migrate', () => {
  it('applies nothing to a migrated database and says so', async () => {
    const r = await run(['migrate']);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([expect.stringMatching(/^The database is up to date \(\d+ migrations applied\)\.$/)]);
  });
});

describe('the cli.ts entrypoint', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('prints help and exits 0', async () => {
    const r = await spawnCli(['--help'], { LANG: 'C' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('audit:verify');
    expect(r.stdout).toContain('--tenant <uuid>');
  });

  it('refuses an embedded data dir that a running server holds, with the lock message', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kakine-cli-'));
    dirs.push(dataDir);
    mkdirSync(path.join(dataDir, 'pgdata'));
    // This test process stands in for the running server: a live process other than the CLI holds the lock.
    writeFileSync(path.join(dataDir, 'kakine.lock'), String(process.pid));
    const r = await spawnCli(['audit:verify'], { DATA_DIR: dataDir, LANG: 'C' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `The data directory ${dataDir} is in use by another Kakine process (pid ${process.pid})`,
    );
  });

  it('refuses a data dir with no database instead of creating one', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'kakine-cli-'));
    dirs.push(dataDir);
    const r = await spawnCli(['audit:verify'], { DATA_DIR: dataDir, LANG: 'C' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`There is no Kakine database in ${dataDir}`);
  });
});
