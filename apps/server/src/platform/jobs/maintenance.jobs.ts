import type { Clock } from '../clock';
import type { Database } from '../db/database';
import type { Logger } from '../logger/logger';
import type { JobQueue } from './job-queue';
import * as repo from './maintenance.repository';

/** Kind of the daily platform maintenance job. */
export const MAINTENANCE_JOB_KIND = 'platform.maintenance';
/** How long failed sign-ins by address are kept for diagnosis (throttling itself looks back 15 minutes). */
export const SIGN_IN_FAILURE_RETENTION_HOURS = 24;

/** What one maintenance run removed. */
export type MaintenanceResult = {
  sessions: number;
  resetTokens: number;
  signInFailures: number;
  orphanFiles: number;
};

/**
 * Creates the daily maintenance: deletes expired sessions, expired password reset tokens and old failed sign-in
 * records across tenants, then lets the file store remove stored bytes that no file row references.
 */
export const createPlatformMaintenance = (deps: {
  db: Database;
  clock: Clock;
  log: Logger;
  removeOrphanFiles?: () => Promise<number>;
}) => {
  const { db, clock, log } = deps;

  /** Runs one maintenance pass and returns what it removed. */
  const run = async (): Promise<MaintenanceResult> => {
    const now = clock();
    const removed = await db.system(async (tx) => ({
      sessions: await repo.deleteExpiredSessions(tx, now),
      resetTokens: await repo.deleteExpiredResetTokens(tx, now),
      signInFailures: await repo.deleteSignInFailuresBefore(
        tx,
        new Date(now.getTime() - SIGN_IN_FAILURE_RETENTION_HOURS * 3_600_000),
      ),
    }));
    const orphanFiles = deps.removeOrphanFiles ? await deps.removeOrphanFiles() : 0;
    const result = { ...removed, orphanFiles };
    log.info(result, 'platform maintenance done');
    return result;
  };

  return { run };
};

/** Registers the daily maintenance job (03:30 Japan time) on the queue. */
export const registerPlatformMaintenance = (
  jobs: JobQueue,
  maintenance: ReturnType<typeof createPlatformMaintenance>,
): void => {
  jobs.registerSystem(MAINTENANCE_JOB_KIND, () => maintenance.run(), { cron: '30 3 * * *', timeZone: 'Asia/Tokyo' });
};
