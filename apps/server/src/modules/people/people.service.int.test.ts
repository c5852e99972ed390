import { randomUUID } from 'node:crypto';
import type { PersonInput } from '@kakine/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf, createSeededServices, actorFor as seededActor } from '../../../test/fixtures';
import type { Actor } from '../../platform/actor/actor';
import type { Database, Tx } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import { encodeShiftJis } from '../../platform/tabular/shift-jis.testing';
import { tokyoDate } from '../register/register.rules';
import { createPeopleService, type PeopleService } from './people.service';

let db: Database;
let officer: Actor;
let hr: Actor;
let otherHr: Actor;
/** Calls of the onPeopleChanged hook: the ids, and the statuses the hook saw inside the transaction. */
const hookCalls: { ids: string[]; statuses: string[] }[] = [];
let people: PeopleService;

const newPerson = (overrides: Partial<PersonInput> = {}): PersonInput => ({
  employeeId: `T-${randomUUID().slice(0, 8)}`,
  name: '試験 太郎',
  nameKana: 'シケン タロウ',
  email: null,
  department: '試験部',
  jobTitle: '技師',
  employmentType: 'employee',
  employer: null,
  status: 'active',
  lastWorkingDay: null,
  contractEndDate: null,
  notes: null,
  ...overrides,
});

/** The audit events of a tenant of the given types. */
const auditOf = async (tenantId: string, types: string[]) => {
  const result = await db.system((tx) =>
    tx.execute(sql`select type, subject_id, payload from audit_events
      where tenant_id = ${tenantId} and type in (${sql.join(
        types.map((t) => sql`${t}`),
        sql`, `,
      )}) order by seq`),
  );
  return result.rows as { type: string; subject_id: string | null; payload: Record<string, unknown> }[];
};

const countPeople = async (tenantId: string) => {
  const result = await db.system((tx) =>
    tx.execute(sql`select count(*)::int as n from people where tenant_id = ${tenantId}`),
  );
  return result.rows[0]?.n as number;
};

const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
const HEADER = '社員番号,氏名,フリガナ,メールアドレス,部署,役職,雇用区分,所属元,在籍状況,最終出社日,契約終了日,備考';
const upload = (
  bytes: Buffer,
  options: Partial<{ mode: 'all_or_nothing' | 'valid_rows_only'; dryRun: boolean }> = {},
) => ({
  fileName: 'hr.csv',
  bytes,
  options: { mode: options.mode ?? 'all_or_nothing', dryRun: options.dryRun ?? false },
});

beforeAll(async () => {
  ({ db } = await createSeededServices());
  officer = await seededActor(db, 'officer@minato-ceramics.example');
  hr = await seededActor(db, 'hr@minato-ceramics.example');
  people = createPeopleService({
    db,
    clock: () => new Date(),
    exportLimit: 1_000,
    onPeopleChanged: async (tx: Tx, tenantId, ids) => {
      const rows = await tx.execute(
        sql`select status from people where tenant_id = ${tenantId} and id in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) order by employee_id`,
      );
      hookCalls.push({ ids, statuses: rows.rows.map((r) => String(r.status)) });
    },
  });
  // A second company with its own HR user, to prove that tenants never see each other's directory.
  const tenantId = randomUUID();
  const userId = randomUUID();
  await db.system(async (tx) => {
    await tx.execute(sql`insert into organisations (id, kind, name_ja, name_en) values
      (${tenantId}, 'company', '別会社', 'Other Corp')`);
    await tx.execute(sql`insert into users (id, tenant_id, email, display_name, roles) values
      (${userId}, ${tenantId}, 'hr@other-corp.example', '別会社 人事', array['hr'])`);
  });
  otherHr = {
    userId,
    tenantId,
    organisationKind: 'company',
    roles: ['hr'],
    label: '別会社 人事 <hr@other-corp.example>',
    locale: 'ja',
    ip: null,
    sessionId: null,
  };
});
afterAll(async () => {
  await db?.close();
});

