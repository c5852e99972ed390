import { CATALOGUE_SEGMENTS } from '@kakine/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type {
  CatalogueList,
  CatalogueName,
  CountriesSnapshot,
  DesignatedTechnologiesSnapshot,
  EndUsersSnapshot,
  Job,
  PublishResponse,
} from '../../lib/api-types';

/** Every catalogue with its published versions. */
export const useCatalogues = () =>
  useQuery({ queryKey: ['catalogues', 'list'], queryFn: () => api.get<CatalogueList>('/catalogues') });

/** The designated technologies in force on a date. */
export const useDesignatedTechnologies = (asOf: string) =>
  useQuery({
    queryKey: ['catalogues', 'designated-technologies', asOf],
    queryFn: () => api.get<DesignatedTechnologiesSnapshot>('/catalogues/designated-technologies', { query: { asOf } }),
    placeholderData: keepPreviousData,
  });

/** The CSV/XLSX export URL of the designated technologies on a date. */
export const technologiesExportUrl = (asOf: string, format: 'csv' | 'xlsx') =>
  api.url('/catalogues/designated-technologies', { asOf, format });

/** Filters, sort and page of the countries list. */
export type CountryParams = {
  asOf: string;
  q?: string;
  groupA?: boolean;
  sort?: 'alpha2' | 'nameJa' | 'nameEn';
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
};

const countryQuery = (params: CountryParams) => ({
  asOf: params.asOf,
  q: params.q,
  groupA: params.groupA ? 'true' : undefined,
  sort: params.sort,
  order: params.order,
  page: params.page,
  pageSize: params.pageSize,
});

/** Countries with their Group A membership on a date, searched, optionally limited to Group A, sorted and paged. */
export const useCountries = (params: CountryParams) =>
  useQuery({
    queryKey: ['catalogues', 'countries', params],
    queryFn: () => api.get<CountriesSnapshot>('/catalogues/countries', { query: countryQuery(params) }),
    placeholderData: keepPreviousData,
  });

/** The CSV/XLSX export URL of the countries list with the same filters. */
export const countriesExportUrl = (params: CountryParams, format: 'csv' | 'xlsx') =>
  api.url('/catalogues/countries', { ...countryQuery({ ...params, page: undefined, pageSize: undefined }), format });

/** An End User List concern filter: a WMD code, or CW for conventional weapons. */
export type EndUserConcernFilter = 'B' | 'C' | 'M' | 'N' | 'CW';

/** Filters of the End User List; `country` is the country as the list writes it (Japanese or English). */
export type EndUserParams = {
  asOf: string;
  q: string;
  country: string;
  concern: EndUserConcernFilter | '';
  sort: 'number' | 'name' | 'country';
  order: 'asc' | 'desc';
  page: number;
  pageSize: number;
};

/** The End User List in force on a date, searched, filtered, sorted and paged. */
export const useEndUsers = (params: EndUserParams) =>
  useQuery({
    queryKey: ['catalogues', 'end-user-list', params],
    queryFn: () => api.get<EndUsersSnapshot>('/catalogues/end-user-list', { query: params }),
    placeholderData: keepPreviousData,
  });

/** The CSV/XLSX export URL of the End User List with the same filters (the export carries the attribution). */
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
  attribution?: string;
  notes?: string;
};

/** Uploads a catalogue file as a new version; the server answers with the id of the job that imports it. */
export const usePublishVersion = () =>
  useMutation({
    mutationFn: (input: PublishInput) => {
      const form = new FormData();
      form.set('effectiveFrom', input.effectiveFrom);
      form.set('label', input.label);
      form.set('source', input.source);
      if (input.sourceUrl) form.set('sourceUrl', input.sourceUrl);
      if (input.attribution) form.set('attribution', input.attribution);
      if (input.notes) form.set('notes', input.notes);
      // The file goes last: the server reads the fields before it streams the file.
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
