import {
  EXPORT_CONTROL_STATUS_LABELS,
  type ImportOptions,
  type ImportReport,
  type Locale,
  REGISTER_IMPORT_COLUMNS,
  type TechnologyInputParsed,
} from '@kakine/contracts';
import ExcelJS from 'exceljs';
import { type ExportColumn, toCsv } from '../../http/list-export';
import { type Actor, requirePermission } from '../../platform/actor/actor';
import { recordAudit } from '../../platform/audit/audit.recorder';
import type { Clock } from '../../platform/clock';
import type { Database, Tx } from '../../platform/db/database';
import {
  buildImportReport,
  ImportIssueCollector,
  importRejected,
  mapHeaders,
  reportUnknownColumns,
} from '../../platform/tabular/import-report';
import { readTable } from '../../platform/tabular/table-reader';
import * as repo from './register.repository';
import { tokyoDate } from './register.rules';
import * as importRepo from './register-import.repository';
import {
  buildRegisterImportLookups,
  type RegisterImportKey,
  readRegisterRows,
  registerRowCells,
  rowCode,
  technologyChanged,
  technologyInputOf,
} from './register-import.rules';
import {
  loadRegisterSettings,
  prepareTechnologyWrites,
  type TechnologyRow,
  writeTechnologies,
} from './technology-access';

/** The most technologies one register file may hold; the template says so and larger files are refused early. */
export const REGISTER_IMPORT_MAX_ROWS = 10_000;

/** Codes per `in (…)` look-up, well below PostgreSQL's 65,535 parameters per statement. */
const CODES_PER_QUERY = 5_000;

/** A downloadable file built by the service. */
export type DownloadFile = { fileName: string; contentType: string; body: Buffer | string };

/** Dependencies of the register import. */
export type RegisterImportServiceDeps = { db: Database; clock: Clock };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** How each column is filled in, for the template's 「記入方法」 sheet (the allowed values are added per tenant). */
const COLUMN_HELP: Record<RegisterImportKey, string> = {
  code: '社内の技術コード（英数字・かな漢字と _ . - /、40文字以内）。同じコードの行は既存の技術を更新します。',
  nameJa: '技術の名称（200文字以内）。',
  nameEn: '英語の名称（任意、200文字以内）。',
  description: '技術の概要（10,000文字以内、改行可）。',
  products: '使用している製品。複数のときは改行、「、」または「,」で区切ります。',
  ownerEmail: '技術オーナーの Kakine ユーザーのメールアドレス。空欄ならオーナーなし（管理責任者が管理）。',
  department: '担当部署（200文字以内）。',
  classification: '機密区分の名称またはコード。',
  isCore: 'コア技術なら「○」（はい / true / 1 も可）、そうでなければ空欄か「×」。',
  coreReason: 'コア技術とする理由。コア技術の場合は必須です。',
  designatedCodes:
    '重要管理対象技術のコード、番号（1〜15）または名称。複数のときは改行、「、」または「,」で区切ります。',
  exportControlStatus: '該非判定の結果。空欄は「未判定」。',
  exportControlRef: '該当する項番（例：外為令別表 2の項(1)）。',
  exportControlAssessor: '判定した人または部署。',
  exportControlDate: '判定した日（YYYY/MM/DD）。該当・非該当の場合は必須です。',
  locations:
    '保管場所を1行に1件：「拠点|名称|国コード|詳細」または「システム|名称||パス」。国は国コード（JP、CN など）か国名。',
  reviewIntervalMonths: '見直しの周期（1〜60か月）。空欄は会社の既定値。',
  lastReviewedOn: '最後に見直した日（YYYY/MM/DD）。',
};

/**
 * Creates the register import: the downloadable template and the import of a filled-in CSV/XLSX file with a
 * row-by-row report, all-or-nothing or valid rows only, idempotent by technology code.
 */
