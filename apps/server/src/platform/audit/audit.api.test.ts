import { AUDIT_EVENT_TYPES } from '@kakine/contracts';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';
import { users } from '../auth/auth.schema';

let t: TestApp;
let admin: TestClient;
let employee: TestClient;
let legal: TestClient;
let metiAdmin: TestClient;
let anonymous: TestClient;

const CSV_HEADER_JA =
  '連番,日時（日本時間）,日時（ISO 8601）,種別,内容,実行者,実行者ID,対象種別,対象ID,詳細（JSON）,IPアドレス,イベントID,ハッシュ,直前のハッシュ';

const fieldsOf = (body: { error: { details: { fields: { path: string }[] } } }) =>
  body.error.details.fields.map((f) => f.path);

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.signIn('admin@minato-ceramics.example');
  employee = await t.signIn('engineer@minato-ceramics.example');
  legal = await t.signIn('legal@minato-ceramics.example');
  metiAdmin = await t.signIn('admin@meti.example');
  anonymous = await t.client();
});
afterAll(async () => {
  await t?.close();
});

describe('GET /audit/events', () => {
  it('lists the organisation’s events newest first with paging', async () => {
    const r = await admin.get('/api/v1/audit/events?pageSize=2');
    expect(r.statusCode).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ page: 1, pageSize: 2 });
    expect(body.total).toBeGreaterThanOrEqual(4);
    expect(body.items).toHaveLength(2);
    expect(body.items[0].seq).toBe(body.total);
    expect(body.items[1].seq).toBe(body.total - 1);
    expect(Object.keys(body.items[0]).sort()).toEqual(
      [
        'seq',
        'id',
        'occurredAt',
        'type',
        'actorUserId',
        'actorLabel',
        'subjectType',
        'subjectId',
        'payload',
        'ip',
        'hash',
        'prevHash',
      ].sort(),
    );
    const oldest = (await admin.get('/api/v1/audit/events?order=asc&pageSize=1')).json();
    expect(oldest.items[0]).toMatchObject({ seq: 1, type: 'organisation.created' });
  });

  it('filters by type and by group', async () => {
    const signedIn = (await admin.get('/api/v1/audit/events?type=auth.signed_in&pageSize=500')).json();
    expect(signedIn.total).toBeGreaterThanOrEqual(3);
    expect(signedIn.items.every((e: { type: string }) => e.type === 'auth.signed_in')).toBe(true);
    const group = (await admin.get('/api/v1/audit/events?type=auth.&pageSize=500')).json();
    expect(group.total).toBeGreaterThanOrEqual(signedIn.total);
    expect(group.items.every((e: { type: string }) => e.type.startsWith('auth.'))).toBe(true);
  });

  it('rejects an unknown session with 401 and a role without audit:read with 403', async () => {
    const none = await anonymous.get('/api/v1/audit/events');
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('auth/unauthenticated');
    const forbidden = await employee.get('/api/v1/audit/events');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('auth/forbidden');
  });

  it.each([
    ['from=2025-13-01', 'from'],
    ['to=yesterday', 'to'],
    ['from=2025-06-09T14:03:21', 'from'],
    ['from=2025-06-10&to=2025-06-09', 'to'],
    ['type=bogus.type', 'type'],
    ['type=auth', 'type'],
    ['actorUserId=42', 'actorUserId'],
    ['pageSize=0', 'pageSize'],
    ['order=random', 'order'],
    ['format=pdf', 'format'],
  ])('rejects %s with 400 naming %s', async (query, field) => {
    const r = await admin.get(`/api/v1/audit/events?${query}`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request/invalid');
    expect(fieldsOf(r.json())).toEqual([field]);
  });

  it('accepts dates and date-times with an offset', async () => {
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    const day = (await admin.get(`/api/v1/audit/events?from=${today}&to=${today}&order=asc&pageSize=1`)).json();
    expect(day.total).toBeGreaterThan(0);
    const instant = encodeURIComponent('2000-01-01T09:00:00+09:00');
    expect((await admin.get(`/api/v1/audit/events?to=${instant}`)).json().total).toBe(0);
  });

  it('shows a METI admin none of the company’s events', async () => {
    const company = (await admin.get('/api/v1/audit/events?pageSize=500')).json();
    const meti = (await metiAdmin.get('/api/v1/audit/events?pageSize=500')).json();
    expect(meti.total).toBeGreaterThan(0);
    const companyIds = new Set(company.items.map((e: { id: string }) => e.id));
    expect(meti.items.some((e: { id: string }) => companyIds.has(e.id))).toBe(false);
    expect(meti.items.some((e: { actorLabel: string }) => e.actorLabel.includes('minato-ceramics'))).toBe(false);
    const searched = (await metiAdmin.get('/api/v1/audit/events?q=minato-ceramics')).json();
    expect(searched.total).toBe(0);
  });
});

