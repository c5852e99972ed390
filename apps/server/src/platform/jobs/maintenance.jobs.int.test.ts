import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database';
import type { Database } from '../db/database';
import { createLogger } from '../logger/logger';
import { createJobQueue } from './job-queue';
import { createPlatformMaintenance, MAINTENANCE_JOB_KIND, registerPlatformMaintenance } from './maintenance.jobs';

let db: Database;
const tenant = randomUUID();
const user = randomUUID();
const now = new Date('2026-08-01T00:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const hoursAhead = (h: number) => new Date(now.getTime() + h * 3_600_000);
const count = async (table: string) =>
  Number(
    (await db.system((tx) => tx.execute(sql.raw(`select count(*)::int as n from ${table}`)))).rows[0]?.n as number,
  );

const seed = async () => {
  await db.system(async (tx) => {
    for (const [expires, token] of [
      [hoursAgo(1), 'expired-1'],
      [hoursAgo(30), 'expired-2'],
      [hoursAhead(2), 'live-1'],
    ] as const) {
      await tx.execute(sql`insert into sessions (tenant_id, user_id, token_hash, csrf_token, stage, expires_at)
        values (${tenant}, ${user}, ${`${token}-${randomUUID()}`}, 'csrf', 'active', ${expires})`);
      await tx.execute(sql`insert into password_reset_tokens (tenant_id, user_id, token_hash, expires_at)
        values (${tenant}, ${user}, ${`${token}-${randomUUID()}`}, ${expires})`);
    }
    for (const at of [hoursAgo(25), hoursAgo(48), hoursAgo(1)]) {
      await tx.execute(sql`insert into sign_in_failures (address, created_at) values ('203.0.113.9', ${at})`);
    }
  });
};

beforeAll(async () => {
  db = await createTestDatabase();
  await db.system(async (tx) => {
    await tx.execute(
      sql`insert into organisations (id, kind, name_ja, name_en) values (${tenant}, 'company', 'A社', 'A')`,
    );
    await tx.execute(
      sql`insert into users (id, tenant_id, email, display_name) values (${user}, ${tenant}, 'm@a.example', 'M')`,
    );
  });
});

afterAll(async () => {
  await db?.close();
});

describe('platform maintenance', () => {
  it('deletes expired sessions and reset tokens and day-old sign-in failures, and nothing else', async () => {
    await seed();
    const maintenance = createPlatformMaintenance({
      db,
      clock: () => now,
      log: createLogger('silent'),
      removeOrphanFiles: async () => 3,
    });
    expect(await maintenance.run()).toEqual({ sessions: 2, resetTokens: 2, signInFailures: 2, orphanFiles: 3 });
    expect(await count('sessions')).toBe(1);
    expect(await count('password_reset_tokens')).toBe(1);
    expect(await count('sign_in_failures')).toBe(1);
    expect(await maintenance.run()).toEqual({ sessions: 0, resetTokens: 0, signInFailures: 0, orphanFiles: 3 });
  });

  it('runs as the platform.maintenance job', async () => {
    await seed();
    const jobs = createJobQueue({ db, log: createLogger('silent'), clock: () => now });
    registerPlatformMaintenance(jobs, createPlatformMaintenance({ db, clock: () => now, log: createLogger('silent') }));
    await jobs.trigger(MAINTENANCE_JOB_KIND);
    await jobs.drain();
    expect(await count('sessions')).toBe(2);
    expect(await count('sign_in_failures')).toBe(2);
  });
});
