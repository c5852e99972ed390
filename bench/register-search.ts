// Register list and search under load: GET /api/v1/register/technologies with 100,000 technologies in the tenant
// (realistic Japanese names such as 積層セラミックコンデンサ 内部電極印刷技術, search text computed as the register
// writes it), autocannon at 50 connections: substring searches (「コンデンサ」, a two-character 「電極」, ASCII), a
// filter without search, a sort on a detail column, and an employee's search (need-to-know rules apply); each first
// with one connection (`alone…`: the cost of a request without queueing). Target: search p99 ≤ 100 ms on PostgreSQL.
// Runs on the embedded PGlite and, when BENCH_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/test), on
// a fresh database of that native PostgreSQL server.
// Run: npx tsx bench/register-search.ts [seconds] [technologies]    (BENCH_DATABASE_URL=… adds native PostgreSQL)

import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import { and, eq, sql } from 'drizzle-orm';
import { loadBundledCatalogues } from '../apps/server/src/modules/catalogues';
import { createDemoService } from '../apps/server/src/modules/demo';
import {
  isOverseas,
  nextReviewOn,
  technologyNameSearchText,
  technologySearchText,
} from '../apps/server/src/modules/register/register.rules';
import { technologies } from '../apps/server/src/modules/register/register.schema';
import { users } from '../apps/server/src/platform/auth/auth.schema';
import { createSecretBox } from '../apps/server/src/platform/auth/secret-box';
import { loadConfig } from '../apps/server/src/platform/config/config';
import { openDatabase, runMigrations } from '../apps/server/src/platform/db/database';
import { forEachDatabase, signIn, startServer } from './bench-support';
import { benchTechnology } from './register-data';

const seconds = Number(process.argv[2] ?? 10);
const TECHNOLOGIES = Number(process.argv[3] ?? 100_000);
const BATCH = 1_000;
const OFFICER = 'officer@minato-ceramics.example';
const EMPLOYEE = 'engineer@minato-ceramics.example';
const port = 45_000 + (process.pid % 1000);
const loadAtStart = loadavg();

/** Migrates, loads the catalogues, seeds the demo and inserts TECHNOLOGIES technologies into the demo company. */
const prepare = async (env: Record<string, string>): Promise<number> => {
  const config = loadConfig(env);
  const db = await openDatabase(
    config.databaseUrl ? { kind: 'native', url: config.databaseUrl } : { kind: 'embedded', dataDir: config.dataDir },
  );
  const t0 = performance.now();
  try {
    await runMigrations(db);
    await loadBundledCatalogues({ db });
    await createDemoService({ db, clock: () => new Date(), secretBox: createSecretBox(config.sessionSecret) }).seed();
    const [officer] = await db.system((tx) => tx.select().from(users).where(eq(users.email, OFFICER)));
    const tenantId = officer!.tenantId;
    const owners = (
      await db.system((tx) =>
        tx
          .select({ id: users.id })
          .from(users)
          .where(
            and(eq(users.tenantId, tenantId), sql`${users.roles} && array['security_officer','technology_owner']`),
          ),
      )
    ).map((u) => u.id);
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const createdOn = today;
    for (let start = 1; start <= TECHNOLOGIES; start += BATCH) {
      const rows: (typeof technologies.$inferInsert)[] = [];
      for (let i = start; i < start + BATCH && i <= TECHNOLOGIES; i++) {
        const t = benchTechnology(i, { prefix: 'SRCH', today, owners });
        const interval = t.reviewIntervalMonths ?? 12;
        rows.push({
          tenantId,
          code: t.code,
          nameJa: t.nameJa,
          nameEn: t.nameEn,
          description: t.description,
          products: t.products,
          ownerUserId: t.ownerUserId,
          department: t.department,
          classificationCode: t.classificationCode,
          isCore: t.isCore,
          coreReason: t.coreReason,
          designatedCodes: t.designatedCodes,
          exportControlStatus: t.exportControl.status,
          exportControlRef: t.exportControl.listItemRef,
          exportControlAssessor: t.exportControl.assessorName,
          exportControlAssessedOn: t.exportControl.assessedOn,
          locations: t.locations.map((l) => ({ ...l, detail: l.detail ?? null })),
          overseas: isOverseas(t.locations),
          reviewIntervalMonths: interval,
          lastReviewedOn: t.lastReviewedOn,
          nextReviewOn: nextReviewOn(t.lastReviewedOn, createdOn, interval),
          searchText: technologySearchText(t),
          nameSearchText: technologyNameSearchText(t),
          createdBy: officer!.id,
        });
      }
      await db.system((tx) => tx.insert(technologies).values(rows));
    }
    // As the owner (a role-switched transaction may not analyze): the statistics autovacuum would gather on a live
    // database, which the planner needs to pick the indexes.
    await db.pool.query('vacuum analyze technologies');
  } finally {
    await db.close();
  }
  return Math.round((performance.now() - t0) / 1000);
};

