import type { QueryValue } from '../../lib/api-client';

/** Columns the register list can be sorted by (the server's `sort` values). */
export const REGISTER_SORT_FIELDS = [
  'code',
  'nameJa',
  'classification',
  'nextReviewOn',
  'busFactor',
  'updatedAt',
] as const;
/** A column the register list can be sorted by. */
export type RegisterSortField = (typeof REGISTER_SORT_FIELDS)[number];

/** The lifecycle filter of the register list. */
export const REGISTER_STATUS_FILTERS = ['active', 'archived', 'all'] as const;
/** Which technologies the list shows by lifecycle. */
export type RegisterStatusFilter = (typeof REGISTER_STATUS_FILTERS)[number];

/** Yes/no filters: `true` only those, `false` only the others, absent both. */
export const REGISTER_FLAG_FILTERS = [
  'core',
  'designated',
  'reviewOverdue',
  'concentrationRisk',
  'tradeSecretGap',
] as const;
/** A yes/no filter of the register list. */
export type RegisterFlagFilter = (typeof REGISTER_FLAG_FILTERS)[number];

/**
 * The register list's state as kept in the URL (`/register?q=コンデンサ&core=true&page=2`), so that a filtered view
 * can be bookmarked and shared. Absent keys mean "no filter" or the default.
 */
export type RegisterSearch = {
  q?: string;
  classification?: string;
  owner?: string;
  department?: string;
  status?: RegisterStatusFilter;
  sort?: RegisterSortField;
  order?: 'asc' | 'desc';
  page?: number;
} & Partial<Record<RegisterFlagFilter, boolean>>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (value: unknown, max: number): string | undefined => {
  if (typeof value === 'number') return text(String(value), max);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, max) : undefined;
};

const flag = (value: unknown): boolean | undefined => {
  if (value === true || value === 'true' || value === '1' || value === 1) return true;
  if (value === false || value === 'false' || value === '0' || value === 0) return false;
  return undefined;
};

const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.find((v) => v === value);

/**
 * Reads the register list's URL search parameters, dropping anything malformed (a hand-edited or outdated link
 * opens the unfiltered list rather than an error), and leaving defaults out so that URLs stay short.
 */
export const parseRegisterSearch = (search: Record<string, unknown>): RegisterSearch => {
  const result: RegisterSearch = {};
  const q = text(search.q, 200);
  if (q) result.q = q;
  const classification = text(search.classification, 40);
  if (classification) result.classification = classification;
  const owner = text(search.owner, 36);
  if (owner && UUID.test(owner)) result.owner = owner.toLowerCase();
  const department = text(search.department, 200);
  if (department) result.department = department;
  for (const key of REGISTER_FLAG_FILTERS) {
    const value = flag(search[key]);
    if (value !== undefined) result[key] = value;
  }
  const status = oneOf(REGISTER_STATUS_FILTERS, search.status);
  if (status && status !== 'active') result.status = status;
  const sort = oneOf(REGISTER_SORT_FIELDS, search.sort);
  if (sort && sort !== 'code') result.sort = sort;
  const order = oneOf(['asc', 'desc'] as const, search.order);
  if (order === 'desc') result.order = order;
  const page = typeof search.page === 'string' ? Number(search.page) : search.page;
  if (typeof page === 'number' && Number.isInteger(page) && page > 1 && page <= 100_000) result.page = page;
  return result;
};

/** The list endpoint's query parameters for a URL state (flags as `true`/`false`, defaults filled in). */
export const toListQuery = (search: RegisterSearch): Record<string, QueryValue> => {
  const query: Record<string, QueryValue> = {
    q: search.q,
    classification: search.classification,
    ownerUserId: search.owner,
    department: search.department,
    status: search.status ?? 'active',
    sort: search.sort ?? 'code',
    order: search.order ?? 'asc',
    page: search.page ?? 1,
  };
  for (const key of REGISTER_FLAG_FILTERS) {
    const value = search[key];
    if (value !== undefined) query[key] = value ? 'true' : 'false';
  }
  return query;
};

/**
 * A new URL state after changing filters: every filter change starts again at page 1, and a filter set to
 * undefined, an empty string or its default disappears from the URL.
 */
export const withFilters = (current: RegisterSearch, patch: Partial<RegisterSearch>): RegisterSearch => {
  const merged: Record<string, unknown> = { ...current, ...patch };
  if (!('page' in patch)) delete merged.page;
  return parseRegisterSearch(merged);
};

/** How many filters (besides search, sort and page) narrow the list, to show on the filter toggle. */
export const countActiveFilters = (search: RegisterSearch): number =>
  [
    search.classification,
    search.owner,
    search.department,
    search.status,
    ...REGISTER_FLAG_FILTERS.map((key) => search[key]),
  ].filter((value) => value !== undefined).length;

/** The URL state of the "technologies that would not qualify as a trade secret" view. */
export const TRADE_SECRET_GAP_SEARCH: RegisterSearch = { tradeSecretGap: true };
