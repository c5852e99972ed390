// Event-loop lag of the HTTP process while the embedded database runs a long query: PGlite in the server's own
// thread versus PGlite in a child process behind pglite-socket (what Kakine does, ADR 0003).
// Run: npx tsx bench/event-loop-lag.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { startEmbeddedPostgres } from '../apps/server/src/platform/db/embedded';

const LONG_QUERY = 'select count(*) from generate_series(1, 3600000) g where g % 7 = 3';

/**
 * Runs `work` while a 10 ms timer loop stands in for concurrent requests: its overshoot is the event-loop lag
 * that every other request of the process would see.
 */
const measure = async (work: () => Promise<unknown>) => {
  const latencies: number[] = [];
  let running = true;
  const probe = async () => {
    while (running) {
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 10));
      latencies.push(performance.now() - t0 - 10);
    }
  };
  const probing = probe();
  const t0 = performance.now();
  await work();
  const queryMs = performance.now() - t0;
  running = false;
  await probing;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { queryMs: Math.round(queryMs), lagP50Ms: at(0.5), lagP99Ms: at(0.99), lagMaxMs: at(1) };
};

const inProcess = async () => {
  const db = await PGlite.create();
  await db.query('select 1');
  const result = await measure(() => db.query(LONG_QUERY));
  await db.close();
  return result;
};

const childProcess = async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kakine-bench-'));
  const embedded = await startEmbeddedPostgres(dir);
  const pool = new pg.Pool({ host: embedded.socketDir, user: 'postgres', database: 'postgres', max: 1 });
  await pool.query('select 1');
  const result = await measure(() => pool.query(LONG_QUERY));
  await pool.end();
  await embedded.stop();
  rmSync(dir, { recursive: true, force: true });
  return result;
};

const rows = [
  { mode: 'PGlite in the HTTP process', ...(await inProcess()) },
  { mode: 'PGlite in a child process (Kakine)', ...(await childProcess()) },
];
console.log(`Event-loop lag during a long embedded query — ${new Date().toISOString()}, ${cpus().length} cores`);
console.table(rows);
console.log('Reproduce: npx tsx bench/event-loop-lag.ts');
