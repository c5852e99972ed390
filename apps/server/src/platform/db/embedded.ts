import { type ChildProcess, fork } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Thrown when another process already uses the same embedded data directory. */
export class DataDirLockedError extends Error {
  /** Creates the error naming the directory and the process holding it. */
  constructor(dataDir: string, pid: number) {
    super(
      `The data directory ${dataDir} is in use by another Kakine process (pid ${pid}). ` +
        'Stop that process, or start this one with a different DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Takes an exclusive lock file in the data dir; a stale lock of a dead process is replaced. Returns the release. */
export const lockDataDir = (dataDir: string): (() => void) => {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'kakine.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(lockPath, 'utf8') === String(process.pid)) unlinkSync(lockPath);
        } catch {
          // Already gone.
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(lockPath, 'utf8'), 10);
      if (Number.isFinite(holder) && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      unlinkSync(lockPath);
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
};

/** A running embedded PostgreSQL (PGlite in a child process) reachable over a unix socket. */
export type EmbeddedPostgres = {
  /** Directory that holds the socket, for `pg`'s `host` option. */
  socketDir: string;
  /** Stops the child process and releases the data-dir lock. */
  stop: () => Promise<void>;
};

const hostScript = fileURLToPath(new URL('./pglite-host.mjs', import.meta.url));

/**
 * Starts PGlite on `<dataDir>/pgdata` in a child process, so that long queries never block the HTTP thread
 * (ADR 0003), and serves it on a unix socket in a private temporary directory.
 */
export const startEmbeddedPostgres = async (dataDir: string): Promise<EmbeddedPostgres> => {
  const release = lockDataDir(dataDir);
  const socketDir = mkdtempSync(path.join(tmpdir(), 'kakine-pg-'));
  // pg connects to `<host>/.s.PGSQL.<port>` for a unix socket; the default port is 5432.
  const socketPath = path.join(socketDir, '.s.PGSQL.5432');
  rmSync(socketPath, { force: true });
  let child: ChildProcess;
  try {
    child = fork(hostScript, [path.join(dataDir, 'pgdata'), socketPath], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('message', (m: { type?: string }) => (m?.type === 'ready' ? resolve() : undefined));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`The embedded database exited during start-up (code ${code})`)));
    });
  } catch (error) {
    release();
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  }
  let stopped = false;
  return {
    socketDir,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(socketDir, { recursive: true, force: true });
      release();
    },
  };
};
