// Child process that owns the embedded PGlite database and serves it on a private unix socket.
// Runs as plain JavaScript so that it needs no TypeScript loader. Started by embedded.ts.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

const [dataDir, socketPath] = process.argv.slice(2);

// pg_trgm backs the substring search of the register and the people directory (migration 0004).
const db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 2 });
await server.start();
process.send?.({ type: 'ready' });

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  try {
    await server.stop();
    await db.close();
  } finally {
    process.exit(0);
  }
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The parent holds the IPC channel; when it goes away (even by kill -9) this process must not linger.
process.on('disconnect', stop);
