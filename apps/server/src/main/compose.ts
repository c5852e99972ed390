import { EXPORT_ROW_LIMIT } from '../http/list-export';
import type { Services } from '../http/services';
import {
  CATALOGUE_FILE_RECORD_TYPE,
  createCataloguesService,
  mayReadCatalogueFile,
  registerCatalogueJobs,
} from '../modules/catalogues';
import { createDemoService } from '../modules/demo';
import { createOrganisationsService } from '../modules/organisations';
import { createPeopleService } from '../modules/people';
import {
  concentrationRefresherFor,
  createAccessService,
  createKnowHowService,
  createRegisterImportService,
  createRegisterReminders,
  createRegisterService,
  registerRegisterJobs,
  TECHNOLOGY_EVIDENCE_TYPES,
  TECHNOLOGY_FILE_RECORD_TYPE,
} from '../modules/register';
import { createAuditService } from '../platform/audit/audit.service';
import { createAccountService } from '../platform/auth/account.service';
import { createAuthService } from '../platform/auth/auth.service';
import { createPasswordResetService } from '../platform/auth/password-reset.service';
import { createSecretBox } from '../platform/auth/secret-box';
import { type Clock, systemClock } from '../platform/clock';
import type { Config } from '../platform/config/config';
import type { Database } from '../platform/db/database';
import { createFileStore } from '../platform/files/file-store';
import { createFilesService } from '../platform/files/files.service';
import { createJobQueue } from '../platform/jobs/job-queue';
import { createJobRunsService } from '../platform/jobs/jobs.service';
import { createPlatformMaintenance, registerPlatformMaintenance } from '../platform/jobs/maintenance.jobs';
import type { Logger } from '../platform/logger/logger';
import { createMailDelivery, registerMailDelivery } from '../platform/mail/delivery.service';
import { createMailer } from '../platform/mail/mailer';
import { createOutboxService } from '../platform/mail/outbox.service';
import { createNotificationsService } from '../platform/notifications/notifications.service';
import { createNotifier } from '../platform/notifications/notifier';

/** The composition root: wires every service from the configuration, the database and the clock. */
export const composeServices = (deps: { config: Config; db: Database; log: Logger; clock?: Clock }): Services => {
  const { config, db, log } = deps;
  const clock = deps.clock ?? systemClock;
  const secretBox = createSecretBox(config.sessionSecret);
  const auth = createAuthService({ db, clock, secretBox, serverSecret: config.sessionSecret });
  const mailer = createMailer();
  const baseUrl = config.baseUrl;
  const jobs = createJobQueue({ db, log, clock });
  const fileStore = createFileStore({ db, config, clock });
  registerPlatformMaintenance(
    jobs,
    createPlatformMaintenance({
      db,
      clock,
      log,
      removeOrphanFiles: () => fileStore.removeOrphans(new Date(clock().getTime() - 24 * 3_600_000)),
    }),
  );
  registerMailDelivery(jobs, createMailDelivery({ db, config, clock, log }));
  const notifier = createNotifier({ mailer, baseUrl });
  const files = createFilesService({ db, store: fileStore, clock, exportLimit: EXPORT_ROW_LIMIT });
  files.registerFileAccess(CATALOGUE_FILE_RECORD_TYPE, mayReadCatalogueFile);
  const catalogues = createCataloguesService({
    db,
    clock,
    log,
    store: fileStore,
    jobs,
    notifier,
    exportLimit: EXPORT_ROW_LIMIT,
  });
  registerCatalogueJobs(jobs, catalogues);
  const register = createRegisterService({ db, clock, exportLimit: EXPORT_ROW_LIMIT });
  files.registerFileAccess(TECHNOLOGY_FILE_RECORD_TYPE, register.mayReadTechnologyFile);
  files.registerFileUpload(TECHNOLOGY_FILE_RECORD_TYPE, {
    allowedTypes: TECHNOLOGY_EVIDENCE_TYPES,
    canUpload: register.mayUploadTechnologyFile,
  });
  registerRegisterJobs(jobs, createRegisterReminders({ db, clock, log, notifier }));
  const people = createPeopleService({
    db,
    clock,
    exportLimit: EXPORT_ROW_LIMIT,
    onPeopleChanged: concentrationRefresherFor(clock),
  });
  return {
    config,
    db,
    log,
    auth,
    demo: createDemoService({ db, clock, secretBox }),
    notifications: createNotificationsService({ db, clock, exportLimit: EXPORT_ROW_LIMIT }),
    audit: createAuditService({ db, clock, exportLimit: EXPORT_ROW_LIMIT }),
    account: createAccountService({ db, clock, secretBox, serverSecret: config.sessionSecret, mailer, baseUrl, auth }),
    passwordReset: createPasswordResetService({ db, clock, mailer, baseUrl }),
    organisations: createOrganisationsService({ db, clock, mailer, baseUrl, auth }),
    outbox: createOutboxService({ db, demo: config.demo }),
    jobs,
    jobRuns: createJobRunsService({ db, clock, exportLimit: EXPORT_ROW_LIMIT }),
    notifier,
    files,
    catalogues,
    people,
    register,
    knowHow: createKnowHowService({ db, clock }),
    accessGrants: createAccessService({ db, clock }),
    registerImport: createRegisterImportService({ db, clock }),
  };
};