export const createRegisterImportService = (deps: RegisterImportServiceDeps) => {
  const { db, clock } = deps;

  /** The look-ups of an import or template inside the caller's transaction. */
  const loadLookups = async (tx: Tx, tenantId: string, today: string, options: { lock: boolean }) => {
    const settings = await loadRegisterSettings(tx, tenantId);
    const resolved = options.lock ? await prepareTechnologyWrites(tx, tenantId, today) : null;
    const designatedInForce = await importRepo.designatedInForce(tx, today);
    const countries = await importRepo.countriesInForce(tx, today);
    const owners = resolved
      ? [...resolved.activeUserIdsByEmail].map(([email, id]) => ({ email, id }))
      : await repo.activeUsers(tx, tenantId);
    const lookups = buildRegisterImportLookups({
      levels: settings.classificationLevels,
      designatedInForce,
      designatedCodesOfAnyVersion: resolved?.designatedCodes ?? designatedInForce.map((d) => d.code),
      owners,
      countries,
    });
    return { settings, resolved, designatedInForce, lookups };
  };

  /**
   * Imports a register file. Validates every row against the tenant's levels, the catalogues in force and its users;
   * a dry run only previews. `all_or_nothing` with any invalid row writes nothing and throws 422 `import/rejected`
   * with the report; otherwise the valid rows are written in one transaction through writeTechnologies (one audit
   * event per changed technology, none for unchanged rows) plus one `register.imported` summary event.
   */
  const importFile = async (
    actor: Actor,
    file: { name: string; bytes: Buffer },
    options: ImportOptions,
    locale: Locale,
  ): Promise<ImportReport> => {
    requirePermission(actor, 'register:manage');
    const table = await readTable(file.bytes, file.name, { maxRows: REGISTER_IMPORT_MAX_ROWS });
    const map = mapHeaders(table.headers, REGISTER_IMPORT_COLUMNS);
    const issues = new ImportIssueCollector(locale);
    reportUnknownColumns(map, table.headerRowNumber, issues);
    const codes = [...new Set(table.rows.flatMap((row) => rowCode(row, map) ?? []))];
    const today = tokyoDate(clock());

    return db.tenant(actor.tenantId, async (tx) => {
      // A dry run takes no locks: it writes nothing, and its preview may go stale like any preview.
      const { settings, resolved, lookups } = await loadLookups(tx, actor.tenantId, today, { lock: !options.dryRun });
      const existingRows = new Map<string, TechnologyRow>();
      for (let i = 0; i < codes.length; i += CODES_PER_QUERY) {
        const batch = codes.slice(i, i + CODES_PER_QUERY);
        const rows = options.dryRun
          ? await importRepo.technologiesByCodes(tx, actor.tenantId, batch)
          : await repo.technologiesByCodes(tx, actor.tenantId, batch);
        for (const row of rows) existingRows.set(row.code, row);
      }
      const existingByCode = new Map<string, TechnologyInputParsed>(
        [...existingRows].map(([code, row]) => [code, technologyInputOf(row)]),
      );
      const valid = readRegisterRows(table.rows, map, { lookups, existingByCode, issues });

      const planned: { rowNumber: number; input: TechnologyInputParsed; existing: TechnologyRow | null }[] = [];
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      for (const row of valid) {
        const existing = existingRows.get(row.input.code) ?? null;
        const before = existingByCode.get(row.input.code);
        if (existing && before && !technologyChanged(before, row.input, settings.defaultReviewIntervalMonths)) {
          unchanged += 1;
          continue;
        }
        if (existing?.status === 'archived') {
          issues.add({
            row: row.rowNumber,
            column: map.header.code ?? null,
            code: 'invalid_value',
            value: row.input.code,
            hint: {
              ja: 'アーカイブ済みの技術は取り込みで変更できません。先に復元してください',
              en: 'an archived technology cannot be changed by an import; restore it first',
            },
          });
          continue;
        }
        if (existing) updated += 1;
        else created += 1;
        planned.push({ ...row, existing });
      }

      const outcome = {
        totalRows: table.rows.length,
        mode: options.mode,
        dryRun: options.dryRun,
      };
      if (options.dryRun) {
        return buildImportReport({ ...outcome, created, updated, unchanged, committed: false }, issues);
      }
      if (options.mode === 'all_or_nothing' && issues.invalidRowCount > 0) {
        throw importRejected(buildImportReport({ ...outcome, created, updated, unchanged, committed: false }, issues));
      }

      // The commit counts what the writes did, which matches the preview unless the stored rows differ in a way
      // only writeTechnologies sees.
      created = 0;
      updated = 0;
      const results = await writeTechnologies(tx, actor, planned, {
        source: 'import',
        settings,
        today,
        resolved: resolved ?? undefined,
        clock,
      });
      for (const result of results) {
        if (result.outcome === 'created') created += 1;
        else if (result.outcome === 'updated') updated += 1;
        else unchanged += 1;
      }
      const report = buildImportReport({ ...outcome, created, updated, unchanged, committed: true }, issues);
      await recordAudit(
        tx,
        actor,
        {
          type: 'register.imported',
          payload: {
            fileName: file.name.slice(0, 255),
            mode: options.mode,
            created,
            updated,
            unchanged,
            invalidRows: report.invalidRows,
          },
        },
        clock,
      );
      return report;
    });
  };

  /**
   * The import template: the Japanese headers in import order and one example row; the XLSX adds drop-down lists
   * and a 「記入方法」 sheet with each column's rules and the tenant's allowed values (levels, designated technologies
   * in force).
   */
  const template = async (actor: Actor, format: 'csv' | 'xlsx'): Promise<DownloadFile> => {
    requirePermission(actor, 'register:manage');
    const today = tokyoDate(clock());
    const { settings, designatedInForce, email } = await db.tenant(actor.tenantId, async (tx) => ({
      ...(await loadLookups(tx, actor.tenantId, today, { lock: false })),
      email: await repo.emailOfUser(tx, actor.tenantId, actor.userId),
    }));
    const levels = settings.classificationLevels;
    const topLevel = levels[0];
    const example: TechnologyInputParsed = {
      code: 'MLCC-001',
      nameJa: '積層セラミックコンデンサ 内部電極印刷技術',
      nameEn: 'MLCC inner electrode printing',
      description: 'ニッケル内部電極ペーストを誘電体シートに印刷する条件と、その品質管理の方法。',
      products: ['GRM155シリーズ', 'GCM188シリーズ'],
      ownerUserId: email ? actor.userId : null,
      department: '開発部 材料技術課',
      classificationCode: topLevel?.code ?? '',
      isCore: true,
      coreReason: '小型・大容量化を支える独自の印刷条件で、競合が再現できていないため',
      designatedCodes: designatedInForce.some((d) => d.code === 'MLCC') ? ['MLCC'] : [],
      exportControl: {
        status: 'not_applicable',
        listItemRef: null,
        assessorName: '輸出管理室',
        assessedOn: today,
        evidenceFileIds: [],
      },
      locations: [
        { kind: 'site', name: '本社工場', countryCode: 'JP', detail: null },
        { kind: 'system', name: '開発ファイルサーバ', countryCode: null, detail: '\\\\fs01\\開発\\MLCC' },
      ],
      reviewIntervalMonths: settings.defaultReviewIntervalMonths,
      lastReviewedOn: null,
    };
    const cells = registerRowCells(example, { levels, emailOfUser: () => email });
    const stamp = today.replaceAll('-', '');

    if (format === 'csv') {
      const columns: ExportColumn<typeof cells>[] = REGISTER_IMPORT_COLUMNS.map((c) => ({
        ja: c.ja,
        en: c.en,
        value: (row) => row[c.key],
      }));
      return {
        fileName: `register-template-${stamp}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: toCsv([cells], columns, 'ja'),
      };
    }

    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Kakine';
    const sheet = workbook.addWorksheet('技術台帳', { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = REGISTER_IMPORT_COLUMNS.map((c) => ({
      header: c.ja,
      key: c.key,
      width: ['description', 'locations', 'coreReason'].includes(c.key) ? 48 : Math.max(14, c.ja.length * 2 + 4),
      style: { alignment: { vertical: 'top', wrapText: true } },
    }));
    const header = sheet.getRow(1);
    header.font = { bold: true };
    REGISTER_IMPORT_COLUMNS.forEach((c, i) => {
      if (c.required) header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };
    });
    sheet.addRow(REGISTER_IMPORT_COLUMNS.map((c) => cells[c.key]));
    // Drop-down lists for the closed vocabularies, over the rows a file may have.
    const lists: Partial<Record<RegisterImportKey, string[]>> = {
      classification: levels.map((l) => l.nameJa),
      isCore: ['○', '×'],
      exportControlStatus: Object.values(EXPORT_CONTROL_STATUS_LABELS).map((l) => l.ja),
    };
    const validations = (
      sheet as unknown as { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } }
    ).dataValidations;
    REGISTER_IMPORT_COLUMNS.forEach((c, i) => {
      const values = lists[c.key];
      if (!values) return;
      const letter = sheet.getColumn(i + 1).letter;
      validations.add(`${letter}2:${letter}${REGISTER_IMPORT_MAX_ROWS + 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${values.join(',')}"`],
        showErrorMessage: false,
      });
    });

    const help = workbook.addWorksheet('記入方法');
    help.columns = [
      { header: '列', width: 24 },
      { header: '英語の列名', width: 24 },
      { header: '必須', width: 8 },
      { header: '入力方法', width: 70 },
      { header: '使える値', width: 60 },
    ];
    help.getRow(1).font = { bold: true };
    const allowed: Partial<Record<RegisterImportKey, string>> = {
      classification: levels.map((l) => `${l.nameJa}（${l.code}）`).join('\n'),
      isCore: '○ / ×',
      designatedCodes: designatedInForce.map((d) => `${d.number}. ${d.code}：${d.nameJa}`).join('\n'),
      exportControlStatus: Object.values(EXPORT_CONTROL_STATUS_LABELS)
        .map((l) => l.ja)
        .join(' / '),
      locations: '拠点|本社工場|JP|滋賀県野洲市\nシステム|開発ファイルサーバ||\\\\fs01\\開発',
    };
    for (const c of REGISTER_IMPORT_COLUMNS) {
      help.addRow([c.ja, c.en, c.required ? '必須' : '', COLUMN_HELP[c.key], allowed[c.key] ?? '']);
    }
    help.addRow([]);
    for (const note of [
      '1行に1つの技術を書きます。見出し行は変えないでください（英語の列名でも読み込めます）。',
      `1ファイル${REGISTER_IMPORT_MAX_ROWS.toLocaleString('ja-JP')}行まで。数式は使えません（値として貼り付けてください）。`,
      '技術コードが同じ技術はすでに登録されていれば更新され、内容が同じ行は何も変更しません。',
      'エラーのある行があると何も取り込みません。「正しい行だけ取り込む」を選ぶと、エラーのない行だけを取り込みます。',
      'この例の行は書き換えるか削除してから取り込んでください。',
    ]) {
      help.addRow([note]);
    }
    help.eachRow((row) => {
      row.alignment = { vertical: 'top', wrapText: true };
    });
    return {
      fileName: `register-template-${stamp}.xlsx`,
      contentType: XLSX_TYPE,
      body: Buffer.from(await workbook.xlsx.writeBuffer()),
    };
  };

  return { importFile, template };
};

/** The register import service. */
export type RegisterImportService = ReturnType<typeof createRegisterImportService>;
