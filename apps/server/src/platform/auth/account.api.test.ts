import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { DEMO_PASSWORD } from '../../modules/demo';
import { currentTotpCode } from './totp.rules';

let t: TestApp;
let now = new Date();
/** Moves the app's clock on; every TOTP use needs a new 30-second step because codes cannot be replayed. */
const tick = (ms = 31_000) => {
  now = new Date(now.getTime() + ms);
};
const signIn = (email: string) => {
  tick();
  return t.signIn(email);
};

const auditTypes = async (email: string): Promise<string[]> => {
  const r = await t.db.system((tx) =>
    tx.execute(sql`select e.type from audit_events e join users u on e.subject_id = u.id::text
      where u.email = ${email} order by e.seq`),
  );
  return r.rows.map((row) => String(row.type));
};

const outboxTo = async (email: string) => {
  const r = await t.db.system((tx) =>
    tx.execute(sql`select subject, text_body from mail_outbox where to_address = ${email} order by created_at, id`),
  );
  return r.rows as { subject: string; text_body: string }[];
};

const resetTokenFrom = (text: string): string => {
  const match = new RegExp(`${t.services.config.baseUrl}/reset-password\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no reset link in: ${text}`);
  return match[1];
};

const fieldsOf = (body: { error: { details: { fields: { path: string }[] } } }) =>
  body.error.details.fields.map((f) => f.path).sort();

/** A client whose requests come from their own address, so that per-address limits of one test do not touch others. */
const from = (client: TestClient, ip: string) => ({
  post: (url: string, payload: unknown) =>
    client.request({ method: 'POST', url, payload, headers: { 'x-forwarded-for': ip } }),
});

/** Signs in with password only (the first step), leaving the session waiting for the second factor. */
const passwordOnly = async (email: string, password = DEMO_PASSWORD) => {
  const c = await t.client();
  const r = await c.post('/api/v1/auth/sign-in', { email, password });
  expect(r.statusCode).toBe(200);
  return c;
};

/** Completes a sign-in that waits for its second factor with the user's TOTP secret. */
const secondFactor = async (c: TestClient, secret: string) => {
  tick();
  const r = await c.post('/api/v1/auth/second-factor', { code: currentTotpCode(secret, now) });
  expect(r.json()).toEqual({ next: 'done' });
};

beforeAll(async () => {
  t = await createTestApp({ clock: () => now });
});
afterAll(async () => {
  await t?.close();
});

describe('routes need the right session stage', () => {
  it('refuses every account route without a session', async () => {
    const c = await t.client();
    const responses = [
      await c.post('/api/v1/account/password', { currentPassword: 'x', newPassword: 'y'.repeat(12) }),
      await c.post('/api/v1/account/totp/setup'),
      await c.post('/api/v1/account/totp/confirm', { code: '123456' }),
      await c.post('/api/v1/account/totp/recovery-codes', {}),
      await c.post('/api/v1/account/totp/disable', { password: 'x' }),
      await c.patch('/api/v1/account/preferences', { locale: 'en' }),
    ];
    for (const r of responses) expect(r.json().error.code).toBe('auth/unauthenticated');
  });

  it('refuses account changes while the second factor is still due', async () => {
    const c = await passwordOnly('legal@minato-ceramics.example');
    const setup = await c.post('/api/v1/account/totp/setup');
    expect(setup.statusCode).toBe(401);
    expect(setup.json().error.code).toBe('auth/second_factor_required');
    expect((await c.patch('/api/v1/account/preferences', { locale: 'en' })).json().error.code).toBe(
      'auth/second_factor_required',
    );
    expect(
      (await c.post('/api/v1/account/password', { currentPassword: DEMO_PASSWORD, newPassword: 'z'.repeat(14) })).json()
        .error.code,
    ).toBe('auth/second_factor_required');
  });

  it('refuses a second enrolment', async () => {
    const c = await signIn('legal@minato-ceramics.example');
    const r = await c.post('/api/v1/account/totp/setup');
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('auth/second_factor_already_enrolled');
    const confirm = await c.post('/api/v1/account/totp/confirm', { code: '123456' });
    expect(confirm.json().error.code).toBe('auth/second_factor_already_enrolled');
  });
});

