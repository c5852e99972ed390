import { createHash } from 'node:crypto';
import { FILE_CONTENT_TYPES } from '@kakine/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, signInOnce } from '../../../test/fixtures';
import { createTestApp, type TestApp, type TestClient } from '../../../test/test-app';

let t: TestApp;
let xlsx: Buffer;
// A TOTP code is accepted once, so each demo user signs in once per file and the session is reused.
const signIn = signInOnce(() => t);

const uploadAs = (client: TestClient, fields: Record<string, string>, file?: Parameters<typeof multipart>[1]) =>
  client.request({ method: 'POST', url: '/api/v1/files', ...multipart(fields, file) });

beforeAll(async () => {
  t = await createTestApp({ env: { UPLOAD_LIMIT_MB: '1' } });
  t.services.files.registerFileAccess('test_record', async (_actor, recordId) => recordId !== 'secret');
  t.services.files.registerFileUpload('test_record', {
    allowedTypes: [FILE_CONTENT_TYPES.xlsx, FILE_CONTENT_TYPES.pdf, FILE_CONTENT_TYPES.csv],
    canUpload: async (_actor, recordId) => recordId !== 'closed',
  });
  t.services.files.registerFileUpload('write_only', {
    allowedTypes: [FILE_CONTENT_TYPES.csv],
    canUpload: async () => true,
  });
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('台帳').addRow(['技術名', '区分']);
  xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
});
afterAll(async () => {
  await t?.close();
});

describe('POST /files', () => {
  it('stores an upload for a record type that accepts it and reports its hash', async () => {
    const admin = await signIn('admin@minato-ceramics.example');
    const r = await uploadAs(
      admin,
      { recordType: 'test_record', recordId: 'R-1' },
      { name: '技術台帳 2026.xlsx', bytes: xlsx },
    );
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      name: '技術台帳 2026.xlsx',
      contentType: FILE_CONTENT_TYPES.xlsx,
      size: xlsx.length,
      sha256: createHash('sha256').update(xlsx).digest('hex'),
      recordType: 'test_record',
      recordId: 'R-1',
    });
    expect(r.json().uploadedBy).toBe((await admin.get('/api/v1/session')).json().user.id);
  });

  it('refuses a type the record does not accept, naming what was detected', async () => {
    const admin = await signIn('admin@minato-ceramics.example');
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const r = await uploadAs(
      admin,
      { recordType: 'test_record', recordId: 'R-1' },
      { name: 'ledger.xlsx', bytes: png },
    );
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe('request/unsupported_media_type');
    expect(r.json().error.details.detected).toBe('image/png');
  });

  it('refuses an upload over the size limit', async () => {
    const admin = await signIn('admin@minato-ceramics.example');
    const big = Buffer.alloc(1024 * 1024 + 1, 0x61);
    const r = await uploadAs(admin, { recordType: 'test_record', recordId: 'R-1' }, { name: 'big.csv', bytes: big });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('request/too_large');
  });

  it('names missing or bad fields and a missing file', async () => {
    const admin = await signIn('admin@minato-ceramics.example');
    const r = await uploadAs(admin, { recordType: 'Not A Type' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('request/invalid');
    expect(
      r
        .json()
        .error.details.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['file', 'recordId', 'recordType']);
    const json = await admin.post('/api/v1/files', { recordType: 'test_record', recordId: 'R-1' });
    expect(json.statusCode).toBe(415);
  });

  it('refuses record types without an upload policy and records the policy refuses', async () => {
    const admin = await signIn('admin@minato-ceramics.example');
    const file = { name: 'a.csv', bytes: Buffer.from('a,b\n') };
    const unknown = await uploadAs(admin, { recordType: 'deal', recordId: 'D-1' }, file);
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('files/unknown_record_type');
    const closed = await uploadAs(admin, { recordType: 'test_record', recordId: 'closed' }, file);
    expect(closed.statusCode).toBe(403);
  });

  it('needs files:upload and a session', async () => {
    const employee = await signIn('engineer@minato-ceramics.example');
    const file = { name: 'a.csv', bytes: Buffer.from('a,b\n') };
    const r = await uploadAs(employee, { recordType: 'test_record', recordId: 'R-1' }, file);
    expect(r.statusCode).toBe(403);
    expect(r.json().error).toMatchObject({ code: 'auth/forbidden', details: { permission: 'files:upload' } });
    const anonymous = await t.client();
    expect((await uploadAs(anonymous, { recordType: 'test_record', recordId: 'R-1' }, file)).statusCode).toBe(401);
  });
});

