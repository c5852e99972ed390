import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createSeededServices, actorFor as seededActor } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Actor } from '../../platform/actor/actor';
import type { Database } from '../../platform/db/database';
import { createMailer } from '../../platform/mail/mailer';
import { createOrganisationsService } from './organisations.service';

let db: Database;
let services: Services;

const actorFor = (email: string): Promise<Actor> => seededActor(db, email);

const origin = { ip: '127.0.0.1', userAgent: 'test' };

beforeAll(async () => {
  ({ db, services } = await createSeededServices());
});
afterAll(async () => {
  await db?.close();
});

describe('organisations service on a real database', () => {
  it('lets only one of two admins who disable each other at the same moment succeed', async () => {
    const first = await actorFor('admin@tics-cert.example');
    await services.organisations.updateUser(first, (await actorFor('auditor@tics-cert.example')).userId, {
      roles: ['auditor', 'admin'],
    });
    const second = await actorFor('auditor@tics-cert.example');
    const results = await Promise.all([
      codeOf(services.organisations.updateUser(first, second.userId, { status: 'disabled' })),
      codeOf(services.organisations.updateUser(second, first.userId, { status: 'disabled' })),
    ]);
    expect(results.sort()).toEqual(['ok', 'users/last_admin']);
    const active = await db.system((tx) =>
      tx.execute(sql`select count(*)::int as n from users
        where tenant_id = ${first.tenantId} and status = 'active' and 'admin' = any(roles)`),
    );
    expect(active.rows[0]?.n).toBe(1);
  });

  it('creates one user when the same invitation is accepted twice at once', async () => {
    const admin = await actorFor('admin@meti.example');
    const email = 'regional.officer@meti.example';
    await services.organisations.invite(admin, { email, displayName: '東北局 担当', roles: ['outreach_officer'] });
    const mail = await db.tenant(admin.tenantId, (tx) =>
      tx.execute(sql`select text_body from mail_outbox where to_address = ${email}`),
    );
    const token = /invite\?token=([A-Za-z0-9_-]+)/.exec(String(mail.rows[0]?.text_body))![1]!;
    const accept = () =>
      services.organisations.acceptInvitation(
        { token, displayName: '東北局 担当', password: 'tohoku-outreach-2026' },
        { locale: 'ja', origin, previousSession: null },
      );
    const results = await Promise.all([codeOf(accept()), codeOf(accept())]);
    expect(results.sort()).toEqual(['auth/token_invalid', 'ok']);
    const users = await db.system((tx) => tx.execute(sql`select roles from users where email = ${email}`));
    expect(users.rows).toEqual([{ roles: ['outreach_officer'] }]);
  });

  it('checks the permission in the service too, not only in the route', async () => {
    const employee = await actorFor('engineer@minato-ceramics.example');
    expect(
      await codeOf(services.organisations.invite(employee, { email: 'z@x.example', displayName: 'Z', roles: ['hr'] })),
    ).toBe('auth/forbidden');
    expect(await codeOf(services.organisations.listUsers(employee, listQuery))).toBe('auth/forbidden');
    expect(await codeOf(services.organisations.updateUser(employee, employee.userId, { roles: ['admin'] }))).toBe(
      'auth/forbidden',
    );
  });

  it('rolls back the invitation and its e-mail together when the transaction fails', async () => {
    const admin = await actorFor('admin@minato-ceramics.example');
    const failing = createOrganisationsService({
      db,
      clock: () => new Date(),
      baseUrl: 'http://localhost:3000',
      auth: services.auth,
      mailer: {
        enqueue: async (tx, tenantId, mail) => {
          await createMailer().enqueue(tx, tenantId, mail);
          throw new Error('simulated failure after the e-mail was queued');
        },
      },
    });
    const email = 'rollback@minato-ceramics.example';
    await expect(failing.invite(admin, { email, displayName: 'R', roles: ['employee'] })).rejects.toThrow(
      'simulated failure',
    );
    const left = await db.system((tx) =>
      tx.execute(sql`select (select count(*)::int from invitations where email = ${email}) as invitations,
        (select count(*)::int from mail_outbox where to_address = ${email}) as mails`),
    );
    expect(left.rows[0]).toEqual({ invitations: 0, mails: 0 });
    // The same invitation through the real mailer commits both.
    await services.organisations.invite(admin, { email, displayName: 'R', roles: ['employee'] });
    const kept = await db.system((tx) =>
      tx.execute(sql`select (select count(*)::int from invitations where email = ${email}) as invitations,
        (select count(*)::int from mail_outbox where to_address = ${email}) as mails`),
    );
    expect(kept.rows[0]).toEqual({ invitations: 1, mails: 1 });
  });

  it('cannot queue e-mail into another tenant', async () => {
    const company = await actorFor('admin@minato-ceramics.example');
    const meti = await actorFor('admin@meti.example');
    const error = await db
      .tenant(company.tenantId, (tx) =>
        createMailer().enqueue(tx, meti.tenantId, { to: 'a@b.example', subject: 's', text: 't' }),
      )
      .then(
        () => null,
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(error).toMatch(/row-level security/);
  });
});

const listQuery = {
  page: 1,
  pageSize: 50,
  order: 'asc' as const,
  format: 'json' as const,
  sort: 'displayName' as const,
  q: undefined,
  status: undefined,
};
