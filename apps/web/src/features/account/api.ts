import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { RecoveryCodes } from '../../lib/api-types';

/** Changes the password (needs the current one). */
export const useChangePassword = () =>
  useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<unknown>('/account/password', input),
  });

/** Turns TOTP off (needs the current password). */
export const useDisableTotp = () =>
  useMutation({ mutationFn: (input: { password: string }) => api.post<unknown>('/account/totp/disable', input) });

/** Issues a new set of recovery codes (confirmed with the password); every earlier code stops working. */
export const useRegenerateRecoveryCodes = () =>
  useMutation({
    mutationFn: (input: { password?: string }) => api.post<RecoveryCodes>('/account/totp/recovery-codes', input),
  });
