import type { Locale } from '@kakine/contracts';
import { notifications } from '@mantine/notifications';
import { type QueryClient, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { isApiError } from '../lib/api-client';
import { storeLocale } from '../lib/i18n';
import { SESSION_KEY } from '../lib/query-client';
import { type SessionState, sessionQueryOptions } from '../lib/session';
import { rememberPendingLocale } from './pending-locale';

/**
 * Saves the UI language to the signed-in account (PATCH /account/preferences), updates the cached session and
 * reloads server-made texts (notification titles, messages), which come in the account's language.
 */
export const saveAccountLocale = async (queryClient: QueryClient, locale: Locale): Promise<void> => {
  const state = queryClient.getQueryData(sessionQueryOptions.queryKey);
  if (state?.status !== 'signed_in' || state.session.user.locale === locale) return;
  await api.patch('/account/preferences', { locale });
  const updated: SessionState = {
    status: 'signed_in',
    session: { ...state.session, user: { ...state.session.user, locale } },
  };
  queryClient.setQueryData(sessionQueryOptions.queryKey, updated);
  await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
};

/**
 * Switches the UI language: applies it at once and remembers it on this device; when signed in it is saved to the
 * account so that every device and the server's e-mails follow it, and when signed out it is saved at sign-in.
 */
export const useChangeLanguage = () => {
  const { i18n, t } = useTranslation();
  const queryClient = useQueryClient();
  return async (locale: Locale) => {
    await i18n.changeLanguage(locale);
    storeLocale(locale);
    const state = queryClient.getQueryData(sessionQueryOptions.queryKey);
    if (state?.status !== 'signed_in') {
      rememberPendingLocale(locale);
      return;
    }
    try {
      await saveAccountLocale(queryClient, locale);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('errors.title'),
        message: isApiError(error) ? error.message : t('errors.unexpected'),
      });
    }
  };
};
