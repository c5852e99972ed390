import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchSessionState } from './session';

const respond = (status: number, body: unknown) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })),
  );

const session = (stage: string) => ({
  user: { id: 'u', email: 'a@example.jp', displayName: 'A', roles: ['admin'], locale: 'ja', totpEnrolled: true },
  organisation: { id: 'o', kind: 'company', nameJa: '会社', nameEn: 'Company' },
  stage,
  permissions: stage === 'active' ? ['audit:read'] : [],
  csrfToken: 't',
  demo: false,
  unreadNotifications: 0,
});

afterEach(() => vi.unstubAllGlobals());

describe('session state', () => {
  it('is signed in with an active session', async () => {
    respond(200, session('active'));
    await expect(fetchSessionState()).resolves.toMatchObject({ status: 'signed_in' });
  });

  it('treats a session waiting for its second factor or enrolment as not yet signed in', async () => {
    respond(200, session('second_factor'));
    await expect(fetchSessionState()).resolves.toEqual({ status: 'signed_out', code: 'auth/second_factor_required' });
    respond(200, session('enrolment'));
    await expect(fetchSessionState()).resolves.toEqual({ status: 'signed_out', code: 'auth/enrolment_required' });
  });

  it('is signed out on 401', async () => {
    respond(401, {
      error: { code: 'auth/unauthenticated', message: 'サインインしてください。', details: { csrfToken: 'x' } },
    });
    await expect(fetchSessionState()).resolves.toEqual({ status: 'signed_out', code: 'auth/unauthenticated' });
  });

  it('reports other failures as errors (for example, the server is down)', async () => {
    respond(503, { error: { code: 'server/unavailable', message: 'サービスを一時的に利用できません。' } });
    await expect(fetchSessionState()).rejects.toMatchObject({ code: 'server/unavailable' });
  });
});
