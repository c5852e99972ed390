import type { CataloguesService } from '../modules/catalogues';
import type { DemoService } from '../modules/demo';
import type { OrganisationsService } from '../modules/organisations';
import type { PeopleService } from '../modules/people';
import type { AccessService, KnowHowService, RegisterImportService, RegisterService } from '../modules/register';
import type { AuditService } from '../platform/audit/audit.service';
import type { AccountService } from '../platform/auth/account.service';
import type { AuthService } from '../platform/auth/auth.service';
import type { PasswordResetService } from '../platform/auth/password-reset.service';
import type { Config } from '../platform/config/config';
import type { Database } from '../platform/db/database';
import type { FilesService } from '../platform/files/files.service';
import type { JobQueue } from '../platform/jobs/job-queue';
import type { JobRunsService } from '../platform/jobs/jobs.service';
import type { Logger } from '../platform/logger/logger';
import type { OutboxService } from '../platform/mail/outbox.service';
import type { NotificationsService } from '../platform/notifications/notifications.service';
import type { Notifier } from '../platform/notifications/notifier';

/** Everything the HTTP layer can call; built by the composition root (main/compose.ts). */
export type Services = {
  config: Config;
  db: Database;
  log: Logger;
  auth: AuthService;
  demo: DemoService;
  notifications: NotificationsService;
  audit: AuditService;
  account: AccountService;
  passwordReset: PasswordResetService;
  organisations: OrganisationsService;
  outbox: OutboxService;
  /** Background jobs; modules register handlers in compose.ts, main/server.ts and main/worker.ts start it. */
  jobs: JobQueue;
  jobRuns: JobRunsService;
  notifier: Notifier;
  files: FilesService;
  catalogues: CataloguesService;
  /** The people directory (人員名簿) and its HR import. */
  people: PeopleService;
  register: RegisterService;
  registerImport: RegisterImportService;
  /** The know-how map (工程 × 人) and the concentration ranking of the register. */
  knowHow: KnowHowService;
  /** Need-to-know access grants of the register and their review. */
  accessGrants: AccessService;
};
