import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { AdminUser, Invitation, Page } from '../../lib/api-types';

/** Columns the users list can be sorted by. */
export type UserSortField = 'displayName' | 'email' | 'lastSignInAt' | 'createdAt';

/** Filters, sort and page of the users list. */
export type UserListParams = {
  page: number;
  pageSize: number;
  q: string;
  sort?: UserSortField;
  order?: 'asc' | 'desc';
};

/** The organisation's users, a page at a time. */
export const useUsers = (params: UserListParams) =>
  useQuery({
    queryKey: ['admin', 'users', params],
    queryFn: () => api.get<Page<AdminUser>>('/admin/users', { query: params }),
    placeholderData: keepPreviousData,
  });

/** The CSV/XLSX export URL of the users list with the same filters. */
export const usersExportUrl = (params: Omit<UserListParams, 'page' | 'pageSize'>, format: 'csv' | 'xlsx') =>
  api.url('/admin/users', { ...params, format });

/** The CSV/XLSX export URL of the invitations list. */
export const invitationsExportUrl = (format: 'csv' | 'xlsx') => api.url('/admin/invitations', { format });

/** The organisation's invitations. */
export const useInvitations = () =>
  useQuery({
    queryKey: ['admin', 'invitations'],
    queryFn: () => api.get<Page<Invitation>>('/admin/invitations', { query: { pageSize: 200 } }),
  });

/** Changes a user's roles or status; refreshes the lists afterwards. */
export const useUpdateUser = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; roles?: string[]; status?: 'active' | 'disabled' }) =>
      api.patch<AdminUser>(`/admin/users/${encodeURIComponent(id)}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
};

/** Invites a person by e-mail with the given roles. */
export const useInviteUser = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { email: string; displayName: string; roles: string[] }) =>
      api.post<Invitation>('/admin/invitations', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'invitations'] }),
  });
};

/** Revokes a pending invitation. */
export const useRevokeInvitation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/admin/invitations/${encodeURIComponent(id)}/revoke`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin', 'invitations'] }),
  });
};
