import type { DemoService } from '../modules/demo';
import type { AuthService } from '../platform/auth/auth.service';
import type { Config } from '../platform/config/config';
import type { Database } from '../platform/db/database';
import type { Logger } from '../platform/logger/logger';
import type { NotificationsService } from '../platform/notifications/notifications.service';

/** Everything the HTTP layer can call; built by the composition root (main/compose.ts). */
export type Services = {
  config: Config;
  db: Database;
  log: Logger;
  auth: AuthService;
  demo: DemoService;
  notifications: NotificationsService;
};
