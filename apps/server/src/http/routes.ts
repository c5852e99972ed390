import { registerAuthRoutes } from '../platform/auth/auth.routes';
import type { Api } from './app';
import type { Services } from './services';

/** Registers every module's routes under /api/v1; one line per module. */
export const registerApiRoutes = (api: Api, services: Services) => {
  registerAuthRoutes(api, services);
};