describe('GET /audit/events?format=csv|xlsx', () => {
  it('downloads CSV with the Japanese header row and records the export', async () => {
    const r = await admin.get('/api/v1/audit/events?format=csv&type=organisation.created');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="audit-events-\d{8}\.csv"$/);
    const lines = r.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER_JA);
    expect(lines[1]).toMatch(
      /^1,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{4}-\d{2}-\d{2}T[\d:.]+Z,organisation\.created,組織の作成,/,
    );
    const recorded = (await admin.get('/api/v1/audit/events?type=audit.exported&pageSize=1')).json();
    expect(recorded.items[0].payload).toEqual({
      format: 'csv',
      rows: 1,
      filters: { type: 'organisation.created', order: 'desc' },
    });
  });

  it('downloads XLSX with the header row in the user’s language', async () => {
    await t.db.system((tx) => tx.update(users).set({ locale: 'en' }).where(eq(users.email, 'admin@meti.example')));
    const r = await metiAdmin.get('/api/v1/audit/events?format=xlsx&order=asc');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="audit-events-\d{8}\.xlsx"$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Seq',
      'Time (JST)',
      'Time (ISO 8601)',
      'Type',
      'Event',
      'Actor',
      'Actor ID',
      'Subject type',
      'Subject ID',
      'Payload (JSON)',
      'IP address',
      'Event ID',
      'Hash',
      'Previous hash',
    ]);
    const first = (sheet.getRow(2).values as unknown[]).slice(1);
    expect(first.slice(0, 5)).toEqual([
      1,
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      expect.any(String),
      'organisation.created',
      'Organisation created',
    ]);
    expect(JSON.parse(first[9] as string)).toMatchObject({ kind: 'meti' });
  });

  it('needs audit:export as well as audit:read', async () => {
    expect((await legal.get('/api/v1/audit/events')).statusCode).toBe(200);
    const r = await legal.get('/api/v1/audit/events?format=csv');
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'auth/forbidden', details: { permission: 'audit:export' } });
    expect((await anonymous.get('/api/v1/audit/events?format=csv')).statusCode).toBe(401);
  });
});

describe('GET /audit/events/:seq', () => {
  it('returns one event of the caller’s own chain', async () => {
    const company = (await admin.get('/api/v1/audit/events/1')).json();
    const meti = (await metiAdmin.get('/api/v1/audit/events/1')).json();
    expect(company).toMatchObject({ seq: 1, type: 'organisation.created', payload: { kind: 'company' } });
    expect(meti).toMatchObject({ seq: 1, type: 'organisation.created', payload: { kind: 'meti' } });
    expect(meti.id).not.toBe(company.id);
  });

  it('answers 404, 400, 403 and 401 as it should', async () => {
    const missing = await admin.get('/api/v1/audit/events/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('audit/not_found');
    const bad = await admin.get('/api/v1/audit/events/abc');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(['seq']);
    expect((await employee.get('/api/v1/audit/events/1')).statusCode).toBe(403);
    expect((await anonymous.get('/api/v1/audit/events/1')).statusCode).toBe(401);
  });
});

describe('GET /audit/event-types', () => {
  it('lists every event type with its labels', async () => {
    const r = await admin.get('/api/v1/audit/event-types');
    expect(r.statusCode).toBe(200);
    expect(r.json().map((e: { type: string }) => e.type)).toEqual(AUDIT_EVENT_TYPES);
    expect(r.json()).toContainEqual({
      type: 'audit.verified',
      labelJa: '監査証跡の検証',
      labelEn: 'Audit trail verified',
    });
  });

  it('needs a session and audit:read', async () => {
    expect((await anonymous.get('/api/v1/audit/event-types')).statusCode).toBe(401);
    expect((await employee.get('/api/v1/audit/event-types')).statusCode).toBe(403);
  });
});

describe('POST /audit/verify', () => {
  it('verifies the chain and records who did', async () => {
    const before = (await admin.get('/api/v1/audit/events?pageSize=1')).json();
    const r = await admin.post('/api/v1/audit/verify');
    expect(r.statusCode).toBe(200);
    const result = r.json();
    expect(result).toMatchObject({ intact: true, checked: before.total, firstBroken: null });
    expect(result.head).toEqual({ seq: before.items[0].seq, hash: before.items[0].hash });
    expect(Number.isNaN(Date.parse(result.verifiedAt))).toBe(false);
    // The web client posts without a body.
    const bare = await admin.request({ method: 'POST', url: '/api/v1/audit/verify' });
    expect(bare.statusCode).toBe(200);
    expect(bare.json().checked).toBe(before.total + 1);
    const after = (await admin.get('/api/v1/audit/events?pageSize=2')).json();
    expect(after.items[1]).toMatchObject({
      seq: before.total + 1,
      type: 'audit.verified',
      actorLabel: expect.stringContaining('admin@minato-ceramics.example'),
      payload: { intact: true, checked: before.total, firstBrokenSeq: null },
    });
  });

  it('needs a session, audit:verify and the CSRF token', async () => {
    expect((await anonymous.post('/api/v1/audit/verify')).statusCode).toBe(401);
    const forbidden = await employee.post('/api/v1/audit/verify');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('auth/forbidden');
    expect((await legal.post('/api/v1/audit/verify')).statusCode).toBe(403);
    const forged = await admin.request({
      method: 'POST',
      url: '/api/v1/audit/verify',
      payload: {},
      headers: { 'x-csrf-token': 'forged' },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('auth/csrf_failed');
  });
});
