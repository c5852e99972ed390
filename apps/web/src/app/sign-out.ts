import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { SESSION_KEY } from '../lib/query-client';
import { type SessionState, sessionQueryOptions } from '../lib/session';

/** Signs out here (or on every device), forgets all cached data and returns to the sign-in page. */
export const useSignOut = () => {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: (everywhere: boolean) => api.post<unknown>('/auth/sign-out', { everywhere }),
    onSuccess: async () => {
      api.setCsrfToken(null);
      const signedOut: SessionState = { status: 'signed_out', code: 'auth/unauthenticated' };
      queryClient.setQueryData(sessionQueryOptions.queryKey, signedOut);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
      await navigate({ to: '/sign-in' });
      notifications.show({ message: t('shell.signedOut') });
    },
  });
};
