import { registerCatalogueRoutes } from '../modules/catalogues';
import { registerOrganisationRoutes } from '../modules/organisations';
import { registerPeopleRoutes } from '../modules/people';
import {
  registerAccessRoutes,
  registerKnowHowRoutes,
  registerRegisterImportRoutes,
  registerRegisterRoutes,
} from '../modules/register';
import { registerAuditRoutes } from '../platform/audit/audit.routes';
import { registerAccountRoutes } from '../platform/auth/account.routes';
import { registerAuthRoutes } from '../platform/auth/auth.routes';
import { registerFileRoutes } from '../platform/files/files.routes';
import { registerJobRoutes } from '../platform/jobs/jobs.routes';
import { registerOutboxRoutes } from '../platform/mail/outbox.routes';
import { registerNotificationRoutes } from '../platform/notifications/notifications.routes';
import type { Api } from './app';
import type { Services } from './services';

/** Registers every module's routes under /api/v1; one line per module. */
export const registerApiRoutes = (api: Api, services: Services) => {
  registerAuthRoutes(api, services);
  registerAuditRoutes(api, services);
  registerAccountRoutes(api, services);
  registerOrganisationRoutes(api, services);
  registerOutboxRoutes(api, services);
  registerJobRoutes(api, services);
  registerNotificationRoutes(api, services);
  registerFileRoutes(api, services);
  registerCatalogueRoutes(api, services);
  registerPeopleRoutes(api, services);
  registerRegisterRoutes(api, services);
  registerKnowHowRoutes(api, services);
  registerAccessRoutes(api, services);
  registerRegisterImportRoutes(api, services);
};
