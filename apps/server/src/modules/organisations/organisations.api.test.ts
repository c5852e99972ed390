import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { currentTotpCode } from '../../platform/auth/totp.rules';
import { DEMO_PASSWORD } from '../demo';

const ADMIN = 'admin@minato-ceramics.example';
const INVITEE = 'hanako.arai@minato-ceramics.example';
const INVITEE_PASSWORD = 'セラミック-condenser-2026';

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

let admin: TestClient;

const userId = async (email: string): Promise<string> => {
  const r = await t.db.system((tx) => tx.execute(sql`select id from users where email = ${email}`));
  return String(r.rows[0]?.id);
};

const auditOf = async (email: string) => {
  const r = await t.db.system((tx) =>
    tx.execute(sql`select e.type, e.payload, e.actor_user_id, e.subject_id from audit_events e
      join users u on u.tenant_id = e.tenant_id where u.email = ${email} order by e.seq`),
  );
  return r.rows as { type: string; payload: Record<string, unknown>; actor_user_id: string; subject_id: string }[];
};

const outboxOf = async (client: TestClient) => {
  const r = await client.get('/api/v1/outbox?pageSize=500');
  expect(r.statusCode).toBe(200);
  return r.json().items as { to: string; subject: string; text: string; status: string }[];
};

const tokenFrom = (text: string, path: 'invite' | 'reset-password'): string => {
  const match = new RegExp(`${t.services.config.baseUrl}/${path}\\?token=([A-Za-z0-9_-]+)`).exec(text);
  if (!match?.[1]) throw new Error(`no ${path} link in: ${text}`);
  return match[1];
};

const fieldsOf = (body: { error: { details: { fields: { path: string }[] } } }) =>
  body.error.details.fields.map((f) => f.path).sort();

beforeAll(async () => {
  t = await createTestApp({ clock: () => now });
  admin = await signIn(ADMIN);
});
afterAll(async () => {
  await t?.close();
});

