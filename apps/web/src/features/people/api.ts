import type {
  EmploymentType,
  PeopleList as PeopleListSchema,
  PersonInput,
  PersonStatus,
  PersonView as PersonViewSchema,
} from '@kakine/contracts';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Wire } from '../../lib/api-types';

/** A person of the directory as the browser receives it. */
export type Person = Wire<PersonViewSchema>;
/** A page of the directory as the browser receives it. */
export type PeoplePage = Wire<PeopleListSchema>;

/** Columns the directory can be sorted by. */
export type PeopleSortField = 'employeeId' | 'name' | 'department' | 'employmentType' | 'status' | 'lastWorkingDay';

/** Filters and sort of the directory; empty strings mean "no filter". */
export type PeopleFilters = {
  q: string;
  department: string;
  employmentType: EmploymentType | '';
  status: PersonStatus | '';
  sort: PeopleSortField;
  order: 'asc' | 'desc';
};

/** The filters a fresh directory screen starts with. */
export const NO_PEOPLE_FILTERS: PeopleFilters = {
  q: '',
  department: '',
  employmentType: '',
  status: '',
  sort: 'employeeId',
  order: 'asc',
};

/** The directory, a page at a time, with filters and sort. */
export const usePeople = (filters: PeopleFilters, page: number, pageSize: number, enabled = true) =>
  useQuery({
    queryKey: ['people', 'list', filters, page, pageSize],
    queryFn: () => api.get<PeoplePage>('/people', { query: { ...filters, page, pageSize } }),
    placeholderData: keepPreviousData,
    enabled,
  });

/** The CSV/XLSX export URL of the directory with the same filters and sort. */
export const peopleExportUrl = (filters: PeopleFilters, format: 'csv' | 'xlsx') =>
  api.url('/people', { ...filters, format });

/** The departments in use, for filters and pickers. */
export const useDepartments = () =>
  useQuery({
    queryKey: ['people', 'departments'],
    queryFn: () => api.get<{ items: string[] }>('/people/departments'),
    staleTime: 60_000,
  });

/** The API path of the HR import (multipart: file, mode, dryRun). */
export const PEOPLE_IMPORT_PATH = '/people/import';

/** The download URL of the HR import template. */
export const peopleTemplateUrl = (format: 'xlsx' | 'csv') => api.url('/people/import-template', { format });

/** One person, fresh from the server (used to recover from an edit conflict). */
export const fetchPerson = (id: string) => api.get<Person>(`/people/${encodeURIComponent(id)}`);

/** Adds a person to the directory. */
export const useCreatePerson = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (person: PersonInput) => api.post<Person>('/people', person),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['people'] }),
  });
};

/** Replaces a person's details, guarded by the version that was read. */
export const useUpdatePerson = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, person, version }: { id: string; person: PersonInput; version: number }) =>
      api.request<Person>('PUT', `/people/${encodeURIComponent(id)}`, { body: { person, version } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['people'] }),
  });
};

/** Refreshes every directory query after an import changed it. */
export const useInvalidatePeople = () => {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['people'] });
};

/** People matching a search, for pickers (the first 20, by employee id). */
export const usePersonSearch = (q: string, enabled = true) =>
  useQuery({
    queryKey: ['people', 'search', q],
    queryFn: () =>
      api.get<PeoplePage>('/people', { query: { q, pageSize: 20, page: 1, sort: 'employeeId', order: 'asc' } }),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 30_000,
  });
