import { type QueryClient, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  DemoAccount,
  InvitationLookup,
  RecoveryCodes,
  SignInNext,
  SignInResponse,
  TotpSetup,
} from '../../lib/api-types';
import { type SessionState, sessionQueryOptions } from '../../lib/session';

/** Fetches the session again right now (after a change to the account), bypassing the cache. */
export const reloadSession = (queryClient: QueryClient): Promise<SessionState> =>
  queryClient.fetchQuery({ ...sessionQueryOptions, staleTime: 0 });

/**
 * Starts using a newly signed-in session: forgets every cached answer (they may belong to whoever was signed in
 * before in this browser) and loads the new session.
 */
export const startSession = (queryClient: QueryClient): Promise<SessionState> => {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryOptions.queryKey[0] });
  return reloadSession(queryClient);
};

/**
 * Calls an endpoint that starts or replaces the session; the new session has its own CSRF token, so the old one is
 * forgotten and the next state-changing request fetches the new one.
 */
const sessionChanging = async <T>(call: () => Promise<T>): Promise<T> => {
  const result = await call();
  api.setCsrfToken(null);
  return result;
};

/** Demo accounts for click-to-fill on the sign-in page; an empty list outside demo mode. */
export const useDemoAccounts = () =>
  useQuery({
    queryKey: ['auth', 'demo-accounts'],
    queryFn: async (): Promise<DemoAccount[]> => {
      const body = await api.get<DemoAccount[] | { items: DemoAccount[] }>('/auth/demo-accounts');
      return Array.isArray(body) ? body : (body.items ?? []);
    },
    retry: false,
    // Each account carries its current TOTP code, which changes every 30 seconds.
    staleTime: 20_000,
    throwOnError: false,
  });

/** First sign-in step: e-mail and password. */
export const useSignIn = () =>
  useMutation({
    mutationFn: (input: { email: string; password: string }) =>
      sessionChanging(() => api.post<SignInResponse>('/auth/sign-in', input)),
  });

/** Second sign-in step: a TOTP code or a recovery code. */
export const useSecondFactor = () =>
  useMutation({
    mutationFn: (input: { code: string }) =>
      sessionChanging(() => api.post<{ next: SignInNext }>('/auth/second-factor', input)),
  });

/** Asks for a password-reset e-mail (the answer never reveals whether the address exists). */
export const usePasswordResetRequest = () =>
  useMutation({
    mutationFn: (input: { email: string }) => api.post<{ ok: true }>('/auth/password-reset/request', input),
  });

/** Sets a new password with the token from the reset e-mail. */
export const usePasswordResetComplete = () =>
  useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api.post<{ ok: true }>('/auth/password-reset/complete', input),
  });

/** Looks up an invitation by its token (organisation, e-mail, roles). */
export const useInvitationLookup = (token: string | undefined) =>
  useQuery({
    queryKey: ['invitations', 'lookup', token],
    queryFn: () => api.get<InvitationLookup>('/invitations/lookup', { query: { token } }),
    enabled: Boolean(token),
    retry: false,
  });

/** Accepts an invitation: creates the account and signs it in, pending second-factor enrolment. */
export const useAcceptInvitation = () =>
  useMutation({
    mutationFn: (input: { token: string; displayName: string; password: string }) =>
      sessionChanging(() => api.post<{ next: SignInNext }>('/invitations/accept', input)),
  });

/** Starts TOTP enrolment: a new secret with its QR code. */
export const useTotpSetup = () => useMutation({ mutationFn: () => api.post<TotpSetup>('/account/totp/setup') });

/** Confirms TOTP enrolment with a code from the app; answers with the recovery codes (shown once). */
export const useTotpConfirm = () =>
  useMutation({
    mutationFn: (input: { code: string }) =>
      sessionChanging(() => api.post<RecoveryCodes>('/account/totp/confirm', input)),
  });
