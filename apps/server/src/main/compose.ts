import type { Services } from '../http/services';
import { createDemoService } from '../modules/demo';
import { createAuthService } from '../platform/auth/auth.service';
import { createSecretBox } from '../platform/auth/secret-box';
import { type Clock, systemClock } from '../platform/clock';
import type { Config } from '../platform/config/config';
import type { Database } from '../platform/db/database';
import type { Logger } from '../platform/logger/logger';
import { createNotificationsService } from '../platform/notifications/notifications.service';

/** The composition root: wires every service from the configuration, the database and the clock. */
export const composeServices = (deps: { config: Config; db: Database; log: Logger; clock?: Clock }): Services => {
  const { config, db, log } = deps;
  const clock = deps.clock ?? systemClock;
  const secretBox = createSecretBox(config.sessionSecret);
  const auth = createAuthService({ db, clock, secretBox, serverSecret: config.sessionSecret });
  return {
    config,
    db,
    log,
    auth,
    demo: createDemoService({ db, clock, secretBox }),
    notifications: createNotificationsService({ db }),
  };
};
