import type { KnowHowMapView } from '@kakine/contracts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Providers } from '../../../app/providers';
import { api } from '../../../lib/api';
import { i18n } from '../../../lib/i18n';
import { createQueryClient } from '../../../lib/query-client';
import { KnowHowPanel } from './know-how-panel';

const TECHNOLOGY = '00000000-0000-4000-8000-0000000000aa';
const STEP_A = '00000000-0000-4000-8000-00000000000a';
const STEP_B = '00000000-0000-4000-8000-00000000000b';
const OKADA = '00000000-0000-4000-8000-000000000009';

const map = (patch: Partial<KnowHowMapView> = {}): KnowHowMapView => ({
  technologyId: TECHNOLOGY,
  steps: [
    { id: STEP_A, position: 1, name: '開発A', description: null },
    { id: STEP_B, position: 2, name: '生産B', description: null },
  ],
  people: [
    {
      id: OKADA,
      employeeId: 'M-0009',
      name: '岡田 哲也',
      department: '積層技術部',
      employmentType: 'employee',
      status: 'leaving',
      lastWorkingDay: '2026-12-26',
    },
  ],
  holdings: [
    { stepId: STEP_A, personId: OKADA, depth: 3 },
    { stepId: STEP_B, personId: OKADA, depth: 3 },
  ],
  analysis: {
    level: 'critical',
    busFactor: 1,
    singlePersonAllSteps: [OKADA],
    criticalPeople: [OKADA],
    warnings: [
      { kind: 'single_person_all_steps', personId: OKADA, stepId: null },
      { kind: 'single_holder_step', personId: OKADA, stepId: STEP_A },
      { kind: 'holder_leaving', personId: OKADA, stepId: null },
    ],
  },
  version: 5,
  abilities: { edit: true },
  ...patch,
});

type Call = { url: string; method: string; body: unknown };
let calls: Call[] = [];
let answers: Response[] = [];
const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
  // The editor's person picker searches the directory on its own; it finds nobody here.
  if (url.startsWith('/api/v1/people?')) return json({ items: [], page: 1, pageSize: 20, total: 0 });
  calls.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined });
  const next = answers.shift();
  if (!next) throw new Error(`unexpected request ${init?.method ?? 'GET'} ${url}`);
  return next;
});
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });

const renderPanel = (canEdit = true) =>
  render(
    <Providers queryClient={createQueryClient()} i18n={i18n}>
      <KnowHowPanel technologyId={TECHNOLOGY} canEdit={canEdit} />
    </Providers>,
  );

beforeEach(async () => {
  await i18n.changeLanguage('ja');
  calls = [];
  answers = [];
  vi.stubGlobal('fetch', fetchMock);
  api.setCsrfToken('csrf-token');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('know-how panel', () => {
  it('names the person behind each warning with their last working day, and shows the bus factor', async () => {
    answers = [json(map())];
    renderPanel(false);
    const analysis = await screen.findByRole('region', { name: '分析' });
    expect(within(analysis).getByText('集中リスク：重大')).toBeTruthy();
    expect(within(analysis).getByTestId('bus-factor').textContent).toBe('1人');
    const items = within(analysis)
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toContain(
      '1人で全工程のノウハウを持っています（その人が抜けると技術一式が流出・喪失するおそれ）：岡田 哲也（最終出社日 2026年12月26日）',
    );
    expect(items).toContain('1人しかノウハウを持たない工程があります：開発A（岡田 哲也）');
    expect(items).toContain('ノウハウ保有者が退職予定です：岡田 哲也（最終出社日 2026年12月26日）');
    // Read-only: no edit button and no cell buttons.
    expect(screen.queryByRole('button', { name: '編集する' })).toBeNull();
    expect(screen.queryByRole('button', { name: /岡田 哲也 × 開発A/ })).toBeNull();
  }, 30_000);

  it('saves the edited map with its version and explains a conflict, then loads the other version', async () => {
    answers = [
      json(map()),
      json(
        {
          error: {
            code: 'register/version_conflict',
            message: 'ほかの人がこの技術を更新しました。再読み込みしてからやり直してください。',
          },
        },
        409,
      ),
      json(map({ version: 6 })),
    ];
    renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: '編集する' }));
    const cell = screen.getByRole('button', { name: '岡田 哲也 × 生産B：単独で実施・指導できる' });
    fireEvent.keyDown(cell, { key: '1' });
    expect(screen.getByRole('button', { name: '岡田 哲也 × 生産B：概要を知っている' })).toBeTruthy();
    expect(screen.getByText('保存していない変更があります。分析は保存すると更新されます。')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('ほかの人が先に保存しました')).toBeTruthy();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.url).toBe(`/api/v1/register/technologies/${TECHNOLOGY}/know-how`);
    expect(put?.body).toEqual({
      steps: [
        { key: STEP_A, name: '開発A', description: null },
        { key: STEP_B, name: '生産B', description: null },
      ],
      holdings: [
        { stepKey: STEP_A, personId: OKADA, depth: 3 },
        { stepKey: STEP_B, personId: OKADA, depth: 1 },
      ],
      version: 5,
    });

    fireEvent.click(screen.getByRole('button', { name: '最新の内容を読み込む' }));
    // The editor starts again from the other version: the local change is gone.
    await waitFor(() =>
      expect(screen.getByRole('button', { name: '岡田 哲也 × 生産B：単独で実施・指導できる' })).toBeTruthy(),
    );
    expect(screen.queryByText('ほかの人が先に保存しました')).toBeNull();
    expect(screen.queryByText('保存していない変更があります。分析は保存すると更新されます。')).toBeNull();
  }, 30_000);

  it('refuses to save a step without a name', async () => {
    answers = [json(map())];
    renderPanel();
    fireEvent.click(await screen.findByRole('button', { name: '編集する' }));
    fireEvent.change(screen.getByRole('textbox', { name: '工程 2 の名前' }), { target: { value: '  ' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('工程名を入力してください。')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
  }, 30_000);
});
