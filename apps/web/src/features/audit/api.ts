import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { AuditEvent, AuditVerification, Page } from '../../lib/api-types';

/** Filters of the audit trail; empty strings mean "no filter". */
export type AuditFilters = {
  type: string;
  actorUserId: string;
  from: string;
  to: string;
  order: 'asc' | 'desc';
};

/** The audit trail, a page at a time, with filters. */
export const useAuditEvents = (filters: AuditFilters, page: number, pageSize: number) =>
  useQuery({
    queryKey: ['audit', 'events', filters, page, pageSize],
    queryFn: () => api.get<Page<AuditEvent>>('/audit/events', { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

/** The CSV/XLSX export URL of the audit trail with the same filters (the same list endpoint). */
export const auditExportUrl = (filters: AuditFilters, format: 'csv' | 'xlsx') =>
  api.url('/audit/events', { ...filters, format });

/** Verifies the whole hash chain on the server. */
export const useVerifyAuditChain = () =>
  useMutation({ mutationFn: () => api.post<AuditVerification>('/audit/verify') });
