import { ERROR_CODES, type ErrorCode, type JobRunView, type JobStatus, type Locale } from '@kakine/contracts';
import { AppError } from '../errors/app-error';

/** The allowed state changes of a job run; anything else is refused by the repository's conditional updates. */
export const JOB_TRANSITIONS = {
  queued: ['running', 'failed'],
  running: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
} as const satisfies Record<JobStatus, readonly JobStatus[]>;

/** The states a run may be in for it to move to `to`. */
export const statesBefore = (to: JobStatus): JobStatus[] =>
  (Object.keys(JOB_TRANSITIONS) as JobStatus[]).filter((from) =>
    (JOB_TRANSITIONS[from] as readonly JobStatus[]).includes(to),
  );

/** The most bytes of JSON a run keeps as its result or error details; larger values are replaced by a marker. */
export const MAX_STORED_JSON_BYTES = 256 * 1024;

/**
 * Turns a handler's return value (or an error's details) into JSON the run can store: `undefined` becomes null,
 * values JSON cannot represent are dropped the way JSON.stringify drops them, and oversized values are replaced.
 */
export const toStoredJson = (value: unknown): unknown => {
  if (value === undefined) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return { unserialisable: true };
  }
  if (text === undefined) return null;
  if (Buffer.byteLength(text, 'utf8') > MAX_STORED_JSON_BYTES) return { truncated: true, bytes: text.length };
  return JSON.parse(text) as unknown;
};

/** How a failed run is recorded: a stable code, its English message for operators, and details safe to show. */
export type JobFailure = { code: ErrorCode; message: string; details: unknown; unexpected: boolean };

/**
 * Classifies an error thrown by a handler. An AppError keeps its code and details; anything else is an unexpected
 * failure recorded as `jobs/failed` with no details, so that no stack trace or internal message reaches users.
 */
export const describeFailure = (error: unknown): JobFailure => {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: ERROR_CODES[error.code].en,
      details: toStoredJson(error.details),
      unexpected: false,
    };
  }
  return failureOf('jobs/failed', true);
};

/** The failure record of a known code without details. */
export const failureOf = (code: ErrorCode, unexpected = false): JobFailure => ({
  code,
  message: ERROR_CODES[code].en,
  details: null,
  unexpected,
});

/**
 * Validates a progress report: whole numbers, never negative, `done` never above `total`. `total` undefined keeps
 * the run's current total; null says the total is unknown.
 */
export const normaliseProgress = (
  done: number,
  total: number | null | undefined,
): { done: number; total: number | null | undefined } => {
  if (!Number.isFinite(done) || (total !== undefined && total !== null && !Number.isFinite(total))) {
    throw new TypeError('job progress must be finite numbers');
  }
  const cleanTotal = total === undefined || total === null ? total : Math.max(0, Math.floor(total));
  const cleanDone = Math.max(0, Math.floor(done));
  return { done: typeof cleanTotal === 'number' ? Math.min(cleanDone, cleanTotal) : cleanDone, total: cleanTotal };
};

/** A job run as stored, the shape the repository returns. */
export type JobRunRecord = {
  id: string;
  tenantId: string;
  kind: string;
  status: JobStatus;
  progressDone: number;
  progressTotal: number | null;
  input: unknown;
  result: unknown;
  errorCode: string | null;
  errorMessage: string | null;
  errorDetails: unknown;
  createdBy: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
};

/** The user-visible view of a run, with the error message in the caller's language when the code is known. */
export const toJobRunView = (run: JobRunRecord, locale: Locale): JobRunView => {
  const known = run.errorCode !== null && Object.hasOwn(ERROR_CODES, run.errorCode);
  return {
    id: run.id,
    kind: run.kind,
    status: run.status,
    progressDone: run.progressDone,
    progressTotal: run.progressTotal,
    result: run.result ?? null,
    errorCode: run.errorCode,
    errorMessage: known ? ERROR_CODES[run.errorCode as ErrorCode][locale] : run.errorMessage,
    errorDetails: run.errorDetails ?? null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
  };
};
