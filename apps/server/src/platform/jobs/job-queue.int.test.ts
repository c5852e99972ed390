import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase } from '../../../test/test-database';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { createLogger } from '../logger/logger';
import { createJobQueue, type JobQueue, type JobRunView, RECOVER_JOB_KIND } from './job-queue';
import * as repo from './jobs.repository';

let db: Database;
let jobs: JobQueue;
const tenantA = randomUUID();
const tenantB = randomUUID();
const userA = randomUUID();
const now = new Date('2026-04-01T09:00:00Z');
const clock = () => now;
const seenWhileRunning: JobRunView[] = [];
const systemRuns: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  await db.system(async (tx) => {
    await tx.execute(sql`insert into organisations (id, kind, name_ja, name_en) values
      (${tenantA}, 'company', 'A社', 'A Corp'), (${tenantB}, 'company', 'B社', 'B Corp')`);
  });
  jobs = createJobQueue({ db, log: createLogger('silent'), clock });
  jobs.register<{ items: number }>('test.count', async (context, input) => {
    await context.progress(0, input.items);
    for (let i = 1; i <= input.items; i++) {
      await context.progress(i);
      if (i === 2) {
        const snapshot = await jobs.get(context.tenantId, context.jobId, 'en');
        if (snapshot) seenWhileRunning.push(snapshot);
      }
    }
    return { counted: input.items, by: context.userId };
  });
  jobs.register('test.reject', async (context) => {
    await context.progress(3, 10);
    throw new AppError('catalogue/invalid_file', { row: 12, column: 'C' });
  });
  jobs.register('test.crash', async () => {
    throw new Error('connection to 10.0.0.5 failed: password=hunter2 at /srv/secret.ts:12');
  });
  jobs.registerSystem('test.system', async ({ jobId }) => {
    systemRuns.push(jobId);
  });
});

afterAll(async () => {
  await jobs?.stop();
  await db?.close();
});

