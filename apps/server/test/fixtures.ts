import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locale, OrganisationKind } from '@kakine/contracts';
import { eq } from 'drizzle-orm';
import type { Services } from '../src/http/services';
import { composeServices } from '../src/main/compose';
import { loadBundledCatalogues } from '../src/modules/catalogues';
import type { Actor } from '../src/platform/actor/actor';
import { users } from '../src/platform/auth/auth.schema';
import { loadConfig } from '../src/platform/config/config';
import type { Database } from '../src/platform/db/database';
import { AppError } from '../src/platform/errors/app-error';
import { createLogger } from '../src/platform/logger/logger';
import { organisations } from '../src/platform/tenancy/tenancy.schema';
import type { TestApp, TestClient } from './test-app';
import { createTestDatabase } from './test-database';

/** A fresh test database with all services composed on it and the demo organisations seeded. */
export const createSeededServices = async (
  options: { bundledCatalogues?: boolean } = {},
): Promise<{ db: Database; services: Services }> => {
  const db = await createTestDatabase();
  const config = loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kakine-svc-')), LOG_LEVEL: 'silent' });
  const services = composeServices({ config, db, log: createLogger('silent') });
  await services.demo.seed();
  if (options.bundledCatalogues) await loadBundledCatalogues({ db });
  return { db, services };
};

/** The actor of a seeded user, found by e-mail, as a service call from that user would see it. */
export const actorFor = async (
  db: Database,
  email: string,
  options: { locale?: Locale; ip?: string } = {},
): Promise<Actor> => {
  const [row] = await db.system((tx) =>
    tx
      .select({ user: users, kind: organisations.kind })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.tenantId))
      .where(eq(users.email, email)),
  );
  if (!row) throw new Error(`no seeded user ${email}`);
  return {
    userId: row.user.id,
    tenantId: row.user.tenantId,
    organisationKind: row.kind as OrganisationKind,
    roles: row.user.roles,
    label: `${row.user.displayName} <${row.user.email}>`,
    locale: options.locale ?? 'ja',
    ip: options.ip ?? '192.0.2.10',
    sessionId: null,
  };
};

/** Awaits the work and gives 'ok', or the code of the AppError it threw (any other error is rethrown). */
export const codeOf = async (work: Promise<unknown>): Promise<string> => {
  try {
    await work;
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
};

/** Signs each demo user in once per test file and reuses the session: a TOTP code is accepted only once. */
export const signInOnce = (app: () => TestApp): ((email: string) => Promise<TestClient>) => {
  const sessions = new Map<string, Promise<TestClient>>();
  return (email) => {
    let client = sessions.get(email);
    if (!client) {
      client = app().signIn(email);
      sessions.set(email, client);
    }
    return client;
  };
};

/** A multipart/form-data request body with text fields and, when given, one file part named `file` (sent last). */
export const multipart = (fields: Record<string, string>, file?: { name: string; bytes: Buffer; type?: string }) => {
  const boundary = `----kakine${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};
