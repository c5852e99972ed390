import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  CatalogueList,
  CatalogueName,
  CatalogueSnapshot,
  Country,
  DesignatedTechnology,
  EndUser,
  Job,
  PagedCatalogueSnapshot,
  PublishResponse,
} from '../../lib/api-types';

/** URL segment of each catalogue in `POST /catalogues/:catalogue/versions`. */
export const CATALOGUE_SEGMENTS: Record<CatalogueName, string> = {
  designated_technologies: 'designated-technologies',
  countries: 'countries',
  end_user_list: 'end-user-list',
};

/** Every catalogue with its published versions. */
export const useCatalogues = () =>
  useQuery({ queryKey: ['catalogues', 'list'], queryFn: () => api.get<CatalogueList>('/catalogues') });

/** The designated technologies in force on a date. */
export const useDesignatedTechnologies = (asOf: string) =>
  useQuery({
    queryKey: ['catalogues', 'designated-technologies', asOf],
    queryFn: () =>
      api.get<CatalogueSnapshot<DesignatedTechnology>>('/catalogues/designated-technologies', { query: { asOf } }),
    placeholderData: keepPreviousData,
  });

/** Countries with their Group A membership on a date, optionally searched or limited to Group A. */
export const useCountries = (params: { asOf: string; q?: string; groupA?: boolean }) =>
  useQuery({
    queryKey: ['catalogues', 'countries', params],
    queryFn: () =>
      api.get<CatalogueSnapshot<Country>>('/catalogues/countries', {
        query: { asOf: params.asOf, q: params.q, groupA: params.groupA ? 'true' : undefined },
      }),
    placeholderData: keepPreviousData,
  });

/** Filters of the End User List; `country` is an ISO 3166-1 alpha-2 code. */
export type EndUserParams = { asOf: string; q: string; country: string; page: number; pageSize: number };

/** The End User List in force on a date, searched and paged. */
export const useEndUsers = (params: EndUserParams) =>
  useQuery({
    queryKey: ['catalogues', 'end-user-list', params],
    queryFn: () => api.get<PagedCatalogueSnapshot<EndUser>>('/catalogues/end-user-list', { query: params }),
    placeholderData: keepPreviousData,
  });

/** The CSV/XLSX export URL of the End User List with the same filters. */
export const endUsersExportUrl = (params: Omit<EndUserParams, 'page' | 'pageSize'>, format: 'csv' | 'xlsx') =>
  api.url('/catalogues/end-user-list', { ...params, format });

/** Input of "publish new version". */
export type PublishInput = {
  catalogue: CatalogueName;
  file: File;
  effectiveFrom: string;
  label: string;
  source: string;
  sourceUrl?: string;
};

/** Uploads a catalogue file as a new version; the server answers with the id of the import job. */
export const usePublishVersion = () =>
  useMutation({
    mutationFn: (input: PublishInput) => {
      const form = new FormData();
      form.set('effectiveFrom', input.effectiveFrom);
      form.set('label', input.label);
      form.set('source', input.source);
      if (input.sourceUrl) form.set('sourceUrl', input.sourceUrl);
      // The file goes last so that servers streaming multipart have read the fields before it.
      form.set('file', input.file, input.file.name);
      return api.post<PublishResponse>(`/catalogues/${CATALOGUE_SEGMENTS[input.catalogue]}/versions`, form);
    },
  });

/** Whether a job has finished, one way or the other. */
export const isJobFinished = (job: Pick<Job, 'status'> | undefined): boolean =>
  job?.status === 'succeeded' || job?.status === 'failed';

/** A background job, polled every second until it has finished; refreshes catalogues when it succeeds. */
export const useJob = (jobId: string | null) => {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['jobs', jobId],
    queryFn: async () => {
      const job = await api.get<Job>(`/jobs/${encodeURIComponent(jobId ?? '')}`);
      if (job.status === 'succeeded') await queryClient.invalidateQueries({ queryKey: ['catalogues'] });
      return job;
    },
    enabled: Boolean(jobId),
    refetchInterval: (query) => (isJobFinished(query.state.data) ? false : 1000),
  });
};
