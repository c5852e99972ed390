import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/http/app';
import type { Services } from '../src/http/services';
import { composeServices } from '../src/main/compose';
import { loadBundledCatalogues } from '../src/modules/catalogues';
import { DEMO_PASSWORD } from '../src/modules/demo';
import type { Clock } from '../src/platform/clock';
import { loadConfig } from '../src/platform/config/config';
import type { Database } from '../src/platform/db/database';
import { createLogger } from '../src/platform/logger/logger';
import { createTestDatabase } from './test-database';

/** A browser-like client for `inject()`: keeps cookies and sends the CSRF header on state-changing requests. */
export type TestClient = {
  request: (options: {
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    payload?: unknown;
    headers?: Record<string, string>;
  }) => Promise<LightMyRequestResponse>;
  get: (url: string) => Promise<LightMyRequestResponse>;
  post: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  patch: (url: string, payload?: unknown) => Promise<LightMyRequestResponse>;
  cookies: Map<string, string>;
};

/** A running app on its own fresh database, with the demo organisations seeded. */
export type TestApp = {
  app: FastifyInstance;
  services: Services;
  db: Database;
  /** A client with no session. */
  client: () => Promise<TestClient>;
  /** A client signed in (password + TOTP) as the given demo e-mail. */
  signIn: (email: string) => Promise<TestClient>;
  close: () => Promise<void>;
};

/** Builds the whole application on a fresh test database, like `npm start` in demo mode. */
export const createTestApp = async (
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestApp> => {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kakine-app-'));
  const config = loadConfig({ DATA_DIR: dataDir, KAKINE_DEMO: 'true', LOG_LEVEL: 'silent', ...options.env });
  const services = composeServices({ config, db, log: createLogger('silent'), clock: options.clock });
  await services.demo.seed();
  await loadBundledCatalogues({ db });
  const app = await buildApp(services);
  await app.ready();

  const client = async (): Promise<TestClient> => {
    const cookies = new Map<string, string>();
    let csrf = '';
    const request: TestClient['request'] = async ({ method, url, payload, headers }) => {
      const response = await app.inject({
        method,
        url,
        payload: payload as never,
        headers: {
          ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }),
          cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; '),
          ...headers,
        },
      });
      for (const c of response.cookies) {
        if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) cookies.delete(c.name);
        else cookies.set(c.name, c.value);
      }
      if (url === '/api/v1/session') {
        const body = response.json() as { csrfToken?: string; error?: { details?: { csrfToken?: string } } };
        csrf = body.csrfToken ?? body.error?.details?.csrfToken ?? csrf;
      }
      return response;
    };
    const c: TestClient = {
      request,
      cookies,
      get: (url) => request({ method: 'GET', url }),
      post: async (url, body) => {
        const r = await request({ method: 'POST', url, payload: body ?? {} });
        await request({ method: 'GET', url: '/api/v1/session' });
        return r;
      },
      patch: async (url, body) => {
        const r = await request({ method: 'PATCH', url, payload: body ?? {} });
        await request({ method: 'GET', url: '/api/v1/session' });
        return r;
      },
    };
    await c.get('/api/v1/session');
    return c;
  };

  const signIn = async (email: string): Promise<TestClient> => {
    const c = await client();
    const first = await c.post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
    if (first.statusCode !== 200) throw new Error(`sign-in failed: ${first.body}`);
    const account = (await services.demo.accounts()).find((a) => a.email === email);
    if (first.json().next === 'second_factor') {
      const second = await c.post('/api/v1/auth/second-factor', { code: account?.totpCode });
      if (second.statusCode !== 200) throw new Error(`second factor failed: ${second.body}`);
    }
    return c;
  };

  return {
    app,
    services,
    db,
    client,
    signIn,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
};
