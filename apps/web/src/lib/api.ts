import { createApiClient } from './api-client';
import { i18n } from './i18n';

/** The application's API client: talks to `/api/v1` in the current UI language. */
export const api = createApiClient({
  getLanguage: () => i18n.language,
  messages: {
    network: () => i18n.t('errors.network'),
    unexpected: () => i18n.t('errors.unexpected'),
  },
});
