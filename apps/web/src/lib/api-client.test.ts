import { describe, expect, it, vi } from 'vitest';
import {
  ApiError,
  buildApiUrl,
  createApiClient,
  fieldErrorMap,
  isApiError,
  NETWORK_ERROR_CODE,
  UNEXPECTED_RESPONSE_CODE,
} from './api-client';

type Call = { url: string; init: RequestInit };

/** A fake fetch that answers from a script of responses (by method and path) and records every call. */
const fakeFetch = (handler: (url: string, init: RequestInit) => Response | Promise<Response>) => {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    calls.push({ url, init });
    return handler(url, init);
  });
  return { fetch: fn as unknown as typeof fetch, calls };
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const header = (call: Call | undefined, name: string) =>
  (call?.init.headers as Record<string, string> | undefined)?.[name];

const client = (handler: Parameters<typeof fakeFetch>[0], language = 'ja') => {
  const fake = fakeFetch(handler);
  const api = createApiClient({
    fetch: fake.fetch,
    getLanguage: () => language,
    messages: { network: () => 'NETWORK', unexpected: () => 'UNEXPECTED' },
  });
  return { api, calls: fake.calls };
};

describe('API errors', () => {
  it('turns the error shape into an ApiError with the server message and code', async () => {
    const { api } = client(() =>
      json(401, {
        error: { code: 'auth/invalid_credentials', message: 'メールアドレスまたはパスワードが正しくありません。' },
      }),
    );
    const error = await api.get('/anything').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 401,
      code: 'auth/invalid_credentials',
      message: 'メールアドレスまたはパスワードが正しくありません。',
    });
  });

  it('exposes field errors of request/invalid, keyed by top-level field', async () => {
    const { api } = client(() =>
      json(400, {
        error: {
          code: 'request/invalid',
          message: '入力内容に誤りがあります。',
          details: {
            fields: [
              { path: 'email', message: 'メールアドレスの形式が正しくありません。' },
              { path: 'body.roles.0', message: 'この組織では使えないロールです。' },
              { path: ['displayName'], message: '入力してください。' },
              { path: 'email', message: 'second message for the same field' },
              { path: 'ignored' },
            ],
          },
        },
      }),
    );
    const error = await api.post('/admin/invitations', {}).catch((e: unknown) => e);
    expect(isApiError(error, 'request/invalid')).toBe(true);
    expect(fieldErrorMap(error)).toEqual({
      email: 'メールアドレスの形式が正しくありません。',
      roles: 'この組織では使えないロールです。',
      displayName: '入力してください。',
    });
  });

  it('has no field errors for other codes or non-API errors', () => {
    expect(fieldErrorMap(new ApiError(403, 'auth/forbidden', 'x', { fields: [{ path: 'a', message: 'b' }] }))).toEqual(
      {},
    );
    expect(fieldErrorMap(new Error('boom'))).toEqual({});
    expect(fieldErrorMap(undefined)).toEqual({});
  });

  it('falls back to the bilingual contract message when the server sends none', async () => {
    const ja = client(() => json(403, { error: { code: 'auth/forbidden', message: '' } }), 'ja');
    await expect(ja.api.get('/x')).rejects.toMatchObject({ message: 'この操作を行う権限がありません。' });
    const en = client(() => json(403, { error: { code: 'auth/forbidden' } }), 'en');
    await expect(en.api.get('/x')).rejects.toMatchObject({ message: 'You do not have permission to do this.' });
  });

  it('uses the generic message for unknown codes without a message', async () => {
    const { api } = client(() => json(418, { error: { code: 'teapot/short_and_stout' } }));
    await expect(api.get('/x')).rejects.toMatchObject({ code: 'teapot/short_and_stout', message: 'UNEXPECTED' });
  });

  it('never shows an HTML error page or stack trace: non-JSON failures get the generic message', async () => {
    const { api } = client(() => new Response('<html>502 Bad Gateway</html>', { status: 502 }));
    await expect(api.get('/x')).rejects.toMatchObject({ status: 502, code: 'server/internal', message: 'UNEXPECTED' });
    const other = client(() => new Response('nope', { status: 404 }));
    await expect(other.api.get('/x')).rejects.toMatchObject({ code: UNEXPECTED_RESPONSE_CODE, message: 'UNEXPECTED' });
  });

  it('reports an unreachable server as a network error', async () => {
    const { api } = client(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/x')).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR_CODE, message: 'NETWORK' });
  });

  it('lets aborts through unchanged', async () => {
    const { api } = client(() => {
      throw new DOMException('aborted', 'AbortError');
    });
    await expect(api.get('/x')).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('rejects a successful response whose body is not JSON', async () => {
    const { api } = client(() => new Response('<html>', { status: 200 }));
    await expect(api.get('/x')).rejects.toMatchObject({ code: UNEXPECTED_RESPONSE_CODE });
  });
});

describe('requests', () => {
  it('sends JSON with Accept-Language and same-origin cookies', async () => {
    const { api, calls } = client(() => json(200, { ok: true }), 'en');
    api.setCsrfToken('token-1');
    await api.post('/auth/sign-in', { email: 'a@example.jp', password: 'p' });
    const call = calls[0];
    expect(call?.url).toBe('/api/v1/auth/sign-in');
    expect(call?.init.method).toBe('POST');
    expect(call?.init.credentials).toBe('same-origin');
    expect(header(call, 'Content-Type')).toBe('application/json');
    expect(header(call, 'Accept-Language')).toBe('en');
    expect(JSON.parse(String(call?.init.body))).toEqual({ email: 'a@example.jp', password: 'p' });
  });

  it('returns undefined for an empty successful response', async () => {
    const { api } = client(() => new Response(null, { status: 204 }));
    api.setCsrfToken('t');
    await expect(api.post('/notifications/read-all')).resolves.toBeUndefined();
  });

  it('leaves out empty query parameters', () => {
    expect(buildApiUrl('/audit/events', { page: 2, type: '', actorUserId: undefined, to: null, ok: false })).toBe(
      '/api/v1/audit/events?page=2&ok=false',
    );
    expect(buildApiUrl('/session')).toBe('/api/v1/session');
  });

  it('sends multipart bodies without forcing a content type', async () => {
    const { api, calls } = client(() => json(200, { jobId: 'j1' }));
    api.setCsrfToken('t');
    const form = new FormData();
    form.set('label', 'v1');
    await api.post('/catalogues/countries/versions', form);
    expect(calls[0]?.init.body).toBe(form);
    expect(header(calls[0], 'Content-Type')).toBeUndefined();
  });
});

describe('CSRF protection', () => {
  it('fetches a token from GET /session (signed out: error.details.csrfToken) before the first state change', async () => {
    const { api, calls } = client((url, init) => {
      if (url === '/api/v1/session')
        return json(401, {
          error: { code: 'auth/unauthenticated', message: 'x', details: { csrfToken: 'pre-session' } },
        });
      if (init.method === 'POST') return json(200, { next: 'done' });
      return json(404, {});
    });
    await api.post('/auth/sign-in', { email: 'a@example.jp', password: 'p' });
    expect(calls.map((c) => `${c.init.method} ${c.url}`)).toEqual(['GET /api/v1/session', 'POST /api/v1/auth/sign-in']);
    expect(header(calls[1], 'x-csrf-token')).toBe('pre-session');
  });

  it('remembers the token from a signed-in session response and sends it on every state change, not on reads', async () => {
    const { api, calls } = client((url) =>
      url === '/api/v1/session' ? json(200, { csrfToken: 'session-token', user: {} }) : json(200, {}),
    );
    await api.get('/session');
    await api.get('/notifications');
    await api.patch('/account/preferences', { locale: 'en' });
    expect(header(calls[1], 'x-csrf-token')).toBeUndefined();
    expect(header(calls[2], 'x-csrf-token')).toBe('session-token');
    expect(calls).toHaveLength(3);
  });

  it('refreshes the token and retries once after auth/csrf_failed', async () => {
    let posts = 0;
    const { api, calls } = client((url, init) => {
      if (url === '/api/v1/session') return json(200, { csrfToken: 'fresh' });
      posts += 1;
      const token = (init.headers as Record<string, string>)['x-csrf-token'];
      return token === 'fresh'
        ? json(200, { ok: true })
        : json(403, { error: { code: 'auth/csrf_failed', message: 'セキュリティトークンが無効です。' } });
    });
    api.setCsrfToken('stale');
    await expect(api.post('/auth/sign-out', { everywhere: false })).resolves.toEqual({ ok: true });
    expect(posts).toBe(2);
    expect(calls.map((c) => c.url)).toEqual(['/api/v1/auth/sign-out', '/api/v1/session', '/api/v1/auth/sign-out']);
  });

  it('gives up after one retry and reports the CSRF error', async () => {
    const { api } = client((url) =>
      url === '/api/v1/session'
        ? json(200, { csrfToken: 'still-bad' })
        : json(403, { error: { code: 'auth/csrf_failed', message: 'セキュリティトークンが無効です。' } }),
    );
    api.setCsrfToken('stale');
    await expect(api.post('/x')).rejects.toMatchObject({ code: 'auth/csrf_failed' });
  });
});
