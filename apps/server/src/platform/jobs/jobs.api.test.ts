import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { AppError } from '../errors/app-error';

let t: TestApp;
// A TOTP code is accepted once, so each demo user signs in once per file and the session is reused.
const signedIn = new Map<string, TestClient>();
const signIn = async (email: string): Promise<TestClient> => {
  const existing = signedIn.get(email);
  if (existing) return existing;
  const session = await t.signIn(email);
  signedIn.set(email, session);
  return session;
};
const tenantOf = async (email: string) => {
  const session = await signIn(email);
  const me = (await session.get('/api/v1/session')).json();
  return { session, tenantId: me.organisation.id as string, userId: me.user.id as string };
};

beforeAll(async () => {
  t = await createTestApp();
  t.services.jobs.register<{ rows: number }>('test.import', async (context, input) => {
    await context.progress(input.rows, input.rows);
    return { imported: input.rows };
  });
  t.services.jobs.register('test.broken', async () => {
    throw new AppError('catalogue/invalid_file', { row: 7 });
  });
});
afterAll(async () => {
  await t?.close();
});

describe('GET /jobs/:id', () => {
  it('shows the creator their run with progress and result, even without jobs:read', async () => {
    const engineer = await tenantOf('engineer@minato-ceramics.example');
    const id = await t.services.jobs.enqueue(engineer, 'test.import', { rows: 12 });
    const queued = await engineer.session.get(`/api/v1/jobs/${id}`);
    expect(queued.statusCode).toBe(200);
    expect(queued.json()).toMatchObject({ id, kind: 'test.import', status: 'queued', progressDone: 0 });
    await t.services.jobs.drain();
    const done = await engineer.session.get(`/api/v1/jobs/${id}`);
    expect(done.json()).toMatchObject({
      status: 'succeeded',
      progressDone: 12,
      progressTotal: 12,
      result: { imported: 12 },
      errorCode: null,
      errorMessage: null,
    });
    expect(Object.keys(done.json()).sort()).toEqual(
      [
        'createdAt',
        'errorCode',
        'errorDetails',
        'errorMessage',
        'finishedAt',
        'id',
        'kind',
        'progressDone',
        'progressTotal',
        'result',
        'startedAt',
        'status',
      ].sort(),
    );
  });

  it('hides a colleague’s run from a user without jobs:read, and shows it to one with it', async () => {
    const engineer = await tenantOf('engineer@minato-ceramics.example');
    const id = await t.services.jobs.enqueue({ tenantId: engineer.tenantId, userId: null }, 'test.import', { rows: 1 });
    const hidden = await engineer.session.get(`/api/v1/jobs/${id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.code).toBe('jobs/not_found');
    const officer = await signIn('officer@minato-ceramics.example');
    expect((await officer.get(`/api/v1/jobs/${id}`)).statusCode).toBe(200);
  });

  it('answers 404 to another organisation, even to its admin', async () => {
    const engineer = await tenantOf('engineer@minato-ceramics.example');
    const id = await t.services.jobs.enqueue(engineer, 'test.import', { rows: 1 });
    const meti = await signIn('admin@meti.example');
    const r = await meti.get(`/api/v1/jobs/${id}`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('jobs/not_found');
  });

  it('reports a failed run with its code and a message in the caller language', async () => {
    const admin = await tenantOf('admin@minato-ceramics.example');
    const id = await t.services.jobs.enqueue(admin, 'test.broken', {});
    await t.services.jobs.drain();
    const r = await admin.session.request({
      method: 'GET',
      url: `/api/v1/jobs/${id}`,
      headers: { 'accept-language': 'en' },
    });
    expect(r.json()).toMatchObject({
      status: 'failed',
      errorCode: 'catalogue/invalid_file',
      errorMessage: 'カタログファイルを読み込めません。',
      errorDetails: { row: 7 },
    });
  });

  it('needs a session and a valid id', async () => {
    const anonymous = await t.client();
    expect((await anonymous.get('/api/v1/jobs/00000000-0000-4000-8000-000000000000')).statusCode).toBe(401);
    const admin = await signIn('admin@minato-ceramics.example');
    const bad = await admin.get('/api/v1/jobs/not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('request/invalid');
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['id']);
  });
});

describe('GET /jobs', () => {
  it('lists the organisation’s runs for holders of jobs:read, filtered and paged', async () => {
    const admin = await tenantOf('admin@minato-ceramics.example');
    const r = await admin.session.get('/api/v1/jobs?status=failed&pageSize=1');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ page: 1, pageSize: 1, total: 1 });
    expect(body.items[0]).toMatchObject({ kind: 'test.broken', status: 'failed' });
    const all = (await admin.session.get('/api/v1/jobs?kind=test.import&order=asc')).json();
    expect(all.total).toBe(3);
    expect(all.items.every((i: { kind: string }) => i.kind === 'test.import')).toBe(true);
    const meti = await signIn('admin@meti.example');
    expect((await meti.get('/api/v1/jobs')).json().total).toBe(0);
  });

  it('exports the list as CSV', async () => {
    const admin = await signIn('admin@minato-ceramics.example');
    const r = await admin.get('/api/v1/jobs?format=csv&status=failed');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    expect(r.body).toContain('test.broken');
    expect(r.body).toContain('失敗');
  });

  it('refuses users without jobs:read and names a bad filter', async () => {
    const employee = await signIn('engineer@minato-ceramics.example');
    const forbidden = await employee.get('/api/v1/jobs');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('auth/forbidden');
    expect((await (await t.client()).get('/api/v1/jobs')).statusCode).toBe(401);
    const admin = await signIn('admin@minato-ceramics.example');
    const bad = await admin.get('/api/v1/jobs?status=done&pageSize=0');
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['pageSize', 'status']);
  });
});