describe('password change', () => {
  const email = 'exec@minato-ceramics.example';
  const newPassword = 'MLCC-dielectric-layers-42';

  it('checks the current password and the policy, naming every reason', async () => {
    const c = await signIn(email);
    const wrong = await c.post('/api/v1/account/password', { currentPassword: 'nope-nope-nope', newPassword });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.code).toBe('auth/wrong_password');
    const weak = await c.post('/api/v1/account/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'qwertyuiop123',
    });
    expect(weak.json().error).toMatchObject({ code: 'auth/weak_password', details: { reasons: ['common'] } });
    const same = await c.post('/api/v1/account/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: DEMO_PASSWORD,
    });
    expect(same.json().error.details.reasons).toEqual(['same_as_current']);
    const mine = await c.post('/api/v1/account/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'EXEC-signs-off-everything',
    });
    expect(mine.json().error.details.reasons).toEqual(['contains_email']);
    const invalid = await c.post('/api/v1/account/password', { currentPassword: '', newPassword: 'short' });
    expect(invalid.statusCode).toBe(400);
    expect(fieldsOf(invalid.json())).toEqual(['currentPassword', 'newPassword']);
  });

  it('changes the password, ends the other sessions and tells the user by e-mail', async () => {
    const other = await signIn(email);
    const c = await signIn(email);
    const r = await c.post('/api/v1/account/password', { currentPassword: DEMO_PASSWORD, newPassword });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true });
    expect((await c.get('/api/v1/session')).statusCode).toBe(200);
    expect((await other.get('/api/v1/session')).statusCode).toBe(401);
    const old = await (await t.client()).post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
    expect(old.json().error.code).toBe('auth/invalid_credentials');
    const fresh = await passwordOnly(email, newPassword);
    expect((await fresh.get('/api/v1/session')).json().stage).toBe('second_factor');
    expect(await auditTypes(email)).toContain('auth.password_changed');
    const mails = await outboxTo(email);
    expect(mails.map((m) => m.subject)).toEqual(['【Kakine】パスワードが変更されました']);
  });
});

