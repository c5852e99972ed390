import type { JobStatus } from '@kakine/contracts';
import { and, asc, count, desc, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import type { JobFailure, JobRunRecord } from './job-run.rules';
import { jobRuns } from './jobs.schema';

const runColumns = {
  id: jobRuns.id,
  tenantId: jobRuns.tenantId,
  kind: jobRuns.kind,
  status: jobRuns.status,
  progressDone: jobRuns.progressDone,
  progressTotal: jobRuns.progressTotal,
  input: jobRuns.input,
  result: jobRuns.result,
  errorCode: jobRuns.errorCode,
  errorMessage: jobRuns.errorMessage,
  errorDetails: jobRuns.errorDetails,
  createdBy: jobRuns.createdBy,
  createdAt: jobRuns.createdAt,
  startedAt: jobRuns.startedAt,
  finishedAt: jobRuns.finishedAt,
};

/** Inserts a queued run in the transaction's tenant and returns its id. */
export const insertRun = async (
  tx: Tx,
  values: { tenantId: string; kind: string; input: unknown; createdBy: string | null; createdAt: Date },
): Promise<string> => {
  const [row] = await tx
    .insert(jobRuns)
    .values({ ...values, input: values.input ?? {}, status: 'queued' })
    .returning({ id: jobRuns.id });
  return row!.id;
};

/** One run of the transaction's tenant (row-level security hides other tenants' runs), or null. */
export const findRun = async (tx: Tx, id: string): Promise<JobRunRecord | null> => {
  const [row] = await tx.select(runColumns).from(jobRuns).where(eq(jobRuns.id, id)).limit(1);
  return row ?? null;
};

/** Moves a queued run to running and returns it; null when it is not queued (already taken, finished or gone). */
export const markRunning = async (tx: Tx, id: string, now: Date): Promise<JobRunRecord | null> => {
  const [row] = await tx
    .update(jobRuns)
    .set({ status: 'running', startedAt: now })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, 'queued')))
    .returning(runColumns);
  return row ?? null;
};

/** Records progress of a running run; `total` undefined leaves the total as it is. */
export const recordProgress = async (
  tx: Tx,
  id: string,
  progress: { done: number; total: number | null | undefined },
): Promise<void> => {
  await tx
    .update(jobRuns)
    .set(
      progress.total === undefined
        ? { progressDone: progress.done }
        : { progressDone: progress.done, progressTotal: progress.total },
    )
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, 'running')));
};

/** Marks a running run succeeded with its result; a known total counts as fully done. */
export const markSucceeded = async (tx: Tx, id: string, result: unknown, now: Date): Promise<boolean> => {
  const rows = await tx
    .update(jobRuns)
    .set({
      status: 'succeeded',
      result: sql`${JSON.stringify(result)}::jsonb`,
      progressDone: sql`greatest(${jobRuns.progressDone}, coalesce(${jobRuns.progressTotal}, 0))`,
      finishedAt: now,
    })
    .where(and(eq(jobRuns.id, id), eq(jobRuns.status, 'running')))
    .returning({ id: jobRuns.id });
  return rows.length === 1;
};

/** Marks a run failed when it is in one of the `from` states; returns whether it changed. */
export const markFailed = async (
  tx: Tx,
  id: string,
  failure: Pick<JobFailure, 'code' | 'message' | 'details'>,
  now: Date,
  from: JobStatus[],
): Promise<boolean> => {
  const rows = await tx
    .update(jobRuns)
    .set({
      status: 'failed',
      errorCode: failure.code,
      errorMessage: failure.message,
      errorDetails: sql`${JSON.stringify(failure.details ?? null)}::jsonb`,
      finishedAt: now,
    })
    .where(and(eq(jobRuns.id, id), inArray(jobRuns.status, from)))
    .returning({ id: jobRuns.id });
  return rows.length === 1;
};

/** Filters of the run list. */
export type RunFilter = { status?: JobStatus; kind?: string; createdBy?: string };

const whereOf = (filter: RunFilter): SQL | undefined =>
  and(
    filter.status ? eq(jobRuns.status, filter.status) : undefined,
    filter.kind ? eq(jobRuns.kind, filter.kind) : undefined,
    filter.createdBy ? eq(jobRuns.createdBy, filter.createdBy) : undefined,
  );

/** Counts the transaction tenant's runs that match the filter. */
export const countRuns = async (tx: Tx, filter: RunFilter): Promise<number> => {
  const [row] = await tx.select({ n: count() }).from(jobRuns).where(whereOf(filter));
  return row?.n ?? 0;
};

/** A slice of the transaction tenant's runs that match the filter, by creation time. */
export const listRuns = async (
  tx: Tx,
  filter: RunFilter,
  page: { order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<JobRunRecord[]> => {
  const direction = page.order === 'asc' ? asc : desc;
  return tx
    .select(runColumns)
    .from(jobRuns)
    .where(whereOf(filter))
    .orderBy(direction(jobRuns.createdAt), direction(jobRuns.id))
    .limit(page.limit)
    .offset(page.offset);
};

/** Unfinished runs of every tenant created before `before` (system transaction), oldest first. */
export const findUnfinishedRuns = async (
  tx: Tx,
  before: Date,
  limit: number,
): Promise<{ id: string; tenantId: string; kind: string }[]> =>
  tx
    .select({ id: jobRuns.id, tenantId: jobRuns.tenantId, kind: jobRuns.kind })
    .from(jobRuns)
    .where(and(inArray(jobRuns.status, ['queued', 'running']), lt(jobRuns.createdAt, before)))
    .orderBy(asc(jobRuns.createdAt))
    .limit(limit);