describe('GET /files/:id', () => {
  it('streams the file with a safe download header and records the download', async () => {
    const admin = await signIn('admin@minato-ceramics.example');
    const uploaded = (
      await uploadAs(admin, { recordType: 'test_record', recordId: 'R-2' }, { name: '技術台帳.xlsx', bytes: xlsx })
    ).json();
    const colleague = await signIn('engineer@minato-ceramics.example');
    const r = await colleague.get(`/api/v1/files/${uploaded.id}`);
    expect(r.statusCode).toBe(200);
    expect(r.rawPayload.equals(xlsx)).toBe(true);
    expect(r.headers['content-type']).toBe(FILE_CONTENT_TYPES.xlsx);
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['content-disposition']).toBe(
      'attachment; filename="____.xlsx"; filename*=UTF-8\'\'%E6%8A%80%E8%A1%93%E5%8F%B0%E5%B8%B3.xlsx',
    );
    expect(r.headers['cache-control']).toBe('private, no-store');
    const events = await t.db.system((tx) =>
      tx.execute(sql`select payload from audit_events where type = 'file.downloaded'`),
    );
    expect(events.rows.map((e) => (e.payload as { fileId: string }).fileId)).toContain(uploaded.id);
  });

  it('answers 404 to another organisation, for records the caller may not see and for unregistered types', async () => {
    const admin = await signIn('admin@minato-ceramics.example');
    const file = { name: 'a.csv', bytes: Buffer.from('技術,1\n') };
    const visible = (await uploadAs(admin, { recordType: 'test_record', recordId: 'R-3' }, file)).json();
    const secret = (await uploadAs(admin, { recordType: 'test_record', recordId: 'secret' }, file)).json();
    const writeOnly = (await uploadAs(admin, { recordType: 'write_only', recordId: 'W-1' }, file)).json();
    const meti = await signIn('admin@meti.example');
    for (const [client, id] of [
      [meti, visible.id],
      [admin, secret.id],
      [admin, writeOnly.id],
    ] as const) {
      const r = await client.get(`/api/v1/files/${id}`);
      expect(r.statusCode).toBe(404);
      expect(r.json().error.code).toBe('files/not_found');
    }
    expect((await admin.get(`/api/v1/files/${visible.id}`)).statusCode).toBe(200);
  });

  it('needs a session and a valid id', async () => {
    expect((await (await t.client()).get('/api/v1/files/00000000-0000-4000-8000-000000000000')).statusCode).toBe(401);
    const admin = await signIn('admin@minato-ceramics.example');
    const bad = await admin.get('/api/v1/files/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['id']);
  });
});

describe('GET /files', () => {
  it('lists every version attached to a record the caller may see', async () => {
    const admin = await signIn('admin@minato-ceramics.example');
    await uploadAs(
      admin,
      { recordType: 'test_record', recordId: 'R-4' },
      { name: 'v.csv', bytes: Buffer.from('v,1\n') },
    );
    await uploadAs(
      admin,
      { recordType: 'test_record', recordId: 'R-4' },
      { name: 'v.csv', bytes: Buffer.from('v,2\n') },
    );
    const r = await admin.get('/api/v1/files?recordType=test_record&recordId=R-4&order=asc');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ total: 2, page: 1 });
    expect(r.json().items.map((f: { name: string; size: number }) => f.name)).toEqual(['v.csv', 'v.csv']);
    const meti = await signIn('admin@meti.example');
    expect((await meti.get('/api/v1/files?recordType=test_record&recordId=R-4')).json().total).toBe(0);
    expect((await admin.get('/api/v1/files?recordType=test_record&recordId=secret')).statusCode).toBe(403);
    expect((await admin.get('/api/v1/files?recordType=deal&recordId=D-1')).statusCode).toBe(422);
    const missing = await admin.get('/api/v1/files?recordType=test_record');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['recordId']);
  });
});