describe('people service: form writes', () => {
  it('creates a person, links the user with the same e-mail (any case) and audits it', async () => {
    const created = await people.create(hr, newPerson({ email: 'Engineer@Minato-Ceramics.example' }));
    const engineer = await seededActor(db, 'engineer@minato-ceramics.example');
    expect(created.userId).toBe(engineer.userId);
    expect(created.email).toBe('engineer@minato-ceramics.example');
    expect(created.version).toBe(1);
    expect(created.abilities).toEqual({ edit: true });
    const events = await auditOf(hr.tenantId, ['person.created']);
    expect(events.at(-1)).toMatchObject({
      subject_id: created.id,
      payload: { employeeId: created.employeeId, name: '試験 太郎', source: 'form' },
    });
    expect(hookCalls.at(-1)?.ids).toEqual([created.id]);
  });

  it('refuses a second person with the same (normalised) employee id', async () => {
    const first = await people.create(hr, newPerson({ employeeId: 'DUP-1' }));
    expect(first.employeeId).toBe('DUP-1');
    expect(await codeOf(people.create(hr, newPerson({ employeeId: 'ＤＵＰ－１' })))).toBe('people/employee_id_taken');
  });

  it('updates with the version read, audits the changes, and refuses a stale version', async () => {
    const created = await people.create(hr, newPerson());
    const calls = hookCalls.length;
    const updated = await people.update(officer, created.id, {
      person: { ...newPerson(), employeeId: created.employeeId, jobTitle: '主任技師' },
      version: 1,
    });
    expect(updated.version).toBe(2);
    expect(updated.jobTitle).toBe('主任技師');
    // A job title does not matter to the register: the hook was not called.
    expect(hookCalls.length).toBe(calls);
    const [event] = (await auditOf(hr.tenantId, ['person.updated'])).filter((e) => e.subject_id === created.id);
    expect(event?.payload).toEqual({
      employeeId: created.employeeId,
      changes: [{ field: 'jobTitle', before: '技師', after: '主任技師' }],
      source: 'form',
    });

    const stale = people.update(hr, created.id, {
      person: { ...newPerson(), employeeId: created.employeeId },
      version: 1,
    });
    expect(await codeOf(stale)).toBe('people/version_conflict');
    expect((await people.get(hr, created.id)).jobTitle).toBe('主任技師');
  });

  it('calls the register hook inside the transaction when the status changes, and keeps "leaving" after the last day', async () => {
    const created = await people.create(hr, newPerson());
    const pastDay = '2020-03-31';
    await people.update(hr, created.id, {
      person: { ...newPerson(), employeeId: created.employeeId, status: 'leaving', lastWorkingDay: pastDay },
      version: 1,
    });
    expect(hookCalls.at(-1)).toEqual({ ids: [created.id], statuses: ['leaving'] });
    // HR owns the status: the last day has passed, but the person is not silently marked as left.
    const view = await people.get(hr, created.id);
    expect(view.status).toBe('leaving');
    expect(view.lastWorkingDay).toBe(pastDay);
  });

  it('changes nothing and records nothing for an identical submission', async () => {
    const created = await people.create(hr, newPerson());
    const before = (await auditOf(hr.tenantId, ['person.updated'])).length;
    const again = await people.update(hr, created.id, {
      person: { ...newPerson(), employeeId: created.employeeId },
      version: 1,
    });
    expect(again.version).toBe(1);
    expect((await auditOf(hr.tenantId, ['person.updated'])).length).toBe(before);
  });

  it('deletes a person entered by mistake, and refuses one referred to by know-how or grants', async () => {
    const created = await people.create(hr, newPerson());
    await people.remove(hr, created.id);
    expect(await codeOf(people.get(hr, created.id))).toBe('people/not_found');
    expect((await auditOf(hr.tenantId, ['person.deleted'])).at(-1)).toMatchObject({ subject_id: created.id });

    const referred = await db.system((tx) =>
      tx.execute(sql`select person_id from know_how_holdings where tenant_id = ${hr.tenantId}
        union select person_id from access_grants where tenant_id = ${hr.tenantId} and person_id is not null`),
    );
    expect(referred.rows.length).toBeGreaterThan(0);
    const id = String(referred.rows[0]?.person_id);
    expect(await codeOf(people.remove(hr, id))).toBe('people/in_use');
    expect((await people.get(hr, id)).id).toBe(id);
  });

  it('refuses readers and other organisations', async () => {
    const legal = await seededActor(db, 'legal@minato-ceramics.example');
    const meti = await seededActor(db, 'case@meti.example');
    const employee = await seededActor(db, 'engineer@minato-ceramics.example');
    expect(await codeOf(people.create(legal, newPerson()))).toBe('auth/forbidden');
    expect(await codeOf(people.list(meti, listQuery()))).toBe('auth/forbidden');
    expect(await codeOf(people.list(employee, listQuery()))).toBe('auth/forbidden');
    const view = (await people.list(legal, listQuery())).items[0];
    expect(view?.abilities).toEqual({ edit: false });
  });
});

