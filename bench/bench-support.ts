// Shared pieces of the register benchmarks: a server child process on a given database, a browser-like sign-in, and
// a throw-away database on the native PostgreSQL server of BENCH_DATABASE_URL.

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD } from '../apps/server/src/modules/demo';

/** A running server: its base URL, its process and a way to stop it. */
export type BenchServer = { base: string; child: ChildProcess; stop: () => Promise<void> };

const waitReady = async (child: ChildProcess, port: number) => {
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

/**
 * Starts the server (demo mode, warn logging, the per-session rate limit lifted so that load is not answered with 429)
 * on `port` with the given environment (DATA_DIR, DATABASE_URL) and waits until it is ready.
 */
export const startServer = async (port: number, env: Record<string, string>): Promise<BenchServer> => {
  const child = spawn(
    process.execPath,
    ['--max-semi-space-size=64', '--import', 'tsx', 'apps/server/src/main/server.ts'],
    {
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
    await waitReady(child, port);
  } catch (error) {
    child.kill('SIGTERM');
    throw error;
  }
  return {
    base: `http://127.0.0.1:${port}/api/v1`,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
};

/** A signed-in session: the cookie header and the session's CSRF token for state-changing requests. */
export type BenchSession = { cookie: string; csrf: string };

/** Signs a demo user in through the API like a browser (password, then the demo TOTP code). */
export const signIn = async (base: string, email: string): Promise<BenchSession> => {
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
  await post('/auth/sign-in', { email, password: DEMO_PASSWORD }, csrf);
  const accounts = (await (await fetch(`${base}/auth/demo-accounts`)).json()) as {
    items: { email: string; totpCode: string }[];
  };
  const code = accounts.items.find((a) => a.email === email)!.totpCode;
  // Once a session exists, state-changing requests carry that session's own CSRF token.
  const pending = (await (await fetch(`${base}/session`, { headers: { cookie: cookie() } })).json()) as {
    csrfToken: string;
  };
  await post('/auth/second-factor', { code }, pending.csrfToken);
  const active = (await (await fetch(`${base}/session`, { headers: { cookie: cookie() } })).json()) as {
    csrfToken: string;
  };
  return { cookie: cookie(), csrf: active.csrfToken };
};

/**
 * Runs `work` with the environment of each database the benchmark covers: the embedded PGlite in a fresh data dir,
 * then, when BENCH_DATABASE_URL is set, a fresh database on that native PostgreSQL server (dropped afterwards).
 */
export const forEachDatabase = async <T>(
  work: (label: string, env: Record<string, string>) => Promise<T[]>,
): Promise<T[]> => {
  const results: T[] = [];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kakine-bench-'));
  try {
    results.push(...(await work('PGlite (embedded)', { DATA_DIR: dataDir })));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const nativeUrl = process.env.BENCH_DATABASE_URL;
  if (!nativeUrl) return results;
  const name = `kakine_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: nativeUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(nativeUrl);
  url.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'kakine-bench-'));
  try {
    results.push(...(await work('PostgreSQL (native)', { DATA_DIR: dir, DATABASE_URL: url.toString() })));
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
};
