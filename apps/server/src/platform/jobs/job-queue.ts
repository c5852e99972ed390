/** What a job handler receives besides its input. */
export type JobContext = {
  jobId: string;
  tenantId: string;
  userId: string | null;
  /** Records progress that the job API reports (done of total). */
  progress: (done: number, total?: number) => Promise<void>;
};

/** A handler for one kind of job; its resolved value becomes the job's result. */
export type JobHandler<I = unknown> = (context: JobContext, input: I) => Promise<unknown>;

/** The user-visible state of a job run. */
export type JobRunView = {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  progressDone: number;
  progressTotal: number | null;
  result: unknown;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

/** Background jobs (pg-boss underneath) with runs that users can follow. */
export type JobQueue = {
  /** Declares the handler of a job kind; call before `start`. */
  register: <I>(kind: string, handler: JobHandler<I>) => void;
  /** Queues a run for a tenant and returns its id. */
  enqueue: (origin: { tenantId: string; userId: string | null }, kind: string, input: unknown) => Promise<string>;
  /** A run of the tenant, or null when it does not exist (or belongs to another tenant). */
  get: (tenantId: string, jobId: string) => Promise<JobRunView | null>;
  /** Starts pg-boss; when `work` is true this process also executes jobs. */
  start: (options: { work: boolean }) => Promise<void>;
  /** Runs queued jobs until none is left (tests and the CLI). */
  drain: () => Promise<void>;
  stop: () => Promise<void>;
};
