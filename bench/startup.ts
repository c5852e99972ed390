// Start-up to ready: the time from spawning the server until /readyz answers, on an empty data dir (creates the
// database, migrates, seeds the demo) and again on the same data dir. Run: npx tsx bench/startup.ts [runs]
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';

const runs = Number(process.argv[2] ?? 3);
const port = 42_000 + (process.pid % 1000);

const waitReady = async (child: ChildProcess, t0: number): Promise<number> => {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (r.ok) return performance.now() - t0;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 25));
  }
};

const startOnce = async (dataDir: string): Promise<number> => {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', '--import', 'tsx', 'apps/server/src/main/server.ts'],
    {
      env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', KAKINE_DEMO: 'true' },
      stdio: 'ignore',
    },
  );
  const ms = await waitReady(child, t0);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
  return ms;
};

const first: number[] = [];
const later: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kakine-start-'));
  first.push(await startOnce(dir));
  later.push(await startOnce(dir));
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(`Start-up to ready — ${new Date().toISOString()}, ${cpus().length} cores, ${runs} runs each, median`);
console.table([
  { start: 'first (empty data dir)', medianMs: Math.round(median(first)), runsMs: first.map(Math.round).join(' ') },
  { start: 'later (same data dir)', medianMs: Math.round(median(later)), runsMs: later.map(Math.round).join(' ') },
]);
console.log('Reproduce: npx tsx bench/startup.ts 3');
