// An authenticated list endpoint under load: GET /api/v1/audit/events (50 per page) with 100,000 events in the tenant,
// beside the trivial /healthz of the same server in the same run, with autocannon at 50 connections.
// Runs on the embedded PGlite and, when BENCH_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/test), on
// a fresh database of that native PostgreSQL server.
// Run: npx tsx bench/audit-list.ts [seconds]      (BENCH_DATABASE_URL=… to include native PostgreSQL)

import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import autocannon from 'autocannon';
import { eq, sql } from 'drizzle-orm';
import { createDemoService } from '../apps/server/src/modules/demo';
import { auditEvents } from '../apps/server/src/platform/audit/audit.schema';
import { GENESIS_HASH, hashEvent } from '../apps/server/src/platform/audit/hash-chain.rules';
import { users } from '../apps/server/src/platform/auth/auth.schema';
import { createSecretBox } from '../apps/server/src/platform/auth/secret-box';
import { loadConfig } from '../apps/server/src/platform/config/config';
import { openDatabase, runMigrations } from '../apps/server/src/platform/db/database';
import { forEachDatabase, signIn, startServer } from './bench-support';

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

const rows = await forEachDatabase(async (label, env) => {
  await prepare(env);
  const server = await startServer(port, env);
  try {
    const { cookie } = await signIn(server.base, EMAIL);
    const list = await load(`${server.base}/audit/events?page=1&pageSize=50`, cookie);
    const trivial = await load(`${server.base.replace('/api/v1', '')}/healthz`, cookie);
    return [
      { database: label, route: 'GET /api/v1/audit/events (50/page, 100k rows)', ...list },
      { database: label, route: 'GET /healthz', ...trivial },
    ];
  } finally {
    await server.stop();
  }
});
console.log(
  `Authenticated list under load — ${new Date().toISOString()}, ${cpus().length} cores, 50 connections, ${seconds} s each`,
);
console.table(rows);
console.log('Reproduce: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/audit-list.ts 10');
