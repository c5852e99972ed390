import { queryOptions } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api } from './api';
import { isApiError } from './api-client';
import type { Session } from './api-types';
import { SESSION_KEY } from './query-client';

/** Who is using the app: signed in with a session, or signed out with the server's reason code. */
export type SessionState = { status: 'signed_in'; session: Session } | { status: 'signed_out'; code: string };

/** Auth error codes that mean "not (fully) signed in" rather than a failure to show. */
const SIGNED_OUT_CODES = new Set(['auth/unauthenticated', 'auth/second_factor_required', 'auth/enrolment_required']);

/** Loads the session; 401-like answers become a signed-out state instead of an error. */
export const fetchSessionState = async (): Promise<SessionState> => {
  try {
    const session = await api.get<Session>('/session');
    // A session half-way through sign-in (second factor or enrolment pending) may not use the app yet.
    if (session.stage === 'second_factor') return { status: 'signed_out', code: 'auth/second_factor_required' };
    if (session.stage === 'enrolment') return { status: 'signed_out', code: 'auth/enrolment_required' };
    return { status: 'signed_in', session };
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || SIGNED_OUT_CODES.has(error.code))) {
      return { status: 'signed_out', code: error.code };
    }
    throw error;
  }
};

/** Query options of the session: refreshed every minute so that the unread count and permissions stay current. */
export const sessionQueryOptions = queryOptions({
  queryKey: SESSION_KEY,
  queryFn: fetchSessionState,
  staleTime: 30_000,
  refetchInterval: 60_000,
});

/** Holds the signed-in session for every page inside the app shell. */
export const SessionContext = createContext<Session | null>(null);

/** The signed-in session; only valid inside the app shell, which renders nothing until a session exists. */
export const useSession = (): Session => {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession() used outside the signed-in app shell');
  return session;
};
