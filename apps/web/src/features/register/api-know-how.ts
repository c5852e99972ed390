import type {
  AccessFinding,
  AccessGrantInput,
  AccessGrantView,
  ConcentrationRanking as ConcentrationRankingSchema,
  ConcentrationRiskLevel,
  KnowHowMapInput,
  KnowHowMapView,
} from '@kakine/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from '../../lib/api';
import type { Page, Wire } from '../../lib/api-types';

/** A technology's know-how map as the browser receives it. */
export type KnowHowMap = KnowHowMapView;
/** An access grant as the browser receives it (dates as ISO strings). */
export type AccessGrant = Wire<AccessGrantView>;
/** A page of the concentration ranking. */
export type ConcentrationPage = z.infer<typeof ConcentrationRankingSchema>;
/** One row of the concentration ranking. */
export type ConcentrationRow = ConcentrationPage['items'][number];

const technologyPath = (id: string) => `/register/technologies/${encodeURIComponent(id)}`;
const grantPath = (id: string) => `/register/grants/${encodeURIComponent(id)}`;

/**
 * Query keys of the know-how and access screens. They sit under `['register']`, so that anything that refreshes the
 * register (a technology edit, an import) refreshes them too.
 */
export const knowHowKeys = {
  map: (technologyId: string) => ['register', 'know-how', technologyId] as const,
  grants: (technologyId: string) => ['register', 'grants', technologyId] as const,
  review: ['register', 'access-review'] as const,
  concentration: ['register', 'concentration'] as const,
};

/** A technology's know-how map (steps × people) with its analysis. */
export const useKnowHowMap = (technologyId: string) =>
  useQuery({
    queryKey: knowHowKeys.map(technologyId),
    queryFn: () => api.get<KnowHowMap>(`${technologyPath(technologyId)}/know-how`),
  });

/**
 * Saves the whole know-how map with the technology's version; the answer is the saved map with its new analysis.
 * Everything under `register` is refreshed, since the technology's version and concentration figures changed.
 */
export const useSaveKnowHowMap = (technologyId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: KnowHowMapInput) =>
      api.request<KnowHowMap>('PUT', `${technologyPath(technologyId)}/know-how`, { body: input }),
    onSuccess: (map) => {
      queryClient.setQueryData(knowHowKeys.map(technologyId), map);
      return queryClient.invalidateQueries({
        queryKey: ['register'],
        predicate: (query) => query.queryKey[1] !== 'know-how' || query.queryKey[2] !== technologyId,
      });
    },
  });
};

/** Every access grant of a technology (active first). */
export const useTechnologyGrants = (technologyId: string) =>
  useQuery({
    queryKey: knowHowKeys.grants(technologyId),
    queryFn: () => api.get<{ items: AccessGrant[] }>(`${technologyPath(technologyId)}/grants`),
  });

/** After a grant changes: its technology's grants, the access review, and people's grant counts are stale. */
const useRefreshGrants = () => {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['register', 'grants'] }),
      queryClient.invalidateQueries({ queryKey: knowHowKeys.review }),
      queryClient.invalidateQueries({ queryKey: ['people'] }),
    ]);
};

/** Grants a person or a department access to a technology. */
export const useCreateGrant = (technologyId: string) => {
  const refresh = useRefreshGrants();
  return useMutation({
    mutationFn: (input: AccessGrantInput) => api.post<AccessGrant>(`${technologyPath(technologyId)}/grants`, input),
    onSuccess: refresh,
  });
};

/** Changes a grant's reason or expiry. */
export const useUpdateGrant = () => {
  const refresh = useRefreshGrants();
  return useMutation({
    mutationFn: ({ id, ...patch }: { id: string; reason?: string; expiresOn?: string | null }) =>
      api.patch<AccessGrant>(grantPath(id), patch),
    onSuccess: refresh,
  });
};

/** Revokes a grant, with an optional reason for the audit trail. */
export const useRevokeGrant = () => {
  const refresh = useRefreshGrants();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string | null }) =>
      api.post<AccessGrant>(`${grantPath(id)}/revoke`, { reason }),
    onSuccess: refresh,
  });
};

/** Filters of the access review; empty strings mean "no filter". */
export type AccessReviewFilters = {
  finding: AccessFinding | '';
  state: 'active' | 'expired' | 'revoked' | '';
  sort: 'technologyCode' | 'personName' | 'expiresOn' | 'grantedAt';
  order: 'asc' | 'desc';
};

/** Grants with findings across the technologies the caller manages or may read in full. */
export const useAccessReview = (filters: AccessReviewFilters, page: number, pageSize: number) =>
  useQuery({
    queryKey: [...knowHowKeys.review, filters, page, pageSize],
    queryFn: () => api.get<Page<AccessGrant>>('/register/access-review', { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

/** The CSV/XLSX export URL of the access review with the same filters. */
export const accessReviewExportUrl = (filters: AccessReviewFilters, format: 'csv' | 'xlsx') =>
  api.url('/register/access-review', { ...filters, format });

/** Filters of the concentration ranking; empty strings mean "no filter". */
export type ConcentrationFilters = { level: ConcentrationRiskLevel | ''; core: 'true' | 'false' | '' };

/** The register ranked by concentration risk, highest first. */
export const useConcentration = (filters: ConcentrationFilters, page: number, pageSize: number) =>
  useQuery({
    queryKey: [...knowHowKeys.concentration, filters, page, pageSize],
    queryFn: () => api.get<ConcentrationPage>('/register/concentration', { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
  });

/** The CSV/XLSX export URL of the concentration ranking with the same filters. */
export const concentrationExportUrl = (filters: ConcentrationFilters, format: 'csv' | 'xlsx') =>
  api.url('/register/concentration', { ...filters, format });
