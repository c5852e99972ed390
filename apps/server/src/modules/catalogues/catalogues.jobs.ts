import { CatalogueNameSchema, IsoDate, LocaleSchema } from '@kakine/contracts';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error';
import type { JobQueue } from '../../platform/jobs/job-queue';
import { type CataloguesService, PUBLISH_JOB_KIND, type PublishJobInput } from './catalogues.service';

/** The stored input of a `catalogue.publish` run, checked again when the run starts. */
const PublishJobInputSchema = z.object({
  catalogue: CatalogueNameSchema,
  fileId: z.uuid(),
  fileName: z.string(),
  effectiveFrom: IsoDate,
  label: z.string().min(1),
  source: z.string().min(1),
  sourceUrl: z.string().nullable(),
  notes: z.string().nullable(),
  attribution: z.string().nullable(),
  locale: LocaleSchema,
  ip: z.string().nullable(),
}) satisfies z.ZodType<PublishJobInput>;

/** How long one publishing run may take before the queue gives it up. */
const PUBLISH_EXPIRY_SECONDS = 30 * 60;

/** Registers the catalogue jobs: `catalogue.publish` validates an uploaded file and stores it as a version. */
export const registerCatalogueJobs = (jobs: Pick<JobQueue, 'register'>, catalogues: CataloguesService): void => {
  jobs.register<unknown>(
    PUBLISH_JOB_KIND,
    async (context, input) => {
      const parsed = PublishJobInputSchema.safeParse(input);
      if (!parsed.success) throw new AppError('request/invalid', { in: 'job' });
      return catalogues.runPublication(context, parsed.data);
    },
    { expireInSeconds: PUBLISH_EXPIRY_SECONDS },
  );
};
