import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { NotificationPage } from '../../lib/api-types';
import { SESSION_KEY } from '../../lib/query-client';

/** The user's notifications, newest first, a page at a time. */
export const useNotifications = (page: number, pageSize = 20) =>
  useQuery({
    queryKey: ['notifications', page, pageSize],
    queryFn: () => api.get<NotificationPage>('/notifications', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
  });

const useRefreshAfterRead = () => {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['notifications'] }),
      queryClient.invalidateQueries({ queryKey: SESSION_KEY }),
    ]);
};

/** Marks one notification as read (and refreshes the unread count in the header). */
export const useMarkNotificationRead = () => {
  const refresh = useRefreshAfterRead();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: refresh,
  });
};

/** Marks every notification as read. */
export const useMarkAllNotificationsRead = () => {
  const refresh = useRefreshAfterRead();
  return useMutation({ mutationFn: () => api.post<unknown>('/notifications/read-all'), onSuccess: refresh });
};
