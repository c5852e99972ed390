import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { OutboxMessage, Page } from '../../lib/api-types';

/** The e-mails recorded by the demo outbox, newest first. */
export const useOutbox = (page: number, pageSize = 20) =>
  useQuery({
    queryKey: ['outbox', page, pageSize],
    queryFn: () => api.get<Page<OutboxMessage>>('/outbox', { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
