import { index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at, createdAtColumn, idColumn, tenantColumn } from '../db/columns';

/** A user-visible run of a background job (pg-boss does the queueing); carries progress and the outcome. */
export const jobRuns = pgTable(
  'job_runs',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    kind: text('kind').notNull(),
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] })
      .notNull()
      .default('queued'),
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total'),
    input: jsonb('input').notNull().default({}),
    result: jsonb('result'),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    /** The failing AppError's details (safe to show), e.g. which row of an import was bad. */
    errorDetails: jsonb('error_details'),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
    startedAt: at('started_at'),
    finishedAt: at('finished_at'),
  },
  (t) => [index('job_runs_tenant_idx').on(t.tenantId, t.createdAt)],
);
