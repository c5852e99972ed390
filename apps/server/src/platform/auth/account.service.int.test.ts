import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createSeededServices } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Database } from '../db/database';

let db: Database;
let services: Services;
const origin = { ip: '192.0.2.7', userAgent: 'test' };

const latestResetToken = async (email: string): Promise<string> => {
  const r = await db.system((tx) =>
    tx.execute(sql`select text_body from mail_outbox where to_address = ${email} order by created_at desc limit 1`),
  );
  return /reset-password\?token=([A-Za-z0-9_-]+)/.exec(String(r.rows[0]?.text_body))![1]!;
};

beforeAll(async () => {
  ({ db, services } = await createSeededServices());
});
afterAll(async () => {
  await db?.close();
});

describe('password reset service on a real database', () => {
  it('uses a token once even when two completions race', async () => {
    const email = 'auditor@tics-cert.example';
    await services.passwordReset.request({ email }, origin);
    const token = await latestResetToken(email);
    const complete = (password: string) => services.passwordReset.complete({ token, password }, origin);
    const results = await Promise.all([
      codeOf(complete('first-racing-passphrase')),
      codeOf(complete('second-racing-passphrase')),
    ]);
    expect(results.sort()).toEqual(['auth/token_invalid', 'ok']);
    const events = await db.system((tx) =>
      tx.execute(sql`select count(*)::int as n from audit_events where type = 'auth.password_reset_completed'`),
    );
    expect(events.rows[0]?.n).toBe(1);
  });

  it('sends nothing to a disabled account, yet answers the same', async () => {
    const email = 'advisor@tics-cert.example';
    await db.system((tx) => tx.execute(sql`update users set status = 'disabled' where email = ${email}`));
    expect(await services.passwordReset.request({ email }, origin)).toEqual({ ok: true });
    const rows = await db.system((tx) =>
      tx.execute(sql`select (select count(*)::int from mail_outbox where to_address = ${email}) as mails,
        (select count(*)::int from password_reset_tokens t join users u on u.id = t.user_id where u.email = ${email})
        as tokens`),
    );
    expect(rows.rows[0]).toEqual({ mails: 0, tokens: 0 });
  });

  it('attributes the request to the form, not to the account owner, in the account’s tenant', async () => {
    const r = await db.system((tx) =>
      tx.execute(sql`select e.actor_user_id, e.actor_label, e.ip, e.tenant_id = u.tenant_id as same_tenant
        from audit_events e join users u on e.subject_id = u.id::text
        where e.type = 'auth.password_reset_requested' and u.email = 'auditor@tics-cert.example'`),
    );
    expect(r.rows).toEqual([
      {
        actor_user_id: null,
        actor_label: 'パスワード再設定フォーム / password reset form',
        ip: '192.0.2.7',
        same_tenant: true,
      },
    ]);
  });
});
