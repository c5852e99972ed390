import type { JobListQuery, JobRunPage, JobRunView, Locale } from '@kakine/contracts';
import { type Actor, can, requirePermission } from '../actor/actor';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { toJobRunView } from './job-run.rules';
import * as repo from './jobs.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Creates the job-run service behind the job API: a user follows the runs they started; holders of `jobs:read`
 * see every run of their organisation. `exportLimit` caps one CSV/XLSX export.
 */
export const createJobRunsService = (deps: { db: Database; clock: Clock; exportLimit: number }) => {
  const { db, clock, exportLimit } = deps;

  /** One run of the actor's organisation that the actor started, or any run with `jobs:read`; else `jobs/not_found`. */
  const get = (actor: Actor, id: string, locale: Locale): Promise<JobRunView> => {
    if (!UUID.test(id)) throw new AppError('jobs/not_found', { id });
    return db.tenant(actor.tenantId, async (tx) => {
      const run = await repo.findRun(tx, id);
      // A run the actor may not see answers exactly like a run that does not exist.
      if (!run || (run.createdBy !== actor.userId && !can(actor, 'jobs:read'))) {
        throw new AppError('jobs/not_found', { id });
      }
      return toJobRunView(run, locale);
    });
  };

  /** One page of the organisation's runs (needs `jobs:read`), filtered by state and kind, with the total. */
  const list = (actor: Actor, query: JobListQuery, locale: Locale): Promise<JobRunPage> => {
    requirePermission(actor, 'jobs:read');
    const filter = { status: query.status, kind: query.kind };
    return db.tenant(actor.tenantId, async (tx) => {
      const total = await repo.countRuns(tx, filter);
      const offset = (query.page - 1) * query.pageSize;
      const rows =
        offset < total ? await repo.listRuns(tx, filter, { order: query.order, limit: query.pageSize, offset }) : [];
      return { items: rows.map((r) => toJobRunView(r, locale)), page: query.page, pageSize: query.pageSize, total };
    });
  };

  /** Every run matching the filters for a CSV/XLSX download (needs `jobs:read`), at most `exportLimit` rows. */
  const exportRuns = (
    actor: Actor,
    query: JobListQuery,
    locale: Locale,
  ): Promise<{ items: JobRunView[]; exportedAt: Date }> => {
    requirePermission(actor, 'jobs:read');
    const filter = { status: query.status, kind: query.kind };
    return db.tenant(actor.tenantId, async (tx) => {
      const rows = await repo.listRuns(tx, filter, { order: query.order, limit: exportLimit, offset: 0 });
      return { items: rows.map((r) => toJobRunView(r, locale)), exportedAt: clock() };
    });
  };

  return { get, list, exportRuns };
};

/** The job-run service. */
export type JobRunsService = ReturnType<typeof createJobRunsService>;
