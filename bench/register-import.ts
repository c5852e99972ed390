// Register import: POST /api/v1/register/import of a realistic 10,000-row XLSX in the template layout (Japanese
// headers, dates as Excel dates, locations and lists in cells), timed end to end through HTTP: a dry run (validate
// and preview), the commit (10,000 technologies created, one audit event each), the same file again (all unchanged)
// and a file that changes every row (10,000 updates). Target: import ≤ 30 s. Then the same four steps for the HR
// import (POST /api/v1/people/import) of a 10,000-person XLSX in its template layout.
// Runs on the embedded PGlite and, when BENCH_DATABASE_URL is set (e.g. postgres://postgres@127.0.0.1:5432/test), on
// a fresh database of that native PostgreSQL server.
// Run: npx tsx bench/register-import.ts [rows]      (BENCH_DATABASE_URL=… to include native PostgreSQL)

import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import {
  DEFAULT_CLASSIFICATION_LEVELS,
  EMPLOYMENT_TYPE_LABELS,
  EMPLOYMENT_TYPES,
  type ImportReport,
  PEOPLE_IMPORT_COLUMNS,
  PERSON_STATUS_LABELS,
  REGISTER_IMPORT_COLUMNS,
} from '@kakine/contracts';
import ExcelJS from 'exceljs';
import { registerRowCells } from '../apps/server/src/modules/register/register-import.rules';
import { forEachDatabase, signIn, startServer } from './bench-support';
import { benchTechnology, seededRandom } from './register-data';

const ROWS = Number(process.argv[2] ?? 10_000);
const OFFICER = 'officer@minato-ceramics.example';
const OWNERS = [OFFICER, 'tech@minato-ceramics.example'];
const port = 44_000 + (process.pid % 1000);
const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

const loadAtStart = loadavg();
const DATE_COLUMNS = new Set(['exportControlDate', 'lastReviewedOn']);

/** The benchmark file: ROWS technologies in the template layout; `revision` changes every row's English name. */
const workbook = async (revision: number): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('技術台帳');
  sheet.addRow(REGISTER_IMPORT_COLUMNS.map((c) => c.ja));
  for (let i = 1; i <= ROWS; i++) {
    const t = benchTechnology(i, { prefix: 'BENCH', today, owners: OWNERS });
    if (revision > 0) t.nameEn = `${t.nameEn} (rev. ${revision})`;
    const cells = registerRowCells(t, { levels: DEFAULT_CLASSIFICATION_LEVELS, emailOfUser: (email) => email });
    sheet.addRow(
      REGISTER_IMPORT_COLUMNS.map((c) => {
        const value = cells[c.key];
        // Dates as Excel date cells, the way a register kept in Excel has them.
        return DATE_COLUMNS.has(c.key) && typeof value === 'string' ? new Date(`${value}T00:00:00Z`) : value;
      }),
    );
  }
  return Buffer.from(await book.xlsx.writeBuffer());
};

const DEPARTMENTS = [
  '開発部 材料技術課',
  '開発部 回路設計課',
  '製造部 第一製造課',
  '製造部 第二製造課',
  '品質保証部',
  '営業部',
];
const SURNAMES = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'];
const GIVEN = ['翔', '葵', '陽翔', '結衣', '蓮', '陽菜', '大翔', '凛', '悠真', '美咲'];

/** The HR file: ROWS people in the template layout; `revision` gives every person a new job title. */
const peopleWorkbook = async (revision: number): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('人員名簿');
  sheet.addRow(PEOPLE_IMPORT_COLUMNS.map((c) => c.ja));
  const random = seededRandom(7);
  for (let i = 1; i <= ROWS; i++) {
    const type = random.pick(EMPLOYMENT_TYPES);
    const external = type === 'dispatched' || type === 'secondee' || type === 'contractor';
    const leaving = i % 50 === 0;
    const cells: Record<(typeof PEOPLE_IMPORT_COLUMNS)[number]['key'], string | Date | null> = {
      employeeId: `P${String(i).padStart(6, '0')}`,
      name: `${SURNAMES[i % SURNAMES.length]} ${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}`,
      nameKana: null,
      email: `p${i}@minato-ceramics.example`,
      department: DEPARTMENTS[i % DEPARTMENTS.length]!,
      jobTitle: revision > 0 ? `主任（${revision}）` : '技師',
      employmentType: EMPLOYMENT_TYPE_LABELS[type].ja,
      employer: external ? '株式会社サンプル人材' : null,
      status: PERSON_STATUS_LABELS[leaving ? 'leaving' : 'active'].ja,
      lastWorkingDay: leaving ? new Date('2027-03-31T00:00:00Z') : null,
      contractEndDate: external ? new Date('2027-09-30T00:00:00Z') : null,
      notes: i % 10 === 0 ? '技術移転の窓口' : null,
    };
    sheet.addRow(PEOPLE_IMPORT_COLUMNS.map((c) => cells[c.key]));
  }
  return Buffer.from(await book.xlsx.writeBuffer());
};

