import type {
  RegisterOwnerList,
  RegisterSettings,
  RegisterSettingsView,
  RequirementAssessmentInput as RequirementAssessmentInputSchema,
  StoredFilePage,
  StoredFileView,
  TechnologyHistory,
  TechnologyInput,
  TechnologyList,
  TechnologyListItem as TechnologyListItemSchema,
  TechnologyView as TechnologyViewSchema,
  TradeSecretRequirement,
} from '@kakine/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';
import type { Wire } from '../../lib/api-types';
import { type RegisterSearch, toListQuery } from './list-search';

/** A technology as the browser receives it (dates as ISO strings). */
export type Technology = Wire<TechnologyViewSchema>;
/** One row of the register list as the browser receives it. */
export type TechnologyRow = Wire<TechnologyListItemSchema>;
/** A page of the register with the caller's register-wide abilities. */
export type TechnologyPage = Wire<TechnologyList>;
/** One page of a technology's history. */
export type HistoryPage = Wire<z.infer<typeof TechnologyHistory>>;
/** One entry of a technology's history. */
export type HistoryEntry = HistoryPage['items'][number];
/** The register settings with the caller's right to change them. */
export type Settings = z.infer<typeof RegisterSettingsView>;
/** One trade-secret requirement's assessment as sent. */
export type RequirementAssessmentInput = z.input<typeof RequirementAssessmentInputSchema>;
/** The users a technology may be assigned to (GET /register/owners). */
export type OwnerList = RegisterOwnerList;

/** The record type under which a technology's evidence files are stored by the files API. */
export const TECHNOLOGY_RECORD_TYPE = 'technology';

const technologyPath = (id: string) => `/register/technologies/${encodeURIComponent(id)}`;

/** Query keys of the register, so that every mutation refreshes exactly what it changed. */
export const registerKeys = {
  all: ['register'] as const,
  list: (search: RegisterSearch) => ['register', 'technologies', 'list', search] as const,
  technology: (id: string) => ['register', 'technologies', 'one', id] as const,
  history: (id: string, page: number) => ['register', 'technologies', 'history', id, page] as const,
  files: (id: string) => ['register', 'technologies', 'files', id] as const,
  settings: ['register', 'settings'] as const,
  owners: ['register', 'owners'] as const,
};

/** The register list with the filters, sort and page of the URL. */
export const useTechnologies = (search: RegisterSearch, pageSize: number) =>
  useQuery({
    queryKey: [...registerKeys.list(search), pageSize],
    queryFn: () => api.get<TechnologyPage>('/register/technologies', { query: { ...toListQuery(search), pageSize } }),
    placeholderData: keepPreviousData,
  });

/** The CSV/XLSX export URL of the register with the same filters and sort (every matching row, template columns). */
export const technologiesExportUrl = (search: RegisterSearch, format: 'csv' | 'xlsx') =>
  api.url('/register/technologies', { ...toListQuery({ ...search, page: undefined }), format });

/** One technology with everything the caller may see of it. */
export const useTechnology = (id: string) =>
  useQuery({
    queryKey: registerKeys.technology(id),
    queryFn: () => api.get<Technology>(technologyPath(id)),
  });

/** A technology's history from the audit trail, newest first. */
export const useTechnologyHistory = (id: string, page: number, pageSize: number, enabled = true) =>
  useQuery({
    queryKey: [...registerKeys.history(id, page), pageSize],
    queryFn: () => api.get<HistoryPage>(`${technologyPath(id)}/history`, { query: { page, pageSize } }),
    placeholderData: keepPreviousData,
    enabled,
  });

/** The register's settings: classification levels, visibility, review cadence and reminders. */
export const useRegisterSettings = () =>
  useQuery({
    queryKey: registerKeys.settings,
    queryFn: () => api.get<Settings>('/register/settings'),
    staleTime: 60_000,
  });

/** The users who may own a technology, for the owner picker and filter. */
export const useOwners = (enabled = true) =>
  useQuery({
    queryKey: registerKeys.owners,
    queryFn: () => api.get<OwnerList>('/register/owners'),
    staleTime: 60_000,
    enabled,
  });

/** The files attached to a technology (export-control and trade-secret evidence), to name and download them. */
export const useTechnologyFiles = (id: string | null) =>
  useQuery({
    queryKey: registerKeys.files(id ?? ''),
    queryFn: () =>
      api.get<StoredFilePage>('/files', {
        query: { recordType: TECHNOLOGY_RECORD_TYPE, recordId: id, pageSize: 500, order: 'desc' },
      }),
    enabled: Boolean(id),
  });

/** The download URL of a stored file. */
export const fileDownloadUrl = (fileId: string) => api.url(`/files/${encodeURIComponent(fileId)}`);

/** Uploads an evidence file to a technology; the answer carries the new file's id to reference from the record. */
export const useUploadEvidence = (technologyId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set('recordType', TECHNOLOGY_RECORD_TYPE);
      form.set('recordId', technologyId);
      // The file goes last: the server reads the fields before it streams the file.
      form.set('file', file, file.name);
      return api.post<StoredFileView>('/files', form);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registerKeys.files(technologyId) }),
  });
};

/** Registers a new technology. */
export const useCreateTechnology = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TechnologyInput) => api.post<Technology>('/register/technologies', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registerKeys.all }),
  });
};

/** Replaces a technology, sending the version read so that a concurrent change is refused, not overwritten. */
export const useUpdateTechnology = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { technology: TechnologyInput; version: number }) =>
      api.request<Technology>('PUT', technologyPath(id), { body }),
    onSuccess: (technology) => {
      queryClient.setQueryData(registerKeys.technology(id), technology);
      return queryClient.invalidateQueries({ queryKey: registerKeys.all });
    },
  });
};

/** Archives, restores or deletes a technology; refreshes the register afterwards. */
export const useTechnologyLifecycle = (id: string) => {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: registerKeys.all });
  return {
    archive: useMutation({
      mutationFn: (reason: string) => api.post<Technology>(`${technologyPath(id)}/archive`, { reason: reason || null }),
      onSuccess: refresh,
    }),
    restore: useMutation({
      mutationFn: () => api.post<Technology>(`${technologyPath(id)}/restore`, { reason: null }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: () => api.request<unknown>('DELETE', technologyPath(id)),
      onSuccess: () => queryClient.removeQueries({ queryKey: registerKeys.technology(id) }),
    }),
  };
};

/** Records one trade-secret requirement's status, note, evidence and review date. */
export const useAssessRequirement = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ requirement, ...input }: { requirement: TradeSecretRequirement } & RequirementAssessmentInput) =>
      api.request<unknown>('PUT', `${technologyPath(id)}/trade-secret/${requirement}`, { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registerKeys.all }),
  });
};

/** Saves the register settings. */
export const useSaveRegisterSettings = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: RegisterSettings) => api.request<Settings>('PUT', '/register/settings', { body: settings }),
    onSuccess: (saved) => {
      queryClient.setQueryData(registerKeys.settings, saved);
      return queryClient.invalidateQueries({ queryKey: registerKeys.all });
    },
  });
};

/** The API path of the register import (multipart: mode, dryRun, file). */
export const REGISTER_IMPORT_PATH = '/register/import';

/** The import template's download URL (Japanese headers, one example row). */
export const importTemplateUrl = (format: 'csv' | 'xlsx') => api.url('/register/import-template', { format });

/** Refreshes every register query after an import changed the register. */
export const useRefreshRegister = () => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: registerKeys.all });
};
