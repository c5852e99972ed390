import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { TechnologyInput, type TechnologyInput as TechnologyInputType, TechnologyListQuery } from '@kakine/contracts';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededServices, actorFor as seededActor } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Actor } from '../../platform/actor/actor';
import { createDatabaseFromPool, type Database, MIGRATIONS_DIR, runMigrations } from '../../platform/db/database';
import * as repo from './register.repository';
import { searchPattern, tokyoDate } from './register.rules';
import { technologies } from './register.schema';

/** The database's own message of a failed query (drizzle wraps it in "Failed query: …"). */
const failure = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work;
  } catch (error) {
    const cause = (error as { cause?: Error }).cause;
    return (cause ?? (error as Error)).message;
  }
  return 'no error';
};

/** The ids kakine_technology_search returns in a tenant's transaction (as kakine_app). */
const searchAs = async (db: Database, tenantId: string, query: string, namesOnly = false): Promise<string[]> => {
  const result = await db.tenant(tenantId, (tx) =>
    tx.execute<{ id: string }>(
      sql`select id from kakine_technology_search(${searchPattern(query)}, ${namesOnly}) as s(id) order by id`,
    ),
  );
  return result.rows.map((r) => r.id);
};

describe('the register search through kakine_technology_search', () => {
  let db: Database;
  let services: Services;
  let officer: Actor;
  let employee: Actor;
  let foreignTenant: string;
  let foreignId = '';
  let mineId = '';

  const input = (overrides: Partial<TechnologyInputType> = {}) =>
    TechnologyInput.parse({ code: 'S-000', nameJa: '探索試験', classificationCode: 'secret', ...overrides });

  /** The side table's row of a technology, read as its owner (the migration role). */
  const sideRow = async (id: string) => {
    const result = await db.pool.query<{ owner_tenant_id: string; search_text: string; name_text: string }>(
      'select owner_tenant_id, search_text, name_text from technology_search where technology_id = $1',
      [id],
    );
    return result.rows[0] ?? null;
  };

  const codesOf = async (actor: Actor, q: string) =>
    (await services.register.listTechnologies(actor, TechnologyListQuery.parse({ pageSize: '500', q }))).items.map(
      (i) => `${i.code}:${i.access}`,
    );

  beforeAll(async () => {
    ({ db, services } = await createSeededServices());
    officer = await seededActor(db, 'officer@minato-ceramics.example');
    employee = await seededActor(db, 'engineer@minato-ceramics.example');
    foreignTenant = (await seededActor(db, 'case@meti.example')).tenantId;
    mineId = (
      await services.register.createTechnology(
        officer,
        input({
          code: 'S-MINE',
          nameJa: '探索用の積層コンデンサ甲',
          description: '秘伝のスラリー配合',
          products: ['ＧＲＭ９９９'],
        }),
      )
    ).id;
    const [foreign] = await db.system((tx) =>
      tx
        .insert(technologies)
        .values({
          tenantId: foreignTenant,
          code: 'S-FOREIGN',
          nameJa: '探索用の積層コンデンサ乙',
          classificationCode: 'public',
          reviewIntervalMonths: 12,
          nextReviewOn: '2030-01-01',
          searchText: 's-foreign\n探索用の積層コンデンサ乙\n秘伝のスラリー配合',
          nameSearchText: 's-foreign\n探索用の積層コンデンサ乙',
        })
        .returning({ id: technologies.id }),
    );
    foreignId = foreign!.id;
  });

  afterAll(async () => {
    await db?.close();
  });

  it('returns only the current tenant’s ids, even when another tenant has matching rows', async () => {
    expect(await searchAs(db, officer.tenantId, '探索用の積層')).toEqual([mineId]);
    expect(await searchAs(db, foreignTenant, '探索用の積層')).toEqual([foreignId]);
    expect(await searchAs(db, officer.tenantId, '秘伝のスラリー')).toEqual([mineId]);
    expect(await searchAs(db, officer.tenantId, 'コンデンサ乙')).toEqual([]);
    // Full-width input finds the normalised text; two characters (no trigram) still match.
    expect(await searchAs(db, officer.tenantId, 'grm999')).toEqual([mineId]);
    expect(await searchAs(db, officer.tenantId, '秘伝')).toEqual([mineId]);
  });

  it('matches code and names only when asked for names only', async () => {
    expect(await searchAs(db, officer.tenantId, 'コンデンサ甲', true)).toEqual([mineId]);
    expect(await searchAs(db, officer.tenantId, 's-mine', true)).toEqual([mineId]);
    expect(await searchAs(db, officer.tenantId, '秘伝のスラリー', true)).toEqual([]);
    expect(await searchAs(db, officer.tenantId, 'grm999', true)).toEqual([]);
  });

  it('returns nothing when no tenant is set, and is not callable by the system role', async () => {
    const rows = await db.system(async (tx) => {
      await tx.execute(sql`set local role kakine_app`);
      return tx.execute(sql`select id from kakine_technology_search('%探索用%', false) as s(id)`);
    });
    expect(rows.rows).toEqual([]);
    expect(
      await failure(db.system((tx) => tx.execute(sql`select * from kakine_technology_search('%探索用%', false)`))),
    ).toMatch(/permission denied/);
  });

  it('keeps the side table out of reach of the application roles', async () => {
    expect(
      await failure(db.tenant(officer.tenantId, (tx) => tx.execute(sql`select * from technology_search`))),
    ).toMatch(/permission denied/);
    expect(
      await failure(
        db.tenant(officer.tenantId, (tx) =>
          tx.execute(sql`insert into technology_search (technology_id, owner_tenant_id, search_text, name_text)
            values (${foreignId}, ${officer.tenantId}, 'x', 'x')`),
        ),
      ),
    ).toMatch(/permission denied/);
    expect(
      await failure(
        db.tenant(officer.tenantId, (tx) =>
          tx.execute(sql`update technology_search set owner_tenant_id = owner_tenant_id`),
        ),
      ),
    ).toMatch(/permission denied/);
    expect(await failure(db.system((tx) => tx.execute(sql`select * from technology_search`)))).toMatch(
      /permission denied/,
    );
    // The other tenant's row is still where it was.
    expect((await sideRow(foreignId))?.owner_tenant_id).toBe(foreignTenant);
  });

  it('follows inserts, changes of names and description, and deletes', async () => {
    const created = await services.register.createTechnology(
      officer,
      input({ code: 'S-FOLLOW', nameJa: '追従テスト旧名', description: '旧い説明文' }),
    );
    expect(await sideRow(created.id)).toEqual({
      owner_tenant_id: officer.tenantId,
      search_text: 's-follow\n追従テスト旧名\n旧い説明文',
      name_text: 's-follow\n追従テスト旧名',
    });
    expect(await codesOf(officer, '追従テスト旧名')).toEqual(['S-FOLLOW:full']);

    await services.register.updateTechnology(officer, created.id, {
      technology: input({ code: 'S-FOLLOW', nameJa: '追従テスト新名', nameEn: 'Follow', description: '新しい説明文' }),
      version: created.version,
    });
    expect(await sideRow(created.id)).toEqual({
      owner_tenant_id: officer.tenantId,
      search_text: 's-follow\n追従テスト新名\nfollow\n新しい説明文',
      name_text: 's-follow\n追従テスト新名\nfollow',
    });
    expect(await codesOf(officer, '追従テスト旧名')).toEqual([]);
    expect(await codesOf(officer, '旧い説明')).toEqual([]);
    expect(await codesOf(officer, '追従テスト新名')).toEqual(['S-FOLLOW:full']);
    expect(await codesOf(officer, '新しい説明')).toEqual(['S-FOLLOW:full']);

    await services.register.deleteTechnology(officer, created.id);
    expect(await sideRow(created.id)).toBeNull();
    expect(await codesOf(officer, '追従テスト')).toEqual([]);
  });

  it('lists the same page and total whether the matches are joined or filtered', async () => {
    for (const [code, nameJa, description] of [
      ['S-ORD-1', '並び替え検証 第一', '順序の確認'],
      ['S-ORD-2', '並び替え検証 第二', '順序の確認'],
      ['S-ORD-3', '別名の技術', '並び替え検証の説明にだけ現れる'],
    ] as const) {
      await services.register.createTechnology(officer, input({ code, nameJa, description }));
    }
    await services.register.createTechnology(
      officer,
      input({ code: 'S-ORD-4', nameJa: '並び替え検証 公開', classificationCode: 'public' }),
    );
    const readers = {
      officer: { fullAccess: null, includeNameOnly: false },
      employee: {
        fullAccess: repo.fullAccessCondition({
          userId: employee.userId,
          publicClassificationCodes: ['public'],
          grantedTechnologyIds: [],
        }),
        includeNameOnly: true,
      },
    };
    const sorts = [
      ['code', 'asc'],
      ['code', 'desc'],
      ['nameJa', 'asc'],
      ['nextReviewOn', 'desc'],
      ['updatedAt', 'desc'],
      ['busFactor', 'asc'],
      ['classification', 'asc'],
    ] as const;
    for (const [reader, access] of Object.entries(readers)) {
      for (const [sort, order] of sorts) {
        for (const [limit, offset] of [
          [500, 0],
          [1, 1],
        ] as const) {
          const pages = await Promise.all(
            (['semi', 'filter'] as const).map((matchShape) =>
              db.tenant(officer.tenantId, async (tx) => {
                const { rows, total } = await repo.listTechnologies(
                  tx,
                  {
                    tenantId: officer.tenantId,
                    today: tokyoDate(new Date()),
                    q: '並び替え検証',
                    status: 'active',
                    ...access,
                  },
                  { sort, order, limit, offset, classificationRanks: new Map([['public', 4]]), matchShape },
                );
                return { total, rows: rows.map((r) => `${r.code}:${r.full ? 'full' : 'name'}`) };
              }),
            ),
          );
          expect({ reader, sort, order, offset, page: pages[1] }).toEqual({
            reader,
            sort,
            order,
            offset,
            page: pages[0],
          });
          if (offset === 0) {
            expect(pages[0]!.total).toBe(reader === 'officer' ? 4 : 3);
            expect([...pages[0]!.rows].sort()).toEqual(
              reader === 'officer'
                ? ['S-ORD-1:full', 'S-ORD-2:full', 'S-ORD-3:full', 'S-ORD-4:full']
                : ['S-ORD-1:name', 'S-ORD-2:name', 'S-ORD-4:full'],
            );
          }
        }
      }
    }
  });

  it('lets a name-only reader find a technology by its name but not by what only full readers see', async () => {
    expect(await codesOf(employee, '積層コンデンサ甲')).toEqual(['S-MINE:name_only']);
    expect(await codesOf(employee, 's-mine')).toEqual(['S-MINE:name_only']);
    expect(await codesOf(employee, '秘伝のスラリー')).toEqual([]);
    expect(await codesOf(employee, 'grm999')).toEqual([]);
    expect(await codesOf(officer, '秘伝のスラリー')).toEqual(['S-MINE:full']);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Migration 0005 on a database that already holds technologies, run as the database owner: on native PostgreSQL a
// role that is NOT a superuser (as in production), on PGlite its superuser.
// ---------------------------------------------------------------------------------------------------------------

/** A copy of the migrations folder that stops before the named migration. */
const migrationsBefore = (dir: string, tag: string): string => {
  const folder = path.join(dir, 'migrations');
  cpSync(MIGRATIONS_DIR, folder, { recursive: true });
  const journalFile = path.join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
  const stop = journal.entries.findIndex((e) => e.tag === tag);
  if (stop < 0) throw new Error(`no migration ${tag}`);
  journal.entries = journal.entries.slice(0, stop);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
};

/** A fresh database migrated up to (not including) 0005, owned by a non-superuser role on native PostgreSQL. */
const freshDatabase = async (): Promise<{ db: Database; ownerIsSuperuser: boolean; dispose: () => Promise<void> }> => {
  const nativeUrl = process.env.TEST_DATABASE_URL;
  if (nativeUrl) {
    const suffix = randomBytes(4).toString('hex');
    const role = `kakine_owner_test_${suffix}`;
    const name = `kakine_owner_db_${suffix}`;
    const admin = new pg.Client({ connectionString: nativeUrl });
    await admin.connect();
    await admin.query(`create role ${role} login createrole`);
    // Migration 0001 grants both application roles to a non-superuser owner; PostgreSQL ≥ 16 requires the admin option
    // for that (the roles exist already on this server: other test databases created them).
    await admin.query(`grant kakine_app, kakine_system to ${role} with admin option`);
    await admin.query(`create database ${name} owner ${role}`);
    const url = new URL(nativeUrl);
    url.username = role;
    url.password = '';
    url.pathname = `/${name}`;
    const db = createDatabaseFromPool(new pg.Pool({ connectionString: url.toString(), max: 2 }), 'native');
    return {
      db,
      ownerIsSuperuser: false,
      dispose: async () => {
        await db.close();
        await admin.query(`drop database if exists ${name} with (force)`);
        await admin.query(`drop role if exists ${role}`);
        await admin.end();
      },
    };
  }
  const pglite = await PGlite.create({ extensions: { pg_trgm } });
  const socketDir = mkdtempSync(path.join(tmpdir(), 'kakine-m5-'));
  const server = new PGLiteSocketServer({ db: pglite, path: path.join(socketDir, '.s.PGSQL.5432'), maxConnections: 2 });
  await server.start();
  const pool = new pg.Pool({ host: socketDir, user: 'postgres', database: 'postgres', max: 1 });
  const db = createDatabaseFromPool(pool, 'embedded');
  return {
    db,
    ownerIsSuperuser: true,
    dispose: async () => {
      await db.close();
      await server.stop();
      await pglite.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
};

describe('migration 0005 (register search)', () => {
  it('backfills existing technologies and serves the search to kakine_app, also under a non-superuser owner', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kakine-m5-migrations-'));
    const fresh = await freshDatabase();
    const { db } = fresh;
    try {
      const owner = await db.pool.query<{ rolsuper: boolean }>(
        'select rolsuper from pg_roles where rolname = current_user',
      );
      expect(owner.rows[0]?.rolsuper).toBe(fresh.ownerIsSuperuser);
      await migrate(drizzle(db.pool), { migrationsFolder: migrationsBefore(dir, '0005_register_search') });
      const tenantA = randomUUID();
      const tenantB = randomUUID();
      await db.system(async (tx) => {
        await tx.execute(sql`insert into organisations (id, kind, name_ja, name_en) values
          (${tenantA}, 'company', 'A社', 'A Corp'), (${tenantB}, 'company', 'B社', 'B Corp')`);
        await tx.execute(sql`insert into technologies
          (tenant_id, code, name_ja, name_en, classification_code, review_interval_months, next_review_on, search_text)
          values
          (${tenantA}, 'A-1', '積層セラミックコンデンサ', 'ＭＬＣＣ', 'secret', 12, '2030-01-01',
            ${'a-1\n積層セラミックコンデンサ\nmlcc\n焼成条件'}),
          (${tenantB}, 'B-1', '他社のコンデンサ', null, 'secret', 12, '2030-01-01',
            ${'b-1\n他社のコンデンサ\n焼成条件'})`);
      });

      await runMigrations(db);

      // Read as the owner (the migration role), the only role with a privilege on the side table.
      const backfilled = await db.pool.query<{ owner_tenant_id: string; name_text: string }>(
        'select owner_tenant_id, name_text from technology_search order by name_text',
      );
      expect(backfilled.rows).toEqual([
        { owner_tenant_id: tenantA, name_text: 'a-1\n積層セラミックコンデンサ\nmlcc' },
        { owner_tenant_id: tenantB, name_text: 'b-1\n他社のコンデンサ' },
      ]);
      // The forcing of RLS on technologies, lifted for the backfill, is back.
      const forced = await db.pool.query<{ relforcerowsecurity: boolean }>(
        `select relforcerowsecurity from pg_class where relname = 'technologies'`,
      );
      expect(forced.rows[0]?.relforcerowsecurity).toBe(true);

      expect(await searchAs(db, tenantA, 'コンデンサ')).toHaveLength(1);
      expect(await searchAs(db, tenantA, 'ｍｌｃｃ', true)).toHaveLength(1);
      expect(await searchAs(db, tenantB, 'コンデンサ')).toHaveLength(1);
      expect(await searchAs(db, tenantB, '積層')).toEqual([]);
      const [id] = await searchAs(db, tenantA, 'コンデンサ');
      const seen = await db.tenant(tenantA, (tx) =>
        tx.execute<{ code: string }>(sql`select code from technologies where id = ${id!}`),
      );
      expect(seen.rows).toEqual([{ code: 'A-1' }]);

      // New rows written by the application role reach the side table through the security-definer trigger.
      await db.tenant(tenantA, (tx) =>
        tx.execute(sql`insert into technologies (tenant_id, code, name_ja, classification_code, review_interval_months,
          next_review_on, search_text, name_search_text)
          values (${tenantA}, 'A-2', '誘電体材料', 'secret', 12, '2030-01-01', ${'a-2\n誘電体材料'}, ${'a-2\n誘電体材料'})`),
      );
      expect(await searchAs(db, tenantA, '誘電体')).toHaveLength(1);
      expect(await searchAs(db, tenantB, '誘電体')).toEqual([]);
      expect(await failure(db.tenant(tenantA, (tx) => tx.execute(sql`select * from technology_search`)))).toMatch(
        /permission denied/,
      );
    } finally {
      await fresh.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