describe('job runs', () => {
  it('goes queued → running → succeeded with progress, and drain leaves nothing queued', async () => {
    const id = await jobs.enqueue({ tenantId: tenantA, userId: userA }, 'test.count', { items: 3 });
    const queued = await jobs.get(tenantA, id);
    expect(queued).toMatchObject({ id, kind: 'test.count', status: 'queued', progressDone: 0, startedAt: null });

    await jobs.drain();

    expect(seenWhileRunning).toHaveLength(1);
    expect(seenWhileRunning[0]).toMatchObject({ id, status: 'running', progressDone: 2, progressTotal: 3 });
    expect(seenWhileRunning[0]?.startedAt).not.toBeNull();
    const done = await jobs.get(tenantA, id);
    expect(done).toMatchObject({
      status: 'succeeded',
      progressDone: 3,
      progressTotal: 3,
      result: { counted: 3, by: userA },
      errorCode: null,
      finishedAt: now.toISOString(),
    });
  });

  it('runs several queued jobs in one drain', async () => {
    const ids = await Promise.all(
      [1, 2, 3].map((n) => jobs.enqueue({ tenantId: tenantA, userId: null }, 'test.count', { items: n })),
    );
    await jobs.drain();
    for (const [i, id] of ids.entries()) {
      expect(await jobs.get(tenantA, id)).toMatchObject({ status: 'succeeded', result: { counted: i + 1 } });
    }
  });

  it('records an AppError as a stable code with details and a message in the caller language', async () => {
    const id = await jobs.enqueue({ tenantId: tenantA, userId: userA }, 'test.reject', {});
    await jobs.drain();
    const ja = await jobs.get(tenantA, id, 'ja');
    expect(ja).toMatchObject({
      status: 'failed',
      errorCode: 'catalogue/invalid_file',
      errorMessage: 'カタログファイルを読み込めません。',
      errorDetails: { row: 12, column: 'C' },
      progressDone: 3,
      progressTotal: 10,
      result: null,
    });
    expect((await jobs.get(tenantA, id, 'en'))?.errorMessage).toBe('The catalogue file cannot be read.');
  });

  it('records an unexpected error as jobs/failed without its message or stack', async () => {
    const id = await jobs.enqueue({ tenantId: tenantA, userId: userA }, 'test.crash', {});
    await jobs.drain();
    const run = await jobs.get(tenantA, id, 'en');
    expect(run).toMatchObject({ status: 'failed', errorCode: 'jobs/failed', errorDetails: null });
    expect(JSON.stringify(run)).not.toMatch(/hunter2|secret|10\.0\.0\.5/);
  });

  it('hides a run from another tenant', async () => {
    const id = await jobs.enqueue({ tenantId: tenantA, userId: userA }, 'test.count', { items: 1 });
    expect(await jobs.get(tenantB, id)).toBeNull();
    expect(await jobs.get(tenantA, id)).not.toBeNull();
    await jobs.drain();
  });

  it('accepts a kind registered after the queue was first used, until it starts working', async () => {
    jobs.register('test.late', async () => ({ late: true }));
    const id = await jobs.enqueue({ tenantId: tenantA, userId: null }, 'test.late', {});
    await jobs.drain();
    expect(await jobs.get(tenantA, id)).toMatchObject({ status: 'succeeded', result: { late: true } });
    expect(() => jobs.register('test.count', async () => null)).toThrow(/already registered/);
  });

  it('refuses a kind nobody registered', async () => {
    await expect(jobs.enqueue({ tenantId: tenantA, userId: null }, 'test.unknown', {})).rejects.toThrow(
      /No handler registered/,
    );
  });

  it('collapses repeated triggers of a system job into one run', async () => {
    systemRuns.length = 0;
    await jobs.trigger('test.system');
    await jobs.trigger('test.system');
    await jobs.drain();
    expect(systemRuns).toHaveLength(1);
  });

  it('marks runs whose queue job was lost as interrupted', async () => {
    const lost = await db.tenant(tenantA, (tx) =>
      repo.insertRun(tx, {
        tenantId: tenantA,
        kind: 'test.count',
        input: { items: 1 },
        createdBy: userA,
        createdAt: new Date(now.getTime() - 60 * 60_000),
      }),
    );
    const waiting = await jobs.enqueue({ tenantId: tenantA, userId: userA }, 'test.count', { items: 1 });
    await db.system((tx) => tx.execute(sql`update job_runs set created_at = ${new Date(0)} where id = ${waiting}`));
    await jobs.trigger(RECOVER_JOB_KIND);
    // A queue with no tenant kinds of its own drains only the recovery job, so the waiting run is still queued.
    await createJobQueue({ db, log: createLogger('silent'), clock }).drain();
    expect((await jobs.get(tenantA, waiting))?.status).toBe('queued');
    expect(await jobs.get(tenantA, lost, 'en')).toMatchObject({
      status: 'failed',
      errorCode: 'jobs/interrupted',
      errorMessage: 'The job was interrupted. Please run it again.',
    });
    await jobs.drain();
    expect((await jobs.get(tenantA, waiting))?.status).toBe('succeeded');
  });
});

describe('a working queue', () => {
  it('executes enqueued jobs in the background', async () => {
    const worker = createJobQueue({ db, log: createLogger('silent'), clock, pollingIntervalSeconds: 0.5 });
    worker.register<{ items: number }>('test.count', async (context, input) => {
      await context.progress(input.items, input.items);
      return { counted: input.items };
    });
    await worker.start({ work: true });
    expect(() => worker.register('test.too-late', async () => null)).toThrow(/before the job queue starts working/);
    try {
      const id = await worker.enqueue({ tenantId: tenantB, userId: null }, 'test.count', { items: 4 });
      await vi.waitFor(
        async () => {
          expect((await worker.get(tenantB, id))?.status).toBe('succeeded');
        },
        { timeout: 20_000, interval: 100 },
      );
      expect(await worker.get(tenantB, id)).toMatchObject({ progressDone: 4, result: { counted: 4 } });
    } finally {
      await worker.stop();
    }
  });
});
