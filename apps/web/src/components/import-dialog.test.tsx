import type { ImportReport } from '@kakine/contracts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Providers } from '../app/providers';
import { api } from '../lib/api';
import { i18n } from '../lib/i18n';
import { createQueryClient } from '../lib/query-client';
import { ImportDialog, importChoices } from './import-dialog';

const report = (patch: Partial<ImportReport>): ImportReport => ({
  totalRows: 3,
  validRows: 3,
  invalidRows: 0,
  created: 2,
  updated: 1,
  unchanged: 0,
  committed: false,
  mode: 'valid_rows_only',
  dryRun: true,
  issues: [],
  issuesTruncated: false,
  ...patch,
});

const withErrors = report({
  validRows: 2,
  invalidRows: 1,
  created: 1,
  updated: 1,
  issues: [
    { row: 3, column: '雇用区分', code: 'invalid_value', message: '雇用区分が正しくありません。', value: '正社員X' },
  ],
});

type Sent = { url: string; fields: Record<string, string>; fileName: string | null };
let sent: Sent[] = [];
let answers: Response[] = [];

const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
  const body = init?.body;
  const fields: Record<string, string> = {};
  let fileName: string | null = null;
  if (body instanceof FormData) {
    for (const [key, value] of body.entries()) {
      if (typeof value === 'string') fields[key] = value;
      else fileName = value.name;
    }
  }
  sent.push({ url, fields, fileName });
  const next = answers.shift();
  if (!next) throw new Error(`unexpected request ${url}`);
  return next;
});
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });

const renderDialog = (onImported = vi.fn()) => {
  render(
    <Providers queryClient={createQueryClient()} i18n={i18n}>
      <ImportDialog
        opened
        onClose={() => {}}
        title="人員名簿の取り込み"
        templateUrl={(format) => `/api/v1/people/import-template?format=${format}`}
        importUrl="/people/import"
        onImported={onImported}
      />
    </Providers>,
  );
  return onImported;
};

const chooseFile = (name = '人員.xlsx') => {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File(['x'], name)] } });
};

beforeEach(async () => {
  await i18n.changeLanguage('ja');
  sent = [];
  answers = [];
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
  api.setCsrfToken('csrf-token');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('importChoices', () => {
  it('offers everything only without errors and valid rows only when some rows fail', () => {
    expect(importChoices({ invalidRows: 0, validRows: 5 })).toEqual({ all: true, validOnly: false });
    expect(importChoices({ invalidRows: 2, validRows: 5 })).toEqual({ all: false, validOnly: true });
    expect(importChoices({ invalidRows: 2, validRows: 0 })).toEqual({ all: false, validOnly: false });
    expect(importChoices({ invalidRows: 0, validRows: 0 })).toEqual({ all: false, validOnly: false });
  });
});

describe('import dialog', () => {
  it('offers both templates and asks for a file before checking', async () => {
    renderDialog();
    expect(screen.getByRole('link', { name: 'Excel テンプレート (XLSX)' }).getAttribute('href')).toBe(
      '/api/v1/people/import-template?format=xlsx',
    );
    expect(screen.getByRole('link', { name: 'CSV テンプレート' }).getAttribute('href')).toBe(
      '/api/v1/people/import-template?format=csv',
    );
    fireEvent.click(screen.getByRole('button', { name: 'ファイルを確認' }));
    expect(await screen.findByText('ファイルを選んでください。')).toBeTruthy();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('checks first, refuses "import everything" with errors, then imports the valid rows only', async () => {
    answers = [json(withErrors), json({ ...withErrors, committed: true, dryRun: false, mode: 'valid_rows_only' })];
    const onImported = renderDialog();
    chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'ファイルを確認' }));

    await screen.findByRole('heading', { name: '確認結果（まだ取り込んでいません）' });
    expect(sent[0]).toEqual({
      url: '/api/v1/people/import',
      fields: { mode: 'valid_rows_only', dryRun: 'true' },
      fileName: '人員.xlsx',
    });
    const table = screen.getByRole('table');
    expect(within(table).getByRole('columnheader', { name: '行' })).toBeTruthy();
    const cells = within(table)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual(['3', '雇用区分', '雇用区分が正しくありません。', '正社員X']);
    expect(screen.getByRole('button', { name: 'すべて取り込む' }).hasAttribute('disabled')).toBe(true);
    expect(onImported).not.toHaveBeenCalled();

    fireEvent.click(screen.getByRole('button', { name: '正しい行だけ取り込む' }));
    await screen.findByRole('heading', { name: '取り込み結果' });
    expect(sent[1]?.fields).toEqual({ mode: 'valid_rows_only', dryRun: 'false' });
    expect(screen.getByText('取り込みました。')).toBeTruthy();
    expect(onImported).toHaveBeenCalledWith(expect.objectContaining({ committed: true }));
  });

  it('imports everything all-or-nothing when the check found no errors', async () => {
    answers = [json(report({})), json(report({ committed: true, dryRun: false, mode: 'all_or_nothing' }))];
    const onImported = renderDialog();
    chooseFile('people.csv');
    fireEvent.click(screen.getByRole('button', { name: 'ファイルを確認' }));
    await screen.findByText('エラーはありません。すべての行を取り込めます。');
    expect(screen.queryByRole('button', { name: '正しい行だけ取り込む' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'すべて取り込む' }));
    await waitFor(() => expect(onImported).toHaveBeenCalled());
    expect(sent[1]?.fields).toEqual({ mode: 'all_or_nothing', dryRun: 'false' });
  });

  it('explains a file without the required columns', async () => {
    answers = [
      json(
        {
          error: {
            code: 'import/missing_columns',
            message: '必須の列が見つかりません。テンプレートの見出し行を使ってください。',
            details: {
              missing: [
                { key: 'employeeId', ja: '社員番号', en: 'Employee ID' },
                { key: 'name', ja: '氏名', en: 'Name' },
              ],
            },
          },
        },
        422,
      ),
    ];
    renderDialog();
    chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'ファイルを確認' }));
    expect(await screen.findByText('必須の列が見つかりません。テンプレートの見出し行を使ってください。')).toBeTruthy();
    expect(screen.getByText('見つからない必須列：社員番号、氏名')).toBeTruthy();
  });

  it('shows the report of an all-or-nothing import the server refused after the check', async () => {
    const refused = { ...withErrors, dryRun: false, mode: 'all_or_nothing', committed: false };
    answers = [
      json(report({})),
      json({ error: { code: 'import/rejected', message: '何も取り込みませんでした。', details: refused } }, 422),
    ];
    const onImported = renderDialog();
    chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'ファイルを確認' }));
    fireEvent.click(await screen.findByRole('button', { name: 'すべて取り込む' }));
    expect(await screen.findByText('何も取り込みませんでした。')).toBeTruthy();
    expect(await screen.findByRole('heading', { name: '取り込み結果' })).toBeTruthy();
    expect(screen.getByText('雇用区分が正しくありません。')).toBeTruthy();
    expect(onImported).not.toHaveBeenCalled();
  });

  it('shows that issues were cut off when the server truncated them', async () => {
    answers = [json({ ...withErrors, issuesTruncated: true })];
    renderDialog();
    chooseFile();
    fireEvent.click(screen.getByRole('button', { name: 'ファイルを確認' }));
    expect(await screen.findByText('エラーが多いため、最初の1件だけを表示しています。')).toBeTruthy();
  });
});