describe('invitation journey', () => {
  let token = '';
  let invitee: TestClient;
  let totpSecret = '';
  let recoveryCodes: string[] = [];

  it('lets the admin invite a person with a role of the organisation kind', async () => {
    const r = await admin.post('/api/v1/admin/invitations', {
      email: INVITEE,
      displayName: '新井 花子',
      roles: ['technology_owner'],
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      email: INVITEE,
      displayName: '新井 花子',
      roles: ['technology_owner'],
      status: 'pending',
      invitedByName: '佐藤 美咲',
      acceptedAt: null,
      revokedAt: null,
      abilities: { revoke: true },
    });
    const expires = new Date(r.json().expiresAt).getTime();
    expect(expires - now.getTime()).toBe(7 * 86_400_000);
    expect((await auditOf(ADMIN)).find((e) => e.type === 'user.invited')?.payload).toEqual({
      email: INVITEE,
      roles: ['technology_owner'],
    });
  });

  it('queues a bilingual e-mail with a single-use link, and stores only the hash of the token', async () => {
    const mails = (await outboxOf(admin)).filter((m) => m.to === INVITEE);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.status).toBe('queued');
    expect(mail.subject).toBe(
      '【Kakine】株式会社みなと精密セラミックスからの招待 / [Kakine] Invitation from Minato Precision Ceramics Co., Ltd.',
    );
    expect(mail.text).toContain('新井 花子 様');
    expect(mail.text).toContain('付与されるロール: 技術オーナー');
    expect(mail.text).toContain('Your roles: Technology owner');
    expect(mail.text).toContain('佐藤 美咲 さんが');
    token = tokenFrom(mail.text, 'invite');
    const stored = await t.db.system((tx) =>
      tx.execute(sql`select token_hash from invitations where email = ${INVITEE}`),
    );
    expect(stored.rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored.rows)).not.toContain(token);
  });

  it('shows the invitee who invited them before they accept', async () => {
    invitee = await t.client();
    const r = await invitee.get(`/api/v1/invitations/lookup?token=${token}`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({
      email: INVITEE,
      displayName: '新井 花子',
      organisationNameJa: '株式会社みなと精密セラミックス',
      organisationNameEn: 'Minato Precision Ceramics Co., Ltd.',
      roles: ['technology_owner'],
    });
    const bad = await invitee.get(`/api/v1/invitations/lookup?token=${'x'.repeat(43)}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('auth/token_invalid');
  });

  it('refuses a weak password without using up the invitation', async () => {
    const short = await invitee.post('/api/v1/invitations/accept', {
      token,
      displayName: '新井 花子',
      password: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(fieldsOf(short.json())).toEqual(['password']);
    const common = await invitee.post('/api/v1/invitations/accept', {
      token,
      displayName: '新井 花子',
      password: 'password123456',
    });
    expect(common.statusCode).toBe(422);
    expect(common.json().error).toMatchObject({ code: 'auth/weak_password', details: { reasons: ['common'] } });
    const withEmail = await invitee.post('/api/v1/invitations/accept', {
      token,
      displayName: '新井 花子',
      password: 'hanako.arai-is-me-2026',
    });
    expect(withEmail.json().error.details.reasons).toEqual(['contains_email']);
  });

  it('creates the account, signs the invitee in and requires second-factor enrolment next', async () => {
    const r = await invitee.request({
      method: 'POST',
      url: '/api/v1/invitations/accept',
      payload: { token, displayName: '新井 花子（技術部）', password: INVITEE_PASSWORD },
      headers: { 'accept-language': 'en-GB,en;q=0.8' },
    });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ next: 'enrol_second_factor' });
    const session = await invitee.get('/api/v1/session');
    expect(session.json()).toMatchObject({
      stage: 'enrolment',
      user: { email: INVITEE, displayName: '新井 花子（技術部）', roles: ['technology_owner'], totpEnrolled: false },
      permissions: [],
    });
    // The invitee's language came from their browser.
    expect(session.json().user.locale).toBe('en');
    const blocked = await invitee.get('/api/v1/admin/users');
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('auth/enrolment_required');
    const audit = await auditOf(ADMIN);
    const accepted = audit.find((e) => e.type === 'user.invitation_accepted');
    expect(accepted?.payload).toEqual({ email: INVITEE });
    expect(accepted?.actor_user_id).toBe(await userId(INVITEE));
  });

  it('does not accept the same link twice', async () => {
    const again = await (await t.client()).post('/api/v1/invitations/accept', {
      token,
      displayName: 'Someone else',
      password: 'another-strong-passphrase',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('auth/token_invalid');
    const lookup = await (await t.client()).get(`/api/v1/invitations/lookup?token=${token}`);
    expect(lookup.json().error.code).toBe('auth/token_invalid');
  });

  it('enrols TOTP: a QR code, a wrong code refused, the right one gives ten recovery codes and an active session', async () => {
    const setup = await invitee.post('/api/v1/account/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = setup.json();
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    expect(otpauthUrl).toContain(encodeURIComponent(INVITEE));
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    totpSecret = secret;
    const stored = await t.db.system((tx) =>
      tx.execute(sql`select totp_secret, totp_enabled_at from users where email = ${INVITEE}`),
    );
    expect(stored.rows[0]?.totp_enabled_at).toBeNull();
    expect(String(stored.rows[0]?.totp_secret)).not.toContain(secret);

    const wrong = await invitee.post('/api/v1/account/totp/confirm', {
      code: currentTotpCode(secret, new Date(now.getTime() + 3_600_000)),
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('auth/invalid_second_factor');

    const before = invitee.cookies.get('kakine_session');
    const ok = await invitee.post('/api/v1/account/totp/confirm', { code: currentTotpCode(secret, now) });
    expect(ok.statusCode).toBe(200);
    recoveryCodes = ok.json().recoveryCodes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(invitee.cookies.get('kakine_session')).not.toBe(before);
    const session = await invitee.get('/api/v1/session');
    expect(session.json()).toMatchObject({ stage: 'active', user: { totpEnrolled: true } });
    expect(session.json().permissions).toContain('catalogue:read');
    expect((await auditOf(ADMIN)).filter((e) => e.type === 'auth.second_factor_enrolled')).toHaveLength(1);
  });

  it('signs in with password and TOTP from then on', async () => {
    await invitee.post('/api/v1/auth/sign-out', {});
    expect((await invitee.get('/api/v1/session')).statusCode).toBe(401);
    tick();
    const c = await t.client();
    const first = await c.post('/api/v1/auth/sign-in', { email: INVITEE, password: INVITEE_PASSWORD });
    expect(first.json()).toEqual({ next: 'second_factor' });
    const second = await c.post('/api/v1/auth/second-factor', { code: currentTotpCode(totpSecret, now) });
    expect(second.json()).toEqual({ next: 'done' });
    expect((await c.get('/api/v1/session')).json().stage).toBe('active');
    await c.post('/api/v1/auth/sign-out', {});
  });

  it('signs in with a recovery code, which works only once', async () => {
    const code = recoveryCodes[3]!;
    const c = await t.client();
    await c.post('/api/v1/auth/sign-in', { email: INVITEE, password: INVITEE_PASSWORD });
    const used = await c.post('/api/v1/auth/second-factor', { code: code.toUpperCase() });
    expect(used.json()).toEqual({ next: 'done' });
    await c.post('/api/v1/auth/sign-out', {});

    const d = await t.client();
    await d.post('/api/v1/auth/sign-in', { email: INVITEE, password: INVITEE_PASSWORD });
    const again = await d.post('/api/v1/auth/second-factor', { code });
    expect(again.statusCode).toBe(401);
    expect(again.json().error.code).toBe('auth/invalid_second_factor');
    const recovery = (await auditOf(ADMIN)).filter((e) => e.type === 'auth.recovery_code_used');
    expect(recovery.map((e) => e.payload)).toEqual([{ remaining: 9 }]);
  });

  it('lists the accepted invitation with its status', async () => {
    const r = await admin.get('/api/v1/admin/invitations?status=accepted');
    expect(r.statusCode).toBe(200);
    expect(r.json().total).toBe(1);
    expect(r.json().items[0]).toMatchObject({ email: INVITEE, status: 'accepted', abilities: { revoke: false } });
  });
});

describe('invitations admin', () => {
  it('refuses roles of another organisation kind and addresses that already have an account', async () => {
    const meti = await admin.post('/api/v1/admin/invitations', {
      email: 'x1@minato-ceramics.example',
      displayName: 'X',
      roles: ['case_officer'],
    });
    expect(meti.statusCode).toBe(422);
    expect(meti.json().error).toMatchObject({ code: 'users/invalid_role', details: { roles: ['case_officer'] } });
    for (const email of ['hr@minato-ceramics.example', 'HR@Minato-Ceramics.example', 'case@meti.example']) {
      const taken = await admin.post('/api/v1/admin/invitations', { email, displayName: 'X', roles: ['employee'] });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe('users/email_taken');
    }
  });

  it('names the invalid fields', async () => {
    const r = await admin.post('/api/v1/admin/invitations', { email: 'not-mail', displayName: '', roles: [] });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request/invalid');
    expect(fieldsOf(r.json())).toEqual(['displayName', 'email', 'roles']);
    const unknownRole = await admin.post('/api/v1/admin/invitations', {
      email: 'x2@minato-ceramics.example',
      displayName: 'X',
      roles: ['wizard'],
    });
    expect(unknownRole.statusCode).toBe(400);
    expect(fieldsOf(unknownRole.json())).toEqual(['roles.0']);
  });

  it('revokes a pending invitation so that its link stops working; a second invitation supersedes the first', async () => {
    const email = 'kenta.mori@minato-ceramics.example';
    const first = await admin.post('/api/v1/admin/invitations', { email, displayName: '森 健太', roles: ['employee'] });
    tick(1_000);
    const second = await admin.post('/api/v1/admin/invitations', { email, displayName: '森 健太', roles: ['hr'] });
    expect(second.statusCode).toBe(200);
    const list = await admin.get(`/api/v1/admin/invitations?q=${encodeURIComponent('kenta.mori')}`);
    expect(list.json().items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([
      [second.json().id, 'pending'],
      [first.json().id, 'revoked'],
    ]);
    const mails = (await outboxOf(admin)).filter((m) => m.to === email);
    const firstToken = tokenFrom(mails[mails.length - 1]!.text, 'invite');
    const secondToken = tokenFrom(mails[0]!.text, 'invite');
    expect((await admin.get(`/api/v1/invitations/lookup?token=${firstToken}`)).json().error.code).toBe(
      'auth/token_invalid',
    );

    const revoked = await admin.post(`/api/v1/admin/invitations/${second.json().id}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ status: 'revoked', abilities: { revoke: false } });
    expect((await admin.get(`/api/v1/invitations/lookup?token=${secondToken}`)).statusCode).toBe(400);
    const again = await admin.post(`/api/v1/admin/invitations/${second.json().id}/revoke`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invitations/not_pending');
    const revokedEvents = (await auditOf(ADMIN)).filter((e) => e.type === 'user.invitation_revoked');
    expect(revokedEvents.map((e) => e.subject_id)).toEqual([first.json().id, second.json().id]);
  });

  it('pages and exports the invitations', async () => {
    const page = await admin.get('/api/v1/admin/invitations?pageSize=1&page=2&order=asc');
    expect(page.json()).toMatchObject({ page: 2, pageSize: 1, total: 3 });
    expect(page.json().items).toHaveLength(1);
    const csv = await admin.get('/api/v1/admin/invitations?format=csv');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toMatch(/invitations-\d{8}\.csv/);
    expect(csv.body).toContain('メールアドレス');
    expect(csv.body).toContain('kenta.mori@minato-ceramics.example');
    const exported = (await auditOf(ADMIN)).filter((e) => e.type === 'user.list_exported');
    expect(exported.at(-1)?.payload).toEqual({ list: 'invitations', format: 'csv', rows: 3 });
  });

  it('hides other organisations’ invitations', async () => {
    const metiAdmin = await signIn('admin@meti.example');
    const own = await admin.get('/api/v1/admin/invitations');
    const id = own.json().items[0].id;
    const r = await metiAdmin.post(`/api/v1/admin/invitations/${id}/revoke`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('invitations/not_found');
    expect((await metiAdmin.get('/api/v1/admin/invitations')).json().total).toBe(0);
  });
});