const load = async (url: string, cookie: string) => {
  // One connection first shows what a request costs on its own, without queueing behind 49 others.
  const alone = await autocannon({ url, connections: 1, duration: Math.max(2, seconds / 2), headers: { cookie } });
  const result = await autocannon({ url, connections: 50, duration: seconds, headers: { cookie } });
  if (result.non2xx > 0 || alone.non2xx > 0) throw new Error(`${url}: non-2xx responses`);
  // The server is still working through requests autocannon gave up waiting for: let them drain before the next run.
  for (let i = 0; i < 3; i++) await fetch(url, { headers: { cookie } });
  return {
    reqPerSec: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    aloneP50Ms: alone.latency.p50,
    aloneP99Ms: alone.latency.p99,
  };
};

const QUERIES: { label: string; path: string; as: 'officer' | 'employee' }[] = [
  { label: 'q=コンデンサ (officer)', path: `?q=${encodeURIComponent('コンデンサ')}`, as: 'officer' },
  { label: 'q=電極 (2 characters)', path: `?q=${encodeURIComponent('電極')}`, as: 'officer' },
  { label: 'q=grm155 (ASCII, products)', path: '?q=grm155', as: 'officer' },
  {
    label: 'q=内部電極印刷 (few matches)',
    path: `?q=${encodeURIComponent('内部電極印刷技術 第3世代')}`,
    as: 'officer',
  },
  { label: 'filter: core + 極秘', path: '?core=true&classification=top_secret', as: 'officer' },
  { label: 'sort: nextReviewOn desc', path: '?sort=nextReviewOn&order=desc', as: 'officer' },
  { label: 'q=コンデンサ (employee)', path: `?q=${encodeURIComponent('コンデンサ')}`, as: 'employee' },
];

const rows = await forEachDatabase(async (database, env) => {
  const prepareSeconds = await prepare(env);
  const server = await startServer(port, env);
  try {
    const cookies = {
      officer: (await signIn(server.base, OFFICER)).cookie,
      employee: (await signIn(server.base, EMPLOYEE)).cookie,
    };
    // Warm the server up (JIT, caches) before the first measured run.
    await autocannon({
      url: `${server.base}/register/technologies`,
      connections: 10,
      duration: 3,
      headers: { cookie: cookies.officer },
    });
    const results = [];
    for (const query of QUERIES) {
      const url = `${server.base}/register/technologies${query.path}`;
      const first = await fetch(url, { headers: { cookie: cookies[query.as] } });
      if (!first.ok) throw new Error(`${url}: ${first.status} ${await first.text()}`);
      const { total } = (await first.json()) as { total: number };
      results.push({ database, query: query.label, matches: total, ...(await load(url, cookies[query.as])) });
    }
    console.log(`${database}: prepared ${TECHNOLOGIES.toLocaleString('en')} technologies in ${prepareSeconds} s`);
    return results;
  } finally {
    await server.stop();
  }
});

console.log(
  `Register list and search, ${TECHNOLOGIES.toLocaleString('en')} technologies in one tenant — ` +
    `${new Date().toISOString()}, ${cpus().length} cores, 50 connections, ${seconds} s each, load average at start ` +
    loadAtStart.map((l) => l.toFixed(2)).join(' '),
);
console.table(rows);
console.log(
  'Reproduce: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/register-search.ts 10',
);