const listQuery = (overrides: Record<string, unknown> = {}) => ({
  page: 1,
  pageSize: 50,
  order: 'asc' as const,
  format: 'json' as const,
  sort: 'employeeId' as const,
  ...overrides,
});

describe('people service: reading', () => {
  it('searches Japanese substrings, half-width kana and e-mail through the trigram-indexed text', async () => {
    await people.create(
      hr,
      newPerson({ employeeId: 'S-1', name: '勅使河原 亮', nameKana: 'テシガワラ リョウ', department: '検索試験部' }),
    );
    const byName = await people.list(hr, listQuery({ q: '使河' }));
    expect(byName.items.map((p) => p.employeeId)).toEqual(['S-1']);
    expect((await people.list(hr, listQuery({ q: 'ﾃｼｶﾞﾜﾗ' }))).items.map((p) => p.employeeId)).toEqual(['S-1']);
    expect((await people.list(hr, listQuery({ q: 's-1' }))).items.map((p) => p.employeeId)).toContain('S-1');
    expect((await people.list(hr, listQuery({ q: '100%' }))).total).toBe(0);
    const filtered = await people.list(hr, listQuery({ department: '検索試験部', status: 'active' }));
    expect(filtered.items.map((p) => p.employeeId)).toEqual(['S-1']);
  });

  it('pages and sorts, and lists the departments in use', async () => {
    const all = await people.list(hr, listQuery({ pageSize: 500 }));
    const ids = all.items.map((p) => p.employeeId);
    expect(ids).toEqual([...ids].sort());
    const second = await people.list(hr, listQuery({ pageSize: 2, page: 2 }));
    expect(second.items.map((p) => p.employeeId)).toEqual(ids.slice(2, 4));
    expect(second.total).toBe(all.total);
    const desc = await people.list(hr, listQuery({ sort: 'employeeId', order: 'desc', pageSize: 3 }));
    expect(desc.items.map((p) => p.employeeId)).toEqual([...ids].reverse().slice(0, 3));
    const departments = await people.departments(hr);
    expect(departments.items).toContain('試験部');
    expect(departments.items).toEqual([...departments.items].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('counts know-how technologies and active grants from the register', async () => {
    const today = tokyoDate(new Date());
    const expected = await db.system((tx) =>
      tx.execute(sql`select p.id,
        (select count(distinct s.technology_id)::int from know_how_holdings h join know_how_steps s on s.id = h.step_id
          where h.person_id = p.id) as know_how,
        (select count(*)::int from access_grants g where g.person_id = p.id and g.revoked_at is null
          and (g.expires_on is null or g.expires_on >= ${today}::date)) as grants
        from people p where p.tenant_id = ${hr.tenantId}`),
    );
    const byId = new Map((await people.list(hr, listQuery({ pageSize: 500 }))).items.map((p) => [p.id, p]));
    let withKnowHow = 0;
    for (const row of expected.rows) {
      const view = byId.get(String(row.id));
      expect(view?.knowHowTechnologies).toBe(row.know_how);
      expect(view?.accessGrants).toBe(row.grants);
      if ((row.know_how as number) > 0) withKnowHow += 1;
    }
    // The demo register has know-how holders, so the comparison above is not vacuous.
    expect(withKnowHow).toBeGreaterThan(0);
  });

  it('audits an export', async () => {
    const before = (await auditOf(hr.tenantId, ['people.exported'])).length;
    const exported = await people.list(hr, listQuery({ format: 'csv', pageSize: 1 }));
    expect(exported.items.length).toBeGreaterThan(1);
    const events = await auditOf(hr.tenantId, ['people.exported']);
    expect(events.length).toBe(before + 1);
    expect(events.at(-1)?.payload).toEqual({ format: 'csv', rows: exported.items.length });
  });
});

describe('people service: HR import', () => {
  it('imports a Shift_JIS file, then re-imports it with everything unchanged and no audit noise', async () => {
    const bytes = encodeShiftJis(
      [
        HEADER,
        'I-001,髙橋 一郎,ﾀｶﾊｼ ｲﾁﾛｳ,takahashi@example.co.jp,取込試験部,主任,従業員,,在籍,,,',
        'I-002,鈴木 花子,スズキ ハナコ,,取込試験部,,派遣社員,株式会社サンプル,退職予定,2026/06/30,2026-06-30,保守担当',
        'I-003,Lee Ming,,,取込試験部,,contractor,Sample Ltd.,active,,,',
      ].join('\r\n'),
    );
    const before = await auditOf(hr.tenantId, ['person.created', 'person.updated', 'people.imported']);
    const report = await people.importPeople(hr, upload(bytes));
    expect(report).toMatchObject({ totalRows: 3, validRows: 3, created: 3, updated: 0, unchanged: 0, committed: true });
    const imported = await people.list(hr, listQuery({ department: '取込試験部' }));
    expect(imported.items.map((p) => [p.employeeId, p.name, p.employmentType, p.status, p.lastWorkingDay])).toEqual([
      ['I-001', '髙橋 一郎', 'employee', 'active', null],
      ['I-002', '鈴木 花子', 'dispatched', 'leaving', '2026-06-30'],
      ['I-003', 'Lee Ming', 'contractor', 'active', null],
    ]);
    const after = await auditOf(hr.tenantId, ['person.created', 'person.updated', 'people.imported']);
    expect(after.slice(before.length).map((e) => e.type)).toEqual([
      'person.created',
      'person.created',
      'person.created',
      'people.imported',
    ]);
    expect(after.at(-1)?.payload).toMatchObject({ fileName: 'hr.csv', created: 3, updated: 0, invalidRows: 0 });

    const again = await people.importPeople(hr, upload(bytes));
    expect(again).toMatchObject({ totalRows: 3, created: 0, updated: 0, unchanged: 3, invalidRows: 0 });
    expect((await auditOf(hr.tenantId, ['person.created', 'person.updated', 'people.imported'])).length).toBe(
      after.length,
    );
  });

  it('updates only what changed, with the diff audited and the register hook told', async () => {
    await people.importPeople(
      hr,
      upload(
        csv([
          HEADER,
          'U-001,上田 翔,,,更新試験部,技師,従業員,,在籍,,,',
          'U-002,上野 葵,,,更新試験部,技師,従業員,,在籍,,,',
        ]),
      ),
    );
    const calls = hookCalls.length;
    const report = await people.importPeople(
      hr,
      upload(
        csv([
          HEADER,
          'U-001,上田 翔,,,更新試験部,技師,従業員,,退職予定,2026-12-31,,',
          'U-002,上野 葵,,,更新試験部,主任技師,従業員,,在籍,,,',
        ]),
      ),
    );
    expect(report).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    const events = (await auditOf(hr.tenantId, ['person.updated'])).slice(-2);
    expect(events.map((e) => e.payload)).toEqual([
      {
        employeeId: 'U-001',
        source: 'import',
        changes: [
          { field: 'status', before: 'active', after: 'leaving' },
          { field: 'lastWorkingDay', before: null, after: '2026-12-31' },
        ],
      },
      { employeeId: 'U-002', source: 'import', changes: [{ field: 'jobTitle', before: '技師', after: '主任技師' }] },
    ]);
    // Only U-001's change matters to the register.
    expect(hookCalls.length).toBe(calls + 1);
    expect(hookCalls.at(-1)?.statuses).toEqual(['leaving']);
    const u1 = (await people.list(hr, listQuery({ q: 'U-001' }))).items[0];
    expect(u1?.version).toBe(2);
  });

  it('writes nothing in all-or-nothing mode when a row is invalid, reports it by dry run, and writes valid rows only on request', async () => {
    const bytes = csv([
      HEADER,
      'A-001,有効 一,,,全件試験部,,従業員,,,,,',
      'A-002,,,,全件試験部,,従業員,,,,,',
      'A-003,有効 三,,,全件試験部,,社長,,,,,',
      'A-001,重複,,,全件試験部,,従業員,,,,,',
      'A-004,有効 四,,,全件試験部,,役員,,,,,',
    ]);
    const count = await countPeople(hr.tenantId);
    let rejected: unknown;
    try {
      await people.importPeople(hr, upload(bytes));
    } catch (error) {
      rejected = error;
    }
    expect(rejected).toBeInstanceOf(AppError);
    expect((rejected as AppError).code).toBe('import/rejected');
    expect((rejected as AppError).status).toBe(422);
    const details = (rejected as AppError).details as { committed: boolean; invalidRows: number; issues: unknown[] };
    expect(details.committed).toBe(false);
    expect(details.invalidRows).toBe(4);
    expect(await countPeople(hr.tenantId)).toBe(count);

    const dry = await people.importPeople(hr, upload(bytes, { dryRun: true }));
    expect(dry).toMatchObject({
      dryRun: true,
      committed: false,
      totalRows: 5,
      validRows: 1,
      invalidRows: 4,
      created: 1,
    });
    expect(dry.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [2, '社員番号', 'duplicate_key'],
      [3, '氏名', 'required'],
      [4, '雇用区分', 'invalid_value'],
      [5, '社員番号', 'duplicate_key'],
    ]);
    expect(await countPeople(hr.tenantId)).toBe(count);

    const partial = await people.importPeople(hr, upload(bytes, { mode: 'valid_rows_only' }));
    expect(partial).toMatchObject({ committed: true, created: 1, invalidRows: 4, validRows: 1 });
    expect(await countPeople(hr.tenantId)).toBe(count + 1);
    expect((await people.list(hr, listQuery({ department: '全件試験部' }))).items.map((p) => p.employeeId)).toEqual([
      'A-004',
    ]);
  });

  it('imports an XLSX with date cells and refuses formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人員名簿');
    sheet.addRow(HEADER.split(','));
    sheet.addRow([
      'X-001',
      '日付 試験',
      null,
      null,
      'XLSX試験部',
      null,
      '出向者',
      '親会社',
      '退職予定',
      new Date(Date.UTC(2026, 6, 31)),
      46234,
      null,
    ]);
    sheet.addRow([
      'X-002',
      { formula: 'A2&"b"', result: 'X-001b' },
      null,
      null,
      'XLSX試験部',
      null,
      '従業員',
      null,
      null,
      null,
      null,
      null,
    ]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await people.importPeople(hr, {
      ...upload(bytes, { mode: 'valid_rows_only' }),
      fileName: 'hr.xlsx',
    });
    expect(report).toMatchObject({ created: 1, invalidRows: 1 });
    expect(report.issues).toEqual([expect.objectContaining({ row: 3, column: '氏名', code: 'formula_not_allowed' })]);
    const [person] = (await people.list(hr, listQuery({ department: 'XLSX試験部' }))).items;
    expect(person).toMatchObject({
      employmentType: 'secondee',
      lastWorkingDay: '2026-07-31',
      contractEndDate: '2026-07-31',
    });
  });

  it('refuses unreadable files and files without the required columns', async () => {
    expect(await codeOf(people.importPeople(hr, { ...upload(Buffer.from('garbage')), fileName: 'hr.xlsx' }))).toBe(
      'import/unreadable_file',
    );
    expect(await codeOf(people.importPeople(hr, upload(csv(['社員番号,氏名', 'E-1,山田']))))).toBe(
      'import/missing_columns',
    );
    expect(await codeOf(people.importPeople(hr, upload(Buffer.alloc(0))))).toBe('import/empty_file');
    expect(await codeOf(people.importPeople(officer, upload(Buffer.alloc(0))))).toBe('import/empty_file');
    const legal = await seededActor(db, 'legal@minato-ceramics.example');
    expect(await codeOf(people.importPeople(legal, upload(csv([HEADER]))))).toBe('auth/forbidden');
  });
});

describe('people service: tenant isolation', () => {
  it('answers 404 for another organisation’s person and keeps employee ids per organisation', async () => {
    const mine = await people.create(hr, newPerson({ employeeId: 'SHARED-1' }));
    expect(await codeOf(people.get(otherHr, mine.id))).toBe('people/not_found');
    expect(
      await codeOf(people.update(otherHr, mine.id, { person: newPerson({ employeeId: 'SHARED-1' }), version: 1 })),
    ).toBe('people/not_found');
    expect(await codeOf(people.remove(otherHr, mine.id))).toBe('people/not_found');
    const report = await people.importPeople(otherHr, upload(csv([HEADER, 'SHARED-1,別会社の人,,,,,従業員,,,,,'])));
    expect(report.created).toBe(1);
    expect((await people.list(otherHr, listQuery())).items.map((p) => [p.employeeId, p.name])).toEqual([
      ['SHARED-1', '別会社の人'],
    ]);
    expect((await people.get(hr, mine.id)).name).toBe('試験 太郎');
  });

  it('lets row-level security hide and protect the directory even when a query names the other tenant', async () => {
    const visible = await db.tenant(otherHr.tenantId, (tx) =>
      tx.execute(sql`select employee_id from people where tenant_id = ${hr.tenantId}`),
    );
    expect(visible.rows).toEqual([]);
    const insert = db.tenant(otherHr.tenantId, (tx) =>
      tx.execute(sql`insert into people (tenant_id, employee_id, name, employment_type)
        values (${hr.tenantId}, 'RLS-1', '侵入', 'employee')`),
    );
    await expect(insert).rejects.toThrow();
    const updated = await db.tenant(otherHr.tenantId, (tx) =>
      tx.execute(sql`update people set name = '改ざん' where tenant_id = ${hr.tenantId} returning id`),
    );
    expect(updated.rows).toEqual([]);
  });
});