describe('users admin', () => {
  it('lists the organisation’s users with the caller’s abilities, searchable and sorted', async () => {
    const r = await admin.get('/api/v1/admin/users?pageSize=100');
    expect(r.statusCode).toBe(200);
    const items = r.json().items as { email: string; abilities: Record<string, boolean>; roles: string[] }[];
    expect(items.map((u) => u.email)).toContain('hr@minato-ceramics.example');
    expect(items.every((u) => u.email.endsWith('@minato-ceramics.example'))).toBe(true);
    const self = items.find((u) => u.email === ADMIN)!;
    // The only admin may change roles (keeping admin) but cannot be disabled.
    expect(self.abilities).toEqual({ changeRoles: true, disable: false, unlock: false, resetSecondFactor: false });
    expect(items.find((u) => u.email === 'hr@minato-ceramics.example')!.abilities).toEqual({
      changeRoles: true,
      disable: true,
      unlock: false,
      resetSecondFactor: true,
    });
    const search = await admin.get(`/api/v1/admin/users?q=${encodeURIComponent('渡辺')}`);
    expect(search.json().items.map((u: { email: string }) => u.email)).toEqual(['hr@minato-ceramics.example']);
    const wildcard = await admin.get('/api/v1/admin/users?q=%25');
    expect(wildcard.json().total).toBe(0);
    const sorted = await admin.get('/api/v1/admin/users?sort=email&order=desc&pageSize=2');
    expect(sorted.json().items.map((u: { email: string }) => u.email)).toEqual([
      'tech@minato-ceramics.example',
      'officer@minato-ceramics.example',
    ]);
  });

  it('shows read-only abilities to a role with users:read only, and refuses one without it', async () => {
    const officer = await signIn('officer@minato-ceramics.example');
    const r = await officer.get('/api/v1/admin/users');
    expect(r.statusCode).toBe(200);
    expect(r.json().items[0].abilities).toEqual({
      changeRoles: false,
      disable: false,
      unlock: false,
      resetSecondFactor: false,
    });
    const hrId = await userId('hr@minato-ceramics.example');
    const patch = await officer.patch(`/api/v1/admin/users/${hrId}`, { roles: ['admin'] });
    expect(patch.statusCode).toBe(403);
    expect(patch.json().error).toMatchObject({ code: 'auth/forbidden', details: { permission: 'users:manage' } });
    const employee = await signIn('engineer@minato-ceramics.example');
    expect((await employee.get('/api/v1/admin/users')).statusCode).toBe(403);
    expect((await employee.get('/api/v1/admin/invitations')).statusCode).toBe(403);
    const invite = await employee.post('/api/v1/admin/invitations', {
      email: 'x3@minato-ceramics.example',
      displayName: 'X',
      roles: ['employee'],
    });
    expect(invite.statusCode).toBe(403);
  });

  it('requires a session for every admin route', async () => {
    const anonymous = await t.client();
    const id = await userId('hr@minato-ceramics.example');
    const responses = await Promise.all([
      anonymous.get('/api/v1/admin/users'),
      anonymous.get('/api/v1/admin/invitations'),
      anonymous.patch(`/api/v1/admin/users/${id}`, { status: 'disabled' }),
      anonymous.post(`/api/v1/admin/users/${id}/unlock`),
      anonymous.post(`/api/v1/admin/users/${id}/reset-second-factor`),
      anonymous.post('/api/v1/admin/invitations', { email: 'a@b.example', displayName: 'A', roles: ['hr'] }),
      anonymous.post(`/api/v1/admin/invitations/${id}/revoke`),
      anonymous.get('/api/v1/outbox'),
    ]);
    for (const r of responses) {
      expect(r.statusCode).toBe(401);
      expect(r.json().error.code).toBe('auth/unauthenticated');
    }
  });

  it('changes roles with an audited before and after; roles must exist for the organisation kind', async () => {
    const id = await userId('legal@minato-ceramics.example');
    const r = await admin.patch(`/api/v1/admin/users/${id}`, { roles: ['legal', 'executive_approver'] });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id, roles: ['legal', 'executive_approver'], status: 'active' });
    const event = (await auditOf(ADMIN)).filter((e) => e.type === 'user.roles_changed').at(-1);
    expect(event?.payload).toEqual({ from: ['legal'], to: ['legal', 'executive_approver'] });
    expect(event?.subject_id).toBe(id);
    const bad = await admin.patch(`/api/v1/admin/users/${id}`, { roles: ['auditor'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('users/invalid_role');
    const empty = await admin.patch(`/api/v1/admin/users/${id}`, {});
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty.json())).toEqual(['roles']);
    const dupe = await admin.patch(`/api/v1/admin/users/${id}`, { roles: ['legal', 'legal'] });
    expect(dupe.statusCode).toBe(400);
    const badId = await admin.patch('/api/v1/admin/users/not-a-uuid', { status: 'disabled' });
    expect(badId.statusCode).toBe(400);
    expect(fieldsOf(badId.json())).toEqual(['id']);
    const badStatus = await admin.patch(`/api/v1/admin/users/${id}`, { status: 'deleted' });
    expect(fieldsOf(badStatus.json())).toEqual(['status']);
  });

  it('keeps the last active admin: no removing their admin role, no disabling them, no disabling oneself', async () => {
    const adminId = await userId(ADMIN);
    const demote = await admin.patch(`/api/v1/admin/users/${adminId}`, { roles: ['security_officer'] });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.code).toBe('users/last_admin');
    const self = await admin.patch(`/api/v1/admin/users/${adminId}`, { status: 'disabled' });
    expect(self.json().error.code).toBe('users/cannot_disable_self');

    const officerId = await userId('officer@minato-ceramics.example');
    const promote = await admin.patch(`/api/v1/admin/users/${officerId}`, { roles: ['security_officer', 'admin'] });
    expect(promote.json().abilities.disable).toBe(true);
    const secondAdmin = await signIn('officer@minato-ceramics.example');
    // With two admins the other one may be disabled…
    const disable = await secondAdmin.patch(`/api/v1/admin/users/${adminId}`, { status: 'disabled' });
    expect(disable.statusCode).toBe(200);
    expect(disable.json().status).toBe('disabled');
    // …and their sessions end at once.
    expect((await admin.get('/api/v1/session')).statusCode).toBe(401);
    // Now the second admin is the last active one.
    const demoteLast = await secondAdmin.patch(`/api/v1/admin/users/${officerId}`, { roles: ['security_officer'] });
    expect(demoteLast.json().error).toMatchObject({ code: 'users/last_admin', details: { reason: 'remove_admin' } });
    const enable = await secondAdmin.patch(`/api/v1/admin/users/${adminId}`, { status: 'enabled' });
    expect(enable.statusCode).toBe(400);
    const enabled = await secondAdmin.patch(`/api/v1/admin/users/${adminId}`, { status: 'active' });
    expect(enabled.json().status).toBe('active');
    const types = (await auditOf(ADMIN)).map((e) => e.type);
    expect(types.filter((x) => x === 'user.disabled' || x === 'user.enabled')).toEqual([
      'user.disabled',
      'user.enabled',
    ]);
    // Restore a single admin for the rest of the file.
    admin = await signIn(ADMIN);
    const back = await admin.patch(`/api/v1/admin/users/${officerId}`, { roles: ['security_officer'] });
    expect(back.statusCode).toBe(200);
  });

  it('ends a disabled user’s sessions and refuses their sign-in until enabled again', async () => {
    const hr = await signIn('hr@minato-ceramics.example');
    const id = await userId('hr@minato-ceramics.example');
    await admin.patch(`/api/v1/admin/users/${id}`, { status: 'disabled' });
    expect((await hr.get('/api/v1/session')).statusCode).toBe(401);
    const c = await t.client();
    const r = await c.post('/api/v1/auth/sign-in', { email: 'hr@minato-ceramics.example', password: DEMO_PASSWORD });
    expect(r.json().error.code).toBe('auth/account_disabled');
    await admin.patch(`/api/v1/admin/users/${id}`, { status: 'active' });
    expect((await signIn('hr@minato-ceramics.example').then((x) => x.get('/api/v1/session'))).statusCode).toBe(200);
  });

  it('unlocks a user locked by failed sign-ins', async () => {
    const email = 'exec@minato-ceramics.example';
    const c = await t.client();
    for (let i = 0; i < 5; i++) await c.post('/api/v1/auth/sign-in', { email, password: 'not-the-password-1' });
    const id = await userId(email);
    const listed = await admin.get(`/api/v1/admin/users?q=${encodeURIComponent(email)}`);
    expect(listed.json().items[0].lockedUntil).not.toBeNull();
    expect(listed.json().items[0].abilities.unlock).toBe(true);
    const r = await admin.post(`/api/v1/admin/users/${id}/unlock`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ lockedUntil: null, abilities: { unlock: false } });
    const event = (await auditOf(ADMIN)).filter((e) => e.type === 'user.unlocked').at(-1);
    expect(event?.payload.failures).toBe(5);
    expect((await signIn(email).then((x) => x.get('/api/v1/session'))).statusCode).toBe(200);
    const again = await admin.post(`/api/v1/admin/users/${id}/unlock`);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('users/not_locked');
  });

  it('resets another user’s second factor so that they enrol again, and tells them by e-mail', async () => {
    const email = 'tech@minato-ceramics.example';
    const tech = await signIn(email);
    const id = await userId(email);
    const r = await admin.post(`/api/v1/admin/users/${id}/reset-second-factor`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ totpEnrolled: false, abilities: { resetSecondFactor: false } });
    expect((await tech.get('/api/v1/session')).statusCode).toBe(401);
    const c = await t.client();
    const again = await c.post('/api/v1/auth/sign-in', { email, password: DEMO_PASSWORD });
    expect(again.json()).toEqual({ next: 'enrol_second_factor' });
    const mail = (await outboxOf(admin)).find((m) => m.to === email);
    expect(mail?.subject).toBe('【Kakine】管理者が二要素認証をリセットしました');
    const twice = await admin.post(`/api/v1/admin/users/${id}/reset-second-factor`);
    expect(twice.json().error.code).toBe('users/second_factor_not_enrolled');
    const own = await admin.post(`/api/v1/admin/users/${await userId(ADMIN)}/reset-second-factor`);
    expect(own.statusCode).toBe(403);
  });

  it('exports users as CSV and XLSX, audited', async () => {
    const csv = await admin.get('/api/v1/admin/users?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe(
      '\uFEFF氏名,メールアドレス,ロール,状態,二要素認証,最終サインイン,ロック期限,登録日時,ユーザーID',
    );
    expect(csv.body).toContain('渡辺 由美,hr@minato-ceramics.example,人事担当,有効,あり');
    const xlsx = await admin.get('/api/v1/admin/users?format=xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const exported = (await auditOf(ADMIN)).filter(
      (e) => e.type === 'user.list_exported' && e.payload.list === 'users',
    );
    expect(exported.map((e) => e.payload.format)).toEqual(['csv', 'xlsx']);
  });

  it('hides users of other organisations: a company admin cannot see or change a METI user', async () => {
    const metiUser = await userId('case@meti.example');
    const patch = await admin.patch(`/api/v1/admin/users/${metiUser}`, { status: 'disabled' });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('users/not_found');
    expect((await admin.post(`/api/v1/admin/users/${metiUser}/unlock`)).statusCode).toBe(404);
    expect((await admin.post(`/api/v1/admin/users/${metiUser}/reset-second-factor`)).statusCode).toBe(404);
    const search = await admin.get('/api/v1/admin/users?q=meti');
    expect(search.json().total).toBe(0);
    const status = await t.db.system((tx) => tx.execute(sql`select status from users where id = ${metiUser}`));
    expect(status.rows[0]?.status).toBe('active');
  });
});

