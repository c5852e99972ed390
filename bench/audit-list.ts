// An authenticated list endpoint under load: GET /api/v1/audit/events (50 per page) with 100,000 events in the tenant,
// beside the trivial /healthz of the same server in the same run, with autocannon at 50 connections.
// Runs on the embedded PGlite and, when BENCH_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/test), on
// a fresh database of that native PostgreSQL server.
// Run: npx tsx bench/audit-list.ts [seconds]      (BENCH_DATABASE_URL=… to include native PostgreSQL)

import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { createDemoService, DEMO_PASSWORD } from '../apps/server/src/modules/demo';
import { auditEvents } from '../apps/server/src/platform/audit/audit.schema';
import { GENESIS_HASH, hashEvent } from '../apps/server/src/platform/audit/hash-chain.rules';
import { users } from '../apps/server/src/platform/auth/auth.schema';
import { createSecretBox } from '../apps/server/src/platform/auth/secret-box';
import { loadConfig } from '../apps/server/src/platform/config/config';
import { openDatabase, runMigrations } from '../apps/server/src/platform/db/database';

const seconds = Number(process.argv[2] ?? 10);
const EVENTS = 100_000;
const EMAIL = 'officer@minato-ceramics.example';
const port = 43_000 + (process.pid % 1000);

/** Migrates, seeds the demo and appends EVENTS valid chained audit events to the demo company's trail. */
const prepare = async (env: Record<string, string>) => {
  const config = loadConfig(env);
  const db = await openDatabase(
    config.databaseUrl ? { kind: 'native', url: config.databaseUrl } : { kind: 'embedded', dataDir: config.dataDir },
  );
  await runMigrations(db);
  await createDemoService({ db, clock: () => new Date(), secretBox: createSecretBox(config.sessionSecret) }).seed();
  const [user] = await db.system((tx) => tx.select().from(users).where(eq(users.email, EMAIL)));
  const tenantId = user!.tenantId;
  const [head] = await db
    .system((tx) =>
      tx.execute<{ seq: string; hash: string }>(
        sql`select seq, hash from audit_events where tenant_id = ${tenantId} order by seq desc limit 1`,
      ),
    )
    .then((r) => r.rows);
  let seq = Number(head?.seq ?? 0);
  let prevHash = head?.hash ?? GENESIS_HASH;
  const start = Date.now() - EVENTS * 60_000;
  for (let batch = 0; batch < EVENTS / 1000; batch++) {
    const rows: (typeof auditEvents.$inferInsert)[] = [];
    for (let i = 0; i < 1000; i++) {
      seq++;
      const event = {
        tenantId,
        seq,
        id: randomUUID(),
        occurredAt: new Date(start + seq * 60_000),
        type: seq % 3 === 0 ? 'auth.signed_in' : 'user.preferences_changed',
        actorUserId: user!.id,
        actorLabel: `${user!.displayName} <${user!.email}>`,
        subjectType: 'user',
        subjectId: user!.id,
        payload: seq % 3 === 0 ? { method: 'password_totp' } : { locale: 'ja' },
        ip: '127.0.0.1',
      };
      const hash = hashEvent(prevHash, event);
      rows.push({ ...event, prevHash, hash });
      prevHash = hash;
    }
    await db.system((tx) => tx.insert(auditEvents).values(rows));
  }
  await db.close();
};

const waitReady = async (child: ChildProcess) => {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
};

/** Signs in through the API like a browser and returns the cookie header. */
const signIn = async (): Promise<string> => {
  const base = `http://127.0.0.1:${port}/api/v1`;
  const jar = new Map<string, string>();
  const keep = (r: Response) => {
    for (const c of r.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      jar.set(k!, v!);
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const s = await fetch(`${base}/session`);
  keep(s);
  const csrf = ((await s.json()) as { error: { details: { csrfToken: string } } }).error.details.csrfToken;
  const post = async (url: string, body: unknown, token: string) => {
    const r = await fetch(`${base}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': token, cookie: cookie() },
      body: JSON.stringify(body),
    });
    keep(r);
    if (!r.ok) throw new Error(`${url}: ${r.status} ${await r.text()}`);
    return r;
  };
  await post('/auth/sign-in', { email: EMAIL, password: DEMO_PASSWORD }, csrf);
  const accounts = (await (await fetch(`${base}/auth/demo-accounts`)).json()) as {
    items: { email: string; totpCode: string }[];
  };
  const code = accounts.items.find((a) => a.email === EMAIL)!.totpCode;
  // Once a session exists, state-changing requests carry that session's own CSRF token.
  const pending = (await (await fetch(`${base}/session`, { headers: { cookie: cookie() } })).json()) as {
    csrfToken: string;
  };
  await post('/auth/second-factor', { code }, pending.csrfToken);
  return cookie();
};

const load = async (url: string, cookie: string) => {
  const result = await autocannon({ url, connections: 50, duration: seconds, headers: { cookie } });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} non-2xx responses`);
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
  };
};

const runOn = async (label: string, env: Record<string, string>) => {
  await prepare(env);
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', '--import', 'tsx', 'apps/server/src/main/server.ts'],
    {
      // The per-session rate limit would otherwise answer most of the load with 429.
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        KAKINE_DEMO: 'true',
        RATE_LIMIT_PER_MINUTE: '100000000',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  try {
    await waitReady(child);
    const cookie = await signIn();
    const base = `http://127.0.0.1:${port}`;
    const list = await load(`${base}/api/v1/audit/events?page=1&pageSize=50`, cookie);
    const trivial = await load(`${base}/healthz`, cookie);
    return [
      { database: label, route: 'GET /api/v1/audit/events (50/page, 100k rows)', ...list },
      { database: label, route: 'GET /healthz', ...trivial },
    ];
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
};

const rows: Record<string, unknown>[] = [];
const dataDir = mkdtempSync(path.join(tmpdir(), 'kakine-bench-'));
rows.push(...(await runOn('PGlite (embedded)', { DATA_DIR: dataDir })));
rmSync(dataDir, { recursive: true, force: true });
const nativeUrl = process.env.BENCH_DATABASE_URL;
if (nativeUrl) {
  const name = `kakine_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: nativeUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(nativeUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'kakine-bench-'));
  try {
    rows.push(...(await runOn('PostgreSQL (native)', { DATA_DIR: dir, DATABASE_URL: url.toString() })));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(
  `Authenticated list under load — ${new Date().toISOString()}, ${cpus().length} cores, 50 connections, ${seconds} s each`,
);
console.table(rows);
console.log('Reproduce: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/audit-list.ts 10');
