import type { JobRunView, Locale } from '@kakine/contracts';
import PgBoss from 'pg-boss';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import type { Logger } from '../logger/logger';
import { describeFailure, failureOf, normaliseProgress, toJobRunView, toStoredJson } from './job-run.rules';
import * as repo from './jobs.repository';

/** What a job handler receives besides its input. */
export type JobContext = {
  jobId: string;
  tenantId: string;
  userId: string | null;
  /**
   * Records progress that the job API reports (done of total; total omitted keeps the current one). It writes in a
   * transaction of its own: call it between your transactions, never inside one (embedded mode has one connection).
   */
  progress: (done: number, total?: number | null) => Promise<void>;
};

/**
 * A handler for one kind of job; its resolved value becomes the job's result. Throw an AppError to fail the run with
 * a stable code; any other error fails it as `jobs/failed` and is logged, never shown.
 */
export type JobHandler<I = unknown> = (context: JobContext, input: I) => Promise<unknown>;

/** The user-visible state of a job run (the contracts' JobRunView). */
export type { JobRunView };

/** Options of a tenant job kind. */
export type JobKindOptions = {
  /** How long one run may take before the queue gives it up (default two hours, at most 24). */
  expireInSeconds?: number;
};

/** A handler of a system job: work across tenants (e-mail delivery, maintenance); it has no user-visible run. */
export type SystemJobHandler = (context: { jobId: string }) => Promise<unknown>;

/** When a system job runs besides explicit triggers. */
export type SystemJobOptions = {
  /** A cron expression (minute resolution) evaluated in `timeZone` (default Asia/Tokyo). */
  cron?: string;
  timeZone?: string;
  /** A cheap check, every `everySeconds` while this process works jobs, that triggers the job when it says so. */
  watch?: { everySeconds: number; due: () => Promise<boolean> };
  /** How long one run may take before the queue gives it up (default 15 minutes). */
  expireInSeconds?: number;
};

/** Background jobs (pg-boss underneath) with runs that users can follow. */
export type JobQueue = {
  /** Declares the handler of a tenant job kind; call before `start({ work: true })`. */
  register: <I>(kind: string, handler: JobHandler<I>, options?: JobKindOptions) => void;
  /** Declares a system job kind (no tenant, no run record); call before `start({ work: true })`. */
  registerSystem: (kind: string, handler: SystemJobHandler, options?: SystemJobOptions) => void;
  /**
   * Queues a run for a tenant and returns its id. The input is stored with the run, so it must be JSON and hold no
   * secrets. Call it outside any transaction (embedded mode has one connection).
   */
  enqueue: (origin: { tenantId: string; userId: string | null }, kind: string, input: unknown) => Promise<string>;
  /** Asks for a system job to run soon; repeated triggers while one is waiting collapse into one. */
  trigger: (kind: string) => Promise<void>;
  /** A run of the tenant, or null when it does not exist (or belongs to another tenant). */
  get: (tenantId: string, jobId: string, locale?: Locale) => Promise<JobRunView | null>;
  /** Starts pg-boss; when `work` is true this process also executes jobs, schedules and watches. */
  start: (options: { work: boolean }) => Promise<void>;
  /** Runs every job that is due, in this process, until none is left (tests and the CLI). */
  drain: () => Promise<void>;
  /** Stops working, waiting for running jobs to finish. */
  stop: () => Promise<void>;
};

/** The Postgres schema that holds pg-boss's tables (never the public schema, so RLS roles cannot see them). */
export const JOB_QUEUE_SCHEMA = 'pgboss';
/** Kind of the internal job that fails runs whose queue job was lost (worker crash, expiry). */
export const RECOVER_JOB_KIND = 'jobs.recover';
/** How old an unfinished run must be before recovery looks at it. */
export const RECOVER_AFTER_MINUTES = 10;

const DEFAULT_TENANT_EXPIRY_SECONDS = 2 * 60 * 60;
const DEFAULT_SYSTEM_EXPIRY_SECONDS = 15 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;
const KIND = /^[a-z][a-z0-9_.-]{0,99}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type TenantEntry = { handler: JobHandler<unknown>; expireInSeconds: number };
type SystemEntry = { handler: SystemJobHandler; options: SystemJobOptions };
type TenantJobData = { runId: string; tenantId: string };

const isTenantJobData = (data: unknown): data is TenantJobData => {
  const d = data as Partial<TenantJobData> | null;
  return typeof d?.runId === 'string' && UUID.test(d.runId) && typeof d.tenantId === 'string' && UUID.test(d.tenantId);
};