describe('demo outbox', () => {
  it('is refused to a role without outbox:read', async () => {
    const employee = await signIn('engineer@minato-ceramics.example');
    const r = await employee.get('/api/v1/outbox');
    expect(r.statusCode).toBe(403);
  });

  it('shows only the organisation’s own e-mails', async () => {
    const metiAdmin = await signIn('admin@meti.example');
    const own = await metiAdmin.get('/api/v1/outbox');
    expect(own.json().items.every((m: { to: string }) => !m.to.endsWith('@minato-ceramics.example'))).toBe(true);
    const companyTotal = (await admin.get('/api/v1/outbox')).json().total;
    expect(companyTotal).toBeGreaterThanOrEqual(4);
  });
});

describe('expiry', () => {
  it('lets an invitation expire after seven days', async () => {
    const email = 'late.comer@minato-ceramics.example';
    const r = await admin.post('/api/v1/admin/invitations', { email, displayName: 'Late', roles: ['employee'] });
    const mail = (await outboxOf(admin)).find((m) => m.to === email)!;
    const token = tokenFrom(mail.text, 'invite');
    tick(7 * 86_400_000 - 60_000);
    expect((await (await t.client()).get(`/api/v1/invitations/lookup?token=${token}`)).statusCode).toBe(200);
    tick(60_000);
    const c = await t.client();
    expect((await c.get(`/api/v1/invitations/lookup?token=${token}`)).json().error.code).toBe('auth/token_invalid');
    const accept = await c.post('/api/v1/invitations/accept', {
      token,
      displayName: 'Late',
      password: 'a-perfectly-fine-passphrase',
    });
    expect(accept.json().error.code).toBe('auth/token_invalid');
    const fresh = await signIn(ADMIN);
    const listed = await fresh.get('/api/v1/admin/invitations?status=expired');
    expect(listed.json().items.map((i: { email: string }) => i.email)).toEqual([email]);
    expect((await fresh.post(`/api/v1/admin/invitations/${r.json().id}/revoke`)).statusCode).toBe(409);
  });
});
