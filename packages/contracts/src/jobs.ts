import { z } from 'zod';
import { ListQuery, pageOf } from './common';

/** The states of a background job run: queued → running → succeeded | failed. */
export const JOB_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const;
/** A job run's state. */
export type JobStatus = (typeof JOB_STATUSES)[number];
/** Zod schema of a job run's state. */
export const JobStatusSchema = z.enum(JOB_STATUSES);

/** GET /jobs/:id: a run of a background job with its progress and outcome, as the user sees it. */
export const JobRunView = z.object({
  id: z.uuid(),
  /** What the job does, such as `catalogue.import`. */
  kind: z.string(),
  status: JobStatusSchema,
  progressDone: z.number().int(),
  /** Null while the job does not know how much work there is. */
  progressTotal: z.number().int().nullable(),
  /** What the job produced when it succeeded (its shape depends on the kind). */
  result: z.unknown(),
  /** A stable error code (see ERROR_CODES) when the run failed. */
  errorCode: z.string().nullable(),
  /** The error's message in the caller's language. */
  errorMessage: z.string().nullable(),
  /** Details of the error that are safe to show, such as the row of an import that was bad. */
  errorDetails: z.unknown(),
  createdAt: z.iso.datetime(),
  startedAt: z.iso.datetime().nullable(),
  finishedAt: z.iso.datetime().nullable(),
});
/** A job run as the API returns it. */
export type JobRunView = z.infer<typeof JobRunView>;

/** GET /jobs: the tenant's job runs, newest first by default, filtered by state and kind. */
export const JobListQuery = ListQuery.extend({
  status: JobStatusSchema.optional(),
  kind: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_.-]{0,99}$/, 'must be a job kind such as catalogue.import')
    .optional(),
});
/** Parsed GET /jobs query. */
export type JobListQuery = z.infer<typeof JobListQuery>;

/** A page of job runs. */
export const JobRunPage = pageOf(JobRunView);
/** A page of job runs as the API returns it. */
export type JobRunPage = z.infer<typeof JobRunPage>;
