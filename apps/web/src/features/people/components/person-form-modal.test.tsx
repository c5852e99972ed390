import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Providers } from '../../../app/providers';
import { api } from '../../../lib/api';
import { i18n } from '../../../lib/i18n';
import { createQueryClient } from '../../../lib/query-client';
import type { Person } from '../api';
import { PersonFormModal, personFormValues, toPersonInput, validatePersonForm } from './person-form-modal';

// jsdom has no FontFaceSet; Mantine's autosize textarea listens to it.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => {}, removeEventListener: () => {} },
  });
}

const okada: Person = {
  id: '00000000-0000-4000-8000-000000000009',
  employeeId: 'M-0009',
  name: '岡田 哲也',
  nameKana: 'オカダ テツヤ',
  email: null,
  department: '積層技術部',
  jobTitle: '主席技師',
  employmentType: 'employee',
  employer: null,
  status: 'active',
  lastWorkingDay: null,
  contractEndDate: null,
  notes: null,
  userId: null,
  knowHowTechnologies: 1,
  accessGrants: 1,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  abilities: { edit: true },
};

type Call = { url: string; method: string; body: unknown };
let calls: Call[] = [];
let answers: Response[] = [];
const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
  calls.push({ url, method: init?.method ?? 'GET', body: init?.body ? JSON.parse(String(init.body)) : undefined });
  // The departments picker asks on its own; answer it with an empty list.
  if (url.startsWith('/api/v1/people/departments')) return new Response(JSON.stringify({ items: [] }));
  const next = answers.shift();
  if (!next) throw new Error(`unexpected request ${url}`);
  return next;
});
const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status });

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

describe('person form rules', () => {
  it('needs a last working day for someone leaving or gone, and valid dates and e-mail', () => {
    const base = personFormValues(null);
    expect(validatePersonForm(base)).toEqual({ employeeId: 'required', name: 'required' });
    const leaving = { ...base, employeeId: 'E1', name: '鈴木 一郎', status: 'leaving' as const };
    expect(validatePersonForm(leaving)).toEqual({ lastWorkingDay: 'required' });
    expect(validatePersonForm({ ...leaving, lastWorkingDay: '2026-02-30' })).toEqual({ lastWorkingDay: 'date' });
    expect(validatePersonForm({ ...leaving, lastWorkingDay: '2026-03-31' })).toEqual({});
    expect(validatePersonForm({ ...leaving, lastWorkingDay: '2026-03-31', email: 'x@' })).toEqual({ email: 'email' });
  });

  it('sends trimmed text and null for blanks', () => {
    const values = { ...personFormValues(okada), name: ' 岡田 哲也 ', jobTitle: '  ', notes: '' };
    expect(toPersonInput(values)).toMatchObject({ name: '岡田 哲也', jobTitle: null, notes: null, email: null });
  });
});

describe('person form dialog', () => {
  it('explains a version conflict and loads the other version to edit again', async () => {
    answers = [
      json(
        {
          error: {
            code: 'people/version_conflict',
            message: 'ほかの人がこの人員情報を更新しました。再読み込みしてからやり直してください。',
          },
        },
        409,
      ),
      json({ ...okada, status: 'leaving', lastWorkingDay: '2026-12-26', version: 4 }),
    ];
    render(
      <Providers queryClient={createQueryClient()} i18n={i18n}>
        <PersonFormModal opened person={okada} onClose={() => {}} />
      </Providers>,
    );
    fireEvent.change(screen.getByRole('textbox', { name: '役職' }), { target: { value: '技師長' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('ほかの人が先に更新しました')).toBeTruthy();
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.url).toBe(`/api/v1/people/${okada.id}`);
    expect(put?.body).toMatchObject({ version: 3, person: { jobTitle: '技師長', employeeId: 'M-0009' } });
    expect(screen.getByRole('button', { name: '保存' }).hasAttribute('disabled')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: '最新の内容を読み込む' }));
    await waitFor(() => expect(screen.queryByText('ほかの人が先に更新しました')).toBeNull());
    // The other person's change is now in the form, and saving again would send their version.
    expect((screen.getByLabelText(/最終出社日/) as HTMLInputElement).value).toBe('2026-12-26');
    expect((screen.getByRole('textbox', { name: '役職' }) as HTMLInputElement).value).toBe('主席技師');
    expect(screen.getByRole('button', { name: '保存' }).hasAttribute('disabled')).toBe(false);
    // A large dialog renders slowly in jsdom on a busy machine; this is the runner's budget, not an assertion.
  }, 30_000);
});
