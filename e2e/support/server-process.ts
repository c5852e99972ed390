import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const SERVER_DIR = fileURLToPath(new URL('../../apps/server', import.meta.url));

/** A Kakine server started by a spec, apart from the one Playwright serves the run with. */
export type ServerProcess = {
  /** The server's base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Stops the server (SIGTERM, as an operator would) and waits until it has released its database. */
  stop: () => Promise<void>;
};

/** A TCP port that is free right now on the loopback interface. */
export const freePort = async (): Promise<number> => {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  await once(probe, 'close');
  if (!address || typeof address === 'string') throw new Error('Could not find a free port');
  return address.port;
};

/**
 * Starts `apps/server` in demo mode on the embedded database in `dataDir` and waits until `/readyz` answers.
 * Output is kept and included in the error if the server exits or does not become ready.
 */
export const startServer = async (dataDir: string, port: number, timeoutMs = 60_000): Promise<ServerProcess> => {
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main/server.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      KAKINE_DEMO: 'true',
      LOG_LEVEL: 'warn',
      BASE_URL: url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, 'exit');

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await exited;
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with code ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url, stop };
    await sleep(200);
  }
  await stop();
  throw new Error(`The server did not become ready within ${timeoutMs} ms:\n${output}`);
};