/**
 * pg-boss's `db` adapter over the application's pool, so that embedded mode keeps its single connection. A failed
 * statement is followed by ROLLBACK because pg-boss sends BEGIN … COMMIT scripts as one query, and an error inside
 * one would otherwise leave the shared connection in an aborted transaction.
 */
const poolExecutor = (db: Database): PgBoss.Db => ({
  executeSql: async (text, values) => {
    const client = await db.pool.connect();
    let broken = false;
    try {
      return await client.query(text, values);
    } catch (error) {
      try {
        await client.query('rollback');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  },
});

/**
 * Creates the job queue on pg-boss 10 over the application's pool. Tenant jobs have a `job_runs` row (queued →
 * running → succeeded | failed) that users follow through the job API; the pg-boss job carries only the run id and
 * uses the run id as its own id. Sending starts pg-boss lazily, so code that only enqueues (tests, the CLI) needs no
 * `start`; `start({ work: true })` adds workers, cron schedules and watches.
 */
export const createJobQueue = (deps: {
  db: Database;
  log: Logger;
  clock: Clock;
  /**
   * How often an idle worker polls for jobs (seconds, at least 0.5); enqueues and triggers in this process wake it
   * at once. By default 2 s on PostgreSQL, where other instances enqueue too, and 10 s on the embedded database,
   * whose single process wakes its own workers and whose single connection the polls would otherwise share.
   */
  pollingIntervalSeconds?: number;
}): JobQueue => {
  const { db, log, clock } = deps;
  const pollingIntervalSeconds = deps.pollingIntervalSeconds ?? (db.kind === 'embedded' ? 10 : 2);
  const tenantKinds = new Map<string, TenantEntry>();
  const systemKinds = new Map<string, SystemEntry>();
  const workerIds = new Map<string, string>();
  const watchTimers: NodeJS.Timeout[] = [];
  let boss: Promise<PgBoss> | null = null;
  let working = false;
  let stopping = false;

  const assertNewKind = (kind: string) => {
    if (!KIND.test(kind)) throw new Error(`Invalid job kind "${kind}"`);
    if (tenantKinds.has(kind) || systemKinds.has(kind)) throw new Error(`Job kind "${kind}" is already registered`);
    if (working) throw new Error(`Register job kind "${kind}" before the job queue starts working`);
  };

  /** The pg-boss queue options of every registered kind. */
  const queueOptions = (): { name: string; options: PgBoss.Queue }[] => [
    ...[...tenantKinds].map(([kind, entry]) => ({
      name: kind,
      // A failed tenant run is final: the user sees its error and starts a new run.
      options: { name: kind, policy: 'standard' as const, retryLimit: 0, expireInSeconds: entry.expireInSeconds },
    })),
    ...[...systemKinds].map(([kind, entry]) => ({
      name: kind,
      // At most one waiting and one running job per system kind: triggers collapse, runs never overlap.
      options: {
        name: kind,
        policy: 'stately' as const,
        retryLimit: 3,
        retryDelay: 30,
        retryBackoff: true,
        expireInSeconds: Math.min(entry.options.expireInSeconds ?? DEFAULT_SYSTEM_EXPIRY_SECONDS, MAX_EXPIRY_SECONDS),
      },
    })),
  ];

  /** Creates missing queues and updates changed ones; an unchanged deployment costs one query. */
  const createQueues = async (instance: PgBoss) => {
    const existing = new Map((await instance.getQueues()).map((q) => [q.name, q]));
    for (const { name, options } of queueOptions()) {
      const current = existing.get(name);
      if (!current) await instance.createQueue(name, options);
      else if (
        current.policy !== options.policy ||
        current.retryLimit !== options.retryLimit ||
        current.expireInSeconds !== options.expireInSeconds ||
        (options.retryDelay !== undefined && current.retryDelay !== options.retryDelay) ||
        (options.retryBackoff !== undefined && current.retryBackoff !== options.retryBackoff)
      ) {
        await instance.updateQueue(name, options);
      }
    }
  };

  const openBoss = async (work: boolean): Promise<PgBoss> => {
    const instance = new PgBoss({
      db: poolExecutor(db),
      schema: JOB_QUEUE_SCHEMA,
      migrate: true,
      // Timers only in a working process; a send-only queue (tests, CLI, KAKINE_WORKER=off) runs no background SQL.
      supervise: work,
      schedule: work,
      // job_runs is the lasting record; pg-boss keeps its own rows for a week for diagnosis.
      archiveCompletedAfterSeconds: 60 * 60,
      deleteAfterDays: 7,
    });
    instance.on('error', (error) => log.error({ err: error }, 'job queue error'));
    await instance.start();
    await createQueues(instance);
    return instance;
  };

  const ensureBoss = (): Promise<PgBoss> => {
    if (stopping) return Promise.reject(new Error('The job queue has stopped'));
    if (!boss) {
      boss = openBoss(false).catch((error) => {
        boss = null;
        throw error;
      });
    }
    return boss;
  };

  /** After a kind is registered on an already opened (send-only) queue, creates its pg-boss queue. */
  const addQueueLater = () => {
    const current = boss;
    if (!current) return;
    boss = current.then(async (instance) => {
      await createQueues(instance);
      return instance;
    });
  };

  const wake = async (kind: string) => {
    const workerId = workerIds.get(kind);
    if (workerId && boss) (await boss).notifyWorker(workerId);
  };

  /** Runs one tenant job: claims the run, calls the handler, records the outcome. Never throws for handler errors. */
  const runTenantJob = async (kind: string, data: unknown): Promise<void> => {
    if (!isTenantJobData(data)) {
      log.error({ kind }, 'job without a valid run reference ignored');
      return;
    }
    const { runId, tenantId } = data;
    const run = await db.tenant(tenantId, (tx) => repo.markRunning(tx, runId, clock()));
    if (!run) {
      log.warn({ kind, runId }, 'job run is no longer queued; skipped');
      return;
    }
    const entry = tenantKinds.get(run.kind);
    const context: JobContext = {
      jobId: runId,
      tenantId,
      userId: run.createdBy,
      progress: async (done, total) => {
        const progress = normaliseProgress(done, total);
        await db.tenant(tenantId, (tx) => repo.recordProgress(tx, runId, progress));
      },
    };
    try {
      if (!entry) throw new Error(`No handler for job kind ${run.kind}`);
      const result = toStoredJson(await entry.handler(context, run.input));
      await db.tenant(tenantId, (tx) => repo.markSucceeded(tx, runId, result, clock()));
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.unexpected) log.error({ err: error, kind, runId }, 'job failed unexpectedly');
      else log.info({ kind, runId, code: failure.code }, 'job failed');
      await db.tenant(tenantId, (tx) => repo.markFailed(tx, runId, failure, clock(), ['running']));
    }
  };

  const runSystemJob = async (kind: string, jobId: string): Promise<void> => {
    const entry = systemKinds.get(kind);
    if (!entry) throw new Error(`No handler for system job kind ${kind}`);
    await entry.handler({ jobId });
  };

  /** Fails runs whose pg-boss job ended or vanished without the run finishing (a worker died, the job expired). */
  const recoverInterrupted = async () => {
    const instance = await ensureBoss();
    const cutoff = new Date(clock().getTime() - RECOVER_AFTER_MINUTES * 60_000);
    const runs = await db.system((tx) => repo.findUnfinishedRuns(tx, cutoff, 500));
    let recovered = 0;
    for (const run of runs) {
      const job = await instance.getJobById(run.kind, run.id, { includeArchive: true });
      if (job && (job.state === 'created' || job.state === 'retry' || job.state === 'active')) continue;
      const changed = await db.tenant(run.tenantId, (tx) =>
        repo.markFailed(tx, run.id, failureOf('jobs/interrupted'), clock(), ['queued', 'running']),
      );
      if (changed) recovered++;
    }
    if (recovered > 0) log.warn({ recovered }, 'interrupted job runs marked failed');
    return { recovered };
  };

  systemKinds.set(RECOVER_JOB_KIND, { handler: recoverInterrupted, options: { cron: '*/10 * * * *' } });

  const register: JobQueue['register'] = (kind, handler, options = {}) => {
    assertNewKind(kind);
    tenantKinds.set(kind, {
      handler: handler as JobHandler<unknown>,
      expireInSeconds: Math.min(options.expireInSeconds ?? DEFAULT_TENANT_EXPIRY_SECONDS, MAX_EXPIRY_SECONDS),
    });
    addQueueLater();
  };

  const registerSystem: JobQueue['registerSystem'] = (kind, handler, options = {}) => {
    assertNewKind(kind);
    systemKinds.set(kind, { handler, options });
    addQueueLater();
  };

  const enqueue: JobQueue['enqueue'] = async (origin, kind, input) => {
    if (!tenantKinds.has(kind)) throw new Error(`No handler registered for job kind "${kind}"`);
    const runId = await db.tenant(origin.tenantId, (tx) =>
      repo.insertRun(tx, {
        tenantId: origin.tenantId,
        kind,
        input: toStoredJson(input),
        createdBy: origin.userId,
        createdAt: clock(),
      }),
    );
    try {
      const instance = await ensureBoss();
      await instance.send(kind, { runId, tenantId: origin.tenantId } satisfies TenantJobData, { id: runId });
    } catch (error) {
      log.error({ err: error, kind, runId }, 'could not queue job');
      await db.tenant(origin.tenantId, (tx) =>
        repo.markFailed(tx, runId, failureOf('server/unavailable', true), clock(), ['queued']),
      );
      throw new AppError('server/unavailable');
    }
    await wake(kind);
    return runId;
  };

  const trigger: JobQueue['trigger'] = async (kind) => {
    if (!systemKinds.has(kind)) throw new Error(`No system job kind "${kind}"`);
    const instance = await ensureBoss();
    await instance.send(kind, {});
    await wake(kind);
  };

  const get: JobQueue['get'] = async (tenantId, jobId, locale = 'ja') => {
    if (!UUID.test(jobId)) return null;
    const run = await db.tenant(tenantId, (tx) => repo.findRun(tx, jobId));
    return run ? toJobRunView(run, locale) : null;
  };

  const start: JobQueue['start'] = async ({ work }) => {
    if (stopping) throw new Error('The job queue has stopped');
    if (work) working = true;
    const previous = boss;
    boss = (async () => {
      // A lazily opened send-only instance is replaced by one configured for this process's role.
      if (previous) await (await previous.catch(() => null))?.stop({ graceful: false });
      return openBoss(work);
    })();
    const instance = await boss;
    if (!work) return;
    const options = { batchSize: 1, pollingIntervalSeconds };
    const schedules = new Map(
      (await instance.getSchedules()).map((row) => [row.name, row as unknown as { cron: string; timezone: string }]),
    );
    for (const kind of tenantKinds.keys()) {
      const id = await instance.work(kind, options, async ([job]) => {
        if (job) await runTenantJob(kind, job.data);
      });
      workerIds.set(kind, id);
    }
    for (const [kind, entry] of systemKinds) {
      const id = await instance.work(kind, options, async ([job]) => {
        if (job) await runSystemJob(kind, job.id);
      });
      workerIds.set(kind, id);
      const cron = entry.options.cron;
      const timeZone = entry.options.timeZone ?? 'Asia/Tokyo';
      const scheduled = schedules.get(kind);
      if (cron && (scheduled?.cron !== cron || scheduled.timezone !== timeZone)) {
        await instance.schedule(kind, cron, {}, { tz: timeZone });
      } else if (!cron && scheduled) {
        await instance.unschedule(kind);
      }
      const watch = entry.options.watch;
      if (watch) {
        let busy = false;
        const timer = setInterval(async () => {
          if (busy || stopping) return;
          busy = true;
          try {
            if (await watch.due()) await trigger(kind);
          } catch (error) {
            log.warn({ err: error, kind }, 'job watch failed');
          } finally {
            busy = false;
          }
        }, watch.everySeconds * 1000);
        timer.unref();
        watchTimers.push(timer);
      }
    }
  };

  const drain: JobQueue['drain'] = async () => {
    const instance = await ensureBoss();
    const kinds = [...tenantKinds.keys(), ...systemKinds.keys()];
    for (;;) {
      let processed = 0;
      for (const kind of kinds) {
        for (;;) {
          const [job] = await instance.fetch<unknown>(kind, { batchSize: 1 });
          if (!job) break;
          processed++;
          if (tenantKinds.has(kind)) {
            await runTenantJob(kind, job.data);
            await instance.complete(kind, job.id);
            continue;
          }
          try {
            await runSystemJob(kind, job.id);
            await instance.complete(kind, job.id);
          } catch (error) {
            log.error({ err: error, kind }, 'system job failed');
            await instance.fail(kind, job.id, { message: error instanceof Error ? error.message : String(error) });
          }
        }
      }
      if (processed === 0) return;
    }
  };

  const stop: JobQueue['stop'] = async () => {
    stopping = true;
    for (const timer of watchTimers.splice(0)) clearInterval(timer);
    const current = boss;
    boss = null;
    workerIds.clear();
    const instance = await current?.catch(() => null);
    await instance?.stop({ graceful: true, timeout: 30_000 });
  };

  return { register, registerSystem, enqueue, trigger, get, start, drain, stop };
};
