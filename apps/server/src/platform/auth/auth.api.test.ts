import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { DEMO_PASSWORD } from '../../modules/demo';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('sign-in with password and TOTP', () => {
  it('requires the second factor before the session is active, then rotates the session id', async () => {
    const c = await t.client();
    const first = await c.post('/api/v1/auth/sign-in', {
      email: 'officer@minato-ceramics.example',
      password: DEMO_PASSWORD,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ next: 'second_factor' });
    const pendingToken = c.cookies.get('kakine_session');
    const pending = await c.get('/api/v1/session');
    expect(pending.json().stage).toBe('second_factor');
    expect(pending.json().permissions).toEqual([]);

    const code = (await t.services.demo.accounts()).find(
      (a) => a.email === 'officer@minato-ceramics.example',
    )?.totpCode;
    const second = await c.post('/api/v1/auth/second-factor', { code });
    expect(second.json()).toEqual({ next: 'done' });
    expect(c.cookies.get('kakine_session')).not.toBe(pendingToken);
    const session = await c.get('/api/v1/session');
    expect(session.statusCode).toBe(200);
    expect(session.json().organisation.kind).toBe('company');
    expect(session.json().permissions).toContain('audit:read');
  });

  it('rejects a wrong password with a stable code in the caller language', async () => {
    const c = await t.client();
    const r = await c.request({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'hr@minato-ceramics.example', password: 'wrong-password-123' },
      headers: { 'accept-language': 'en' },
    });
    expect(r.statusCode).toBe(401);
    expect(r.json().error.code).toBe('auth/invalid_credentials');
  });

  it('rejects a state-changing request without the CSRF token', async () => {
    const c = await t.client();
    const r = await c.request({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'hr@minato-ceramics.example', password: DEMO_PASSWORD },
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('auth/csrf_failed');
  });

  it('names the invalid field of a bad body', async () => {
    const c = await t.client();
    const r = await c.post('/api/v1/auth/sign-in', { email: 'not-an-address', password: '' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request/invalid');
    expect(
      r
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['email', 'password']);
  });

  it('locks the account after five failures and records it in the audit trail', async () => {
    const c = await t.client();
    const attempt = () =>
      c.post('/api/v1/auth/sign-in', { email: 'legal@minato-ceramics.example', password: 'not-the-password-1' });
    for (let i = 0; i < 4; i++) expect((await attempt()).json().error.code).toBe('auth/invalid_credentials');
    expect((await attempt()).json().error.code).toBe('auth/account_locked');
    const right = await c.post('/api/v1/auth/sign-in', {
      email: 'legal@minato-ceramics.example',
      password: DEMO_PASSWORD,
    });
    expect(right.statusCode).toBe(423);
  });
});