describe('preferences', () => {
  it('stores the language, which then drives messages and e-mails', async () => {
    const c = await signIn('engineer@minato-ceramics.example');
    const bad = await c.patch('/api/v1/account/preferences', { locale: 'fr' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['locale']);
    const r = await c.patch('/api/v1/account/preferences', { locale: 'en' });
    expect(r.json()).toEqual({ ok: true });
    expect((await c.get('/api/v1/session')).json().user.locale).toBe('en');
    const message = await c.post('/api/v1/account/totp/disable', { password: 'wrong-wrong-wrong' });
    expect(message.json().error.message).toBe('The current password is incorrect.');
    // Setting the same language again changes nothing and records nothing.
    await c.patch('/api/v1/account/preferences', { locale: 'en' });
    expect(
      (await auditTypes('engineer@minato-ceramics.example')).filter((x) => x === 'user.preferences_changed'),
    ).toHaveLength(1);
  });
});

describe('second factor management', () => {
  const email = 'hr@minato-ceramics.example';
  let codes: string[] = [];

  it('turns TOTP off with the password; the next sign-in must enrol again', async () => {
    const other = await signIn(email);
    const c = await signIn(email);
    const wrong = await c.post('/api/v1/account/totp/disable', { password: 'wrong-password-x' });
    expect(wrong.json().error.code).toBe('auth/wrong_password');
    const missing = await c.post('/api/v1/account/totp/disable', {});
    expect(fieldsOf(missing.json())).toEqual(['password']);
    const r = await c.post('/api/v1/account/totp/disable', { password: DEMO_PASSWORD });
    expect(r.json()).toEqual({ ok: true });
    expect((await c.get('/api/v1/session')).json().user.totpEnrolled).toBe(false);
    expect((await other.get('/api/v1/session')).statusCode).toBe(401);
    expect((await c.post('/api/v1/account/totp/disable', { password: DEMO_PASSWORD })).json().error.code).toBe(
      'auth/second_factor_not_enrolled',
    );
    const next = await (await t.client()).post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
    expect(next.json()).toEqual({ next: 'enrol_second_factor' });
    expect(await auditTypes(email)).toContain('auth.second_factor_removed');
    expect((await outboxTo(email)).map((m) => m.subject)).toContain('【Kakine】二要素認証が解除されました');
  });

  it('re-enrols from an active session without replacing the session', async () => {
    const c = await passwordOnly(email);
    expect((await c.get('/api/v1/session')).json().stage).toBe('enrolment');
    const confirmFirst = await c.post('/api/v1/account/totp/confirm', { code: '123456' });
    expect(confirmFirst.json().error.code).toBe('auth/totp_setup_missing');
    const setup = await c.post('/api/v1/account/totp/setup');
    // A second set-up replaces the pending secret: only the newest one confirms.
    const replaced = await c.post('/api/v1/account/totp/setup');
    const badCode = await c.post('/api/v1/account/totp/confirm', { code: 'abcdef' });
    expect(fieldsOf(badCode.json())).toEqual(['code']);
    const stale = await c.post('/api/v1/account/totp/confirm', {
      code: currentTotpCode(setup.json().secret, now),
    });
    expect(stale.json().error.code).toBe('auth/invalid_second_factor');
    const ok = await c.post('/api/v1/account/totp/confirm', { code: currentTotpCode(replaced.json().secret, now) });
    expect(ok.statusCode).toBe(200);
    codes = ok.json().recoveryCodes;
    expect((await c.get('/api/v1/session')).json()).toMatchObject({ stage: 'active', user: { totpEnrolled: true } });

    // An already-active session keeps its cookie when it confirms.
    await c.post('/api/v1/account/totp/disable', { password: DEMO_PASSWORD });
    const cookie = c.cookies.get('kakine_session');
    const again = await c.post('/api/v1/account/totp/setup');
    tick();
    const confirmed = await c.post('/api/v1/account/totp/confirm', { code: currentTotpCode(again.json().secret, now) });
    expect(confirmed.statusCode).toBe(200);
    expect(c.cookies.get('kakine_session')).toBe(cookie);
    codes = confirmed.json().recoveryCodes;
    const secret = again.json().secret as string;

    // The new factor works at the next sign-in.
    const d = await passwordOnly(email);
    await secondFactor(d, secret);
  });

  it('regenerates recovery codes: earlier codes stop working; the password is needed unless signed in just now', async () => {
    const c = await passwordOnly(email);
    const used = await c.post('/api/v1/auth/second-factor', { code: codes[0] });
    expect(used.json()).toEqual({ next: 'done' });
    const fresh = await c.post('/api/v1/account/totp/recovery-codes', {});
    expect(fresh.statusCode).toBe(200);
    const newCodes = fresh.json().recoveryCodes as string[];
    expect(newCodes).toHaveLength(10);
    expect(newCodes.some((x) => codes.includes(x))).toBe(false);

    tick(16 * 60_000);
    const stale = await c.post('/api/v1/account/totp/recovery-codes', {});
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('auth/reauthentication_required');
    const wrong = await c.post('/api/v1/account/totp/recovery-codes', { password: 'wrong-password-x' });
    expect(wrong.json().error.code).toBe('auth/wrong_password');
    const withPassword = await c.post('/api/v1/account/totp/recovery-codes', { password: DEMO_PASSWORD });
    expect(withPassword.statusCode).toBe(200);
    const latest = withPassword.json().recoveryCodes as string[];

    const old = await passwordOnly(email);
    expect((await old.post('/api/v1/auth/second-factor', { code: newCodes[1] })).json().error.code).toBe(
      'auth/invalid_second_factor',
    );
    const ok = await passwordOnly(email);
    expect((await ok.post('/api/v1/auth/second-factor', { code: latest[1] })).json()).toEqual({ next: 'done' });
    expect((await auditTypes(email)).filter((x) => x === 'auth.recovery_codes_regenerated')).toHaveLength(2);
  });
});

describe('password reset', () => {
  const email = 'engineer@minato-ceramics.example';
  const newPassword = 'green-sheet-stacking-line-7';
  let token = '';

  it('always answers ok, and e-mails an English link to an English-speaking user only', async () => {
    const c = await t.client();
    const before = (await outboxTo(email)).length;
    const unknown = await from(c, '198.51.100.1').post('/api/v1/auth/password-reset/request', {
      email: 'nobody@minato-ceramics.example',
    });
    expect(unknown.json()).toEqual({ ok: true });
    const known = await from(c, '198.51.100.1').post('/api/v1/auth/password-reset/request', {
      email: 'Engineer@Minato-Ceramics.example',
    });
    expect(known.json()).toEqual({ ok: true });
    const mails = await outboxTo(email);
    expect(mails).toHaveLength(before + 1);
    const mail = mails.at(-1)!;
    expect(mail.subject).toBe('[Kakine] Reset your password');
    expect(mail.text_body).not.toMatch(/[\u3040-\u30ff]/);
    token = resetTokenFrom(mail.text_body);
    const stored = await t.db.system((tx) => tx.execute(sql`select token_hash, expires_at from password_reset_tokens`));
    expect(JSON.stringify(stored.rows)).not.toContain(token);
    expect(new Date(String(stored.rows.at(-1)?.expires_at)).getTime() - now.getTime()).toBe(60 * 60_000);
    expect(await auditTypes(email)).toContain('auth.password_reset_requested');
    const invalid = await from(c, '198.51.100.1').post('/api/v1/auth/password-reset/request', { email: 'x' });
    expect(fieldsOf(invalid.json())).toEqual(['email']);
  });

  it('sets a new password with the link once, ends every session and lifts a lock', async () => {
    const session = await signIn(email);
    const attacker = await t.client();
    for (let i = 0; i < 5; i++) {
      await attacker.post('/api/v1/auth/sign-in', { email, password: 'not-the-password-1' });
    }
    const c = await t.client();
    const weak = await from(c, '198.51.100.2').post('/api/v1/auth/password-reset/complete', {
      token,
      password: 'password2024!!',
    });
    expect(weak.json().error.code).toBe('auth/weak_password');
    const short = await from(c, '198.51.100.2').post('/api/v1/auth/password-reset/complete', {
      token,
      password: 'short',
    });
    expect(fieldsOf(short.json())).toEqual(['password']);
    const ok = await from(c, '198.51.100.2').post('/api/v1/auth/password-reset/complete', {
      token,
      password: newPassword,
    });
    expect(ok.json()).toEqual({ ok: true });
    expect((await session.get('/api/v1/session')).statusCode).toBe(401);
    const reused = await from(c, '198.51.100.2').post('/api/v1/auth/password-reset/complete', {
      token,
      password: 'yet-another-good-passphrase',
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().error.code).toBe('auth/token_invalid');
    // The lock is gone and the new password works; the second factor is still asked for.
    const signedIn = await passwordOnly(email, newPassword);
    expect((await signedIn.get('/api/v1/session')).json().stage).toBe('second_factor');
    expect(await auditTypes(email)).toContain('auth.password_reset_completed');
    expect((await outboxTo(email)).at(-1)?.subject).toBe('[Kakine] Your password was reset');
  });

  it('refuses an expired link and supersedes an earlier one', async () => {
    const c = await t.client();
    const ask = () => from(c, '198.51.100.3').post('/api/v1/auth/password-reset/request', { email });
    await ask();
    const first = resetTokenFrom((await outboxTo(email)).at(-1)!.text_body);
    tick(1_000);
    await ask();
    const second = resetTokenFrom((await outboxTo(email)).at(-1)!.text_body);
    const superseded = await from(c, '198.51.100.3').post('/api/v1/auth/password-reset/complete', {
      token: first,
      password: 'superseded-link-passphrase',
    });
    expect(superseded.json().error.code).toBe('auth/token_invalid');
    tick(60 * 60_000);
    const expired = await from(c, '198.51.100.3').post('/api/v1/auth/password-reset/complete', {
      token: second,
      password: 'expired-link-passphrase',
    });
    expect(expired.json().error.code).toBe('auth/token_invalid');
  });

  it('sends an account at most three links an hour, and throttles each address', async () => {
    const email2 = 'tech@minato-ceramics.example';
    const c = await t.client();
    for (let i = 0; i < 5; i++) {
      const r = await from(c, `198.51.100.${10 + i}`).post('/api/v1/auth/password-reset/request', { email: email2 });
      expect(r.json()).toEqual({ ok: true });
    }
    expect(await outboxTo(email2)).toHaveLength(3);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await from(c, '198.51.100.99').post('/api/v1/auth/password-reset/request', {
        email: 'nobody@example.com',
      });
      codes.push(r.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('demo outbox outside demo mode', () => {
  it('does not exist', async () => {
    const prod = await createTestApp({ env: { KAKINE_DEMO: 'false' } });
    try {
      const admin = await prod.signIn('admin@minato-ceramics.example');
      const r = await admin.get('/api/v1/outbox');
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('outbox/not_available');
    } finally {
      await prod.close();
    }
  });
});
