import { QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

/** The query key of the current session; invalidate it after anything that changes who is signed in. */
export const SESSION_KEY = ['session'] as const;

/** Whether a failed query is worth retrying: network trouble and 5xx yes, client errors (4xx) never. */
export const shouldRetry = (failureCount: number, error: unknown): boolean => {
  if (failureCount >= 2) return false;
  if (isApiError(error)) return error.status === 0 || error.status >= 500;
  return true;
};

/** Creates the query client; a 401 on any query re-checks the session so that the app returns to sign-in. */
export const createQueryClient = (): QueryClient => {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error, 'auth/unauthenticated') && query.queryKey[0] !== SESSION_KEY[0]) {
          void client.invalidateQueries({ queryKey: SESSION_KEY });
        }
      },
    }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: true, staleTime: 15_000 },
      mutations: { retry: false },
    },
  });
  return client;
};
