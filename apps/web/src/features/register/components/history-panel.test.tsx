import { DEFAULT_CLASSIFICATION_LEVELS } from '@kakine/contracts';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Providers } from '../../../app/providers';
import { i18n } from '../../../lib/i18n';
import { createQueryClient } from '../../../lib/query-client';
import { HistoryPanel } from './history-panel';

const TECHNOLOGY_ID = '11111111-1111-4111-8111-111111111111';
const OWNER_ID = '22222222-2222-4222-8222-222222222222';
const FILE_ID = '33333333-3333-4333-8333-333333333333';

const history = {
  items: [
    {
      seq: 12,
      occurredAt: '2026-04-01T01:00:00.000Z',
      type: 'technology.updated',
      typeLabel: '技術の更新',
      actorLabel: '高橋 健一',
      changes: [
        { field: 'classificationCode', before: 'secret', after: 'top_secret' },
        { field: 'ownerUserId', before: null, after: OWNER_ID },
        { field: 'products', before: ['汎用MLCC'], after: ['汎用MLCC', '車載用MLCC'] },
        { field: 'exportControlEvidence', before: [], after: [FILE_ID] },
        { field: 'lastReviewedOn', before: '2025-04-01', after: '2026-03-31' },
        { field: 'isCore', before: false, after: true },
        {
          field: 'locations',
          before: [],
          after: [{ kind: 'site', name: '蘇州工場', countryCode: 'CN', detail: null }],
        },
      ],
      details: { code: 'MC-002', source: 'import' },
    },
  ],
  page: 1,
  pageSize: 20,
  total: 1,
};

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
  const url = String(input);
  if (url.includes('/history')) return json(history);
  if (url.includes('/register/settings')) {
    return json({
      classificationLevels: DEFAULT_CLASSIFICATION_LEVELS,
      inaccessibleVisibility: 'names',
      defaultReviewIntervalMonths: 12,
      reminderLeadDays: 30,
      abilities: { edit: false },
    });
  }
  if (url.includes('/register/owners')) {
    return json({ items: [{ id: OWNER_ID, displayName: '山田 花子', email: 'y@example.jp', roles: [] }] });
  }
  if (url.includes('/files')) {
    return json({ items: [{ id: FILE_ID, name: '該非判定書.pdf', size: 2048 }], page: 1, pageSize: 500, total: 1 });
  }
  return new Response('{}', { status: 404 });
});

beforeEach(async () => {
  await i18n.changeLanguage('ja');
  vi.stubGlobal('fetch', fetchMock);
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const renderPanel = () =>
  render(
    <Providers queryClient={createQueryClient()} i18n={i18n}>
      <HistoryPanel technologyId={TECHNOLOGY_ID} />
    </Providers>,
  );

/** The before and after cells of the change row labelled `field`. */
const changeRow = (field: string) => {
  const header = screen.getByRole('rowheader', { name: field });
  const row = header.closest('tr');
  if (!row) throw new Error(`no row for ${field}`);
  return within(row);
};

describe('technology history', () => {
  it('shows who changed what and when, with each field before → after in words, not codes', async () => {
    renderPanel();
    const entry = await screen.findByRole('listitem');
    expect(within(entry).getByText('技術の更新')).toBeTruthy();
    expect(within(entry).getByText('高橋 健一')).toBeTruthy();
    expect(within(entry).getByText('2026年4月1日 10:00')).toBeTruthy();

    expect(await changeRow('機密区分').findByText('極秘')).toBeTruthy();
    expect(changeRow('機密区分').getByText('秘')).toBeTruthy();
    expect(await changeRow('技術オーナー').findByText('山田 花子')).toBeTruthy();
    expect(changeRow('技術オーナー').getByText('（なし）')).toBeTruthy();
    expect(changeRow('最終見直し日').getByText('2026年3月31日')).toBeTruthy();
    expect(changeRow('コア技術').getByText('はい')).toBeTruthy();
    expect(changeRow('コア技術').getByText('いいえ')).toBeTruthy();
  });

  it('shows only what a list gained or lost, naming files and describing locations', async () => {
    renderPanel();
    await screen.findByRole('listitem');
    const products = changeRow('使用製品');
    expect(products.getByText('車載用MLCC')).toBeTruthy();
    expect(products.queryByText('汎用MLCC')).toBeNull();
    expect(await changeRow('該非判定の根拠資料').findByText('該非判定書.pdf')).toBeTruthy();
    expect(changeRow('保管場所').getByText('種類：拠点、名称：蘇州工場、国・地域：CN')).toBeTruthy();
  });

  it('states how the change was made and hides the technology code it already belongs to', async () => {
    renderPanel();
    const entry = await screen.findByRole('listitem');
    expect(within(entry).getByText('：ファイル取り込み', { exact: false })).toBeTruthy();
    expect(within(entry).queryByText(/MC-002/)).toBeNull();
  });
});
