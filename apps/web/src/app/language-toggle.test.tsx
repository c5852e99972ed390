import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api } from '../lib/api';
import { i18n, LOCALE_STORAGE_KEY } from '../lib/i18n';
import { createQueryClient, SESSION_KEY } from '../lib/query-client';
import type { SessionState } from '../lib/session';
import { LanguageToggle } from './language-toggle';
import { Providers } from './providers';

const signedIn: SessionState = {
  status: 'signed_in',
  session: {
    user: { id: 'u', email: 'a@example.jp', displayName: 'A', roles: ['admin'], locale: 'ja', totpEnrolled: true },
    organisation: { id: 'o', kind: 'company', nameJa: '会社', nameEn: 'Company' },
    stage: 'active',
    permissions: [],
    csrfToken: 'csrf-token',
    demo: false,
    unreadNotifications: 0,
  },
};

const renderToggle = (state?: SessionState) => {
  const queryClient = createQueryClient();
  if (state) queryClient.setQueryData(SESSION_KEY, state);
  render(
    <Providers queryClient={queryClient} i18n={i18n}>
      <LanguageToggle />
    </Providers>,
  );
  return queryClient;
};

const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true }), { status: 200 }));

beforeEach(async () => {
  await i18n.changeLanguage('ja');
  localStorage.removeItem(LOCALE_STORAGE_KEY);
  fetchMock.mockClear();
  vi.stubGlobal('fetch', fetchMock);
  api.setCsrfToken('csrf-token');
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('language toggle', () => {
  it('switches to English, sets <html lang> and remembers the choice on this device', async () => {
    renderToggle();
    fireEvent.click(screen.getByLabelText('English'));
    await waitFor(() => expect(document.documentElement.lang).toBe('en'));
    expect(localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
    // Signed out: nothing to save on the server.
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('saves the choice to the account when signed in', async () => {
    const queryClient = renderToggle(signedIn);
    fireEvent.click(screen.getByLabelText('English'));
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/account/preferences');
    expect(init.method).toBe('PATCH');
    expect(JSON.parse(String(init.body))).toEqual({ locale: 'en' });
    expect((init.headers as Record<string, string>)['x-csrf-token']).toBe('csrf-token');
    await waitFor(() =>
      expect(queryClient.getQueryData<SessionState>(SESSION_KEY)).toMatchObject({
        session: { user: { locale: 'en' } },
      }),
    );
  });
});
