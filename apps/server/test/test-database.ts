import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabaseFromPool, type Database, runMigrations } from '../src/platform/db/database';

const nativeUrl = process.env.TEST_DATABASE_URL;

const withDatabase = (url: string, name: string): string => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Serves an in-process PGlite on a private unix socket, wrapped like the embedded production database. */
const servePglite = async (pglite: PGlite, closePglite: boolean): Promise<Database> => {
  const socketDir = mkdtempSync(path.join(tmpdir(), 'kakine-tpg-'));
  const server = new PGLiteSocketServer({
    db: pglite,
    path: path.join(socketDir, '.s.PGSQL.5432'),
    maxConnections: 2,
  });
  await server.start();
  const pool = new pg.Pool({ host: socketDir, user: 'postgres', database: 'postgres', max: 1 });
  return createDatabaseFromPool(pool, 'embedded', async () => {
    await server.stop();
    if (closePglite) await pglite.close();
    rmSync(socketDir, { recursive: true, force: true });
  });
};

/** Creates and migrates the run's template; `reference` tells test files where to copy it from. */
export const createTemplateDatabase = async (
  dir: string,
): Promise<{ reference: string; dispose: () => Promise<void> }> => {
  if (nativeUrl) {
    const name = `kakine_tmpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: nativeUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const database = createDatabaseFromPool(
      new pg.Pool({ connectionString: withDatabase(nativeUrl, name), max: 2 }),
      'native',
    );
    await runMigrations(database);
    await database.close();
    return {
      reference: `native:${name}`,
      dispose: async () => {
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  const database = await servePglite(pglite, false);
  await runMigrations(database);
  await database.close();
  const dump = await pglite.dumpDataDir('gzip');
  const file = path.join(dir, 'template.tar.gz');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  return { reference: `pglite:${file}`, dispose: async () => {} };
};

/**
 * A fresh, migrated database of this test file's own: a copy of the run's template on PGlite, or a new native
 * database created from the template. Close it in afterAll.
 */
export const createTestDatabase = async (): Promise<Database> => {
  const reference = inject('kakineTemplate');
  if (reference.startsWith('native:')) {
    if (!nativeUrl) throw new Error('TEST_DATABASE_URL vanished between setup and test');
    const template = reference.slice('native:'.length);
    const name = `kakine_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: nativeUrl });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const pool = new pg.Pool({ connectionString: withDatabase(nativeUrl, name), max: 4 });
    return createDatabaseFromPool(pool, 'native', async () => {
      // pool.end() does not wait for sockets to close; the forced drop below may end one, which is expected here.
      const dropper = new pg.Client({ connectionString: nativeUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    });
  }
  const file = reference.slice('pglite:'.length);
  const pglite = await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]), extensions: { pg_trgm } });
  return servePglite(pglite, true);
};