/** The server's peak resident memory so far, in MB (Linux). */
const peakRssMb = (pid: number | undefined): number | null => {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]) / 1024);
  } catch {
    return null;
  }
};

const files = { initial: await workbook(0), changed: await workbook(1) };
const peopleFiles = { initial: await peopleWorkbook(0), changed: await peopleWorkbook(1) };

const rows = await forEachDatabase(async (database, env) => {
  const server = await startServer(port, env);
  try {
    const session = await signIn(server.base, OFFICER);
    const post = async (operation: string, bytes: Buffer, fields: Record<string, string>, url = '/register/import') => {
      const form = new FormData();
      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      form.set('file', new Blob([new Uint8Array(bytes)]), url === '/register/import' ? 'register.xlsx' : 'people.xlsx');
      const t0 = performance.now();
      const r = await fetch(`${server.base}${url}`, {
        method: 'POST',
        headers: { cookie: session.cookie, 'x-csrf-token': session.csrf },
        body: form,
      });
      const seconds = (performance.now() - t0) / 1000;
      if (!r.ok) throw new Error(`${operation}: ${r.status} ${(await r.text()).slice(0, 500)}`);
      const report = (await r.json()) as ImportReport;
      if (report.invalidRows > 0) throw new Error(`${operation}: ${JSON.stringify(report.issues.slice(0, 3))}`);
      return {
        database,
        operation,
        rows: report.totalRows,
        seconds: Number(seconds.toFixed(2)),
        rowsPerSec: Math.round(report.totalRows / seconds),
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        serverPeakRssMb: peakRssMb(server.child.pid),
      };
    };
    const register = [
      await post('dry run (validate + preview)', files.initial, { dryRun: 'true' }),
      await post('import (create)', files.initial, { mode: 'all_or_nothing' }),
      await post('same file again (unchanged)', files.initial, { mode: 'all_or_nothing' }),
      await post('every row changed (update)', files.changed, { mode: 'all_or_nothing' }),
    ];
    const people = [
      await post('people: dry run', peopleFiles.initial, { dryRun: 'true' }, '/people/import'),
      await post('people: import (create)', peopleFiles.initial, { mode: 'all_or_nothing' }, '/people/import'),
      await post('people: same file again', peopleFiles.initial, { mode: 'all_or_nothing' }, '/people/import'),
      await post('people: every row changed', peopleFiles.changed, { mode: 'all_or_nothing' }, '/people/import'),
    ];
    // The batched writes stored what the file says: a sample person carries the changed job title.
    const sample = await fetch(`${server.base}/people?q=P000050`, { headers: { cookie: session.cookie } });
    const found = ((await sample.json()) as { items: { jobTitle: string; status: string; version: number }[] }).items;
    if (found[0]?.jobTitle !== '主任（1）' || found[0].status !== 'leaving' || found[0].version !== 2) {
      throw new Error(`people import stored ${JSON.stringify(found[0])}`);
    }
    return [...register, ...people];
  } finally {
    await server.stop();
  }
});

console.log(
  `Register import of a ${ROWS.toLocaleString('en')}-row XLSX (${(files.initial.length / 1_048_576).toFixed(1)} MB; ` +
    `HR file ${(peopleFiles.initial.length / 1_048_576).toFixed(1)} MB) — ` +
    `${new Date().toISOString()}, ${cpus().length} cores, load average at start ${loadAtStart
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
console.table(rows);
console.log(
  'Reproduce: BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/register-import.ts 10000',
);
