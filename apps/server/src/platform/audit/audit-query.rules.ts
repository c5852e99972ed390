import {
  AUDIT_EVENT_LABELS,
  AUDIT_EVENT_TYPES,
  type AuditEventQuery,
  auditPeriod,
  auditTypesMatching,
  JST_OFFSET_MS,
} from '@kakine/contracts';

/** The filters of an audit list or export in the form the repository queries by. */
export type AuditEventFilter = {
  tenantId: string;
  /** Event types to include, or null for every type. */
  types: readonly string[] | null;
  actorUserId: string | null;
  subjectType: string | null;
  subjectId: string | null;
  from: Date | null;
  /** Exclusive upper bound of `occurredAt`. */
  before: Date | null;
  /** Free-text search: a LIKE pattern over the text columns and the payload, plus the types whose label matches. */
  search: { pattern: string; labelledTypes: readonly string[] } | null;
};

/** Escapes LIKE wildcards so that a search term matches literally (PostgreSQL's default escape is backslash). */
export const likeContaining = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The known event types whose Japanese or English label contains the term (case-insensitive). */
export const typesLabelled = (term: string): string[] => {
  const needle = term.toLowerCase();
  return AUDIT_EVENT_TYPES.filter((t) => {
    const label = AUDIT_EVENT_LABELS[t];
    return label.ja.toLowerCase().includes(needle) || label.en.toLowerCase().includes(needle);
  });
};

/** Turns a validated list query into the repository's filter for one tenant. */
export const toAuditFilter = (
  tenantId: string,
  query: Omit<AuditEventQuery, 'page' | 'pageSize'>,
): AuditEventFilter => {
  const period = auditPeriod(query.from, query.to);
  return {
    tenantId,
    types: query.type === undefined ? null : auditTypesMatching(query.type),
    actorUserId: query.actorUserId ?? null,
    subjectType: query.subjectType ?? null,
    subjectId: query.subjectId ?? null,
    from: period.from,
    before: period.before,
    search: query.q === undefined ? null : { pattern: likeContaining(query.q), labelledTypes: typesLabelled(query.q) },
  };
};

/** Whether a filter selects the tenant's whole trail. */
export const isUnfiltered = (f: AuditEventFilter): boolean =>
  f.types === null &&
  f.actorUserId === null &&
  f.subjectType === null &&
  f.subjectId === null &&
  f.from === null &&
  f.before === null &&
  f.search === null;

/** The filters a caller gave, as recorded on an `audit.exported` event (paging and format left out). */
export const describeFilters = (query: Partial<AuditEventQuery>): Record<string, string> => {
  const keys = ['type', 'actorUserId', 'subjectType', 'subjectId', 'from', 'to', 'q', 'order'] as const;
  const described: Record<string, string> = {};
  for (const key of keys) {
    const value = query[key];
    if (value !== undefined) described[key] = String(value);
  }
  return described;
};

/** A time as Japanese users read it: Japan Standard Time, `YYYY-MM-DD HH:MM:SS` (`invalid` for an invalid date). */
export const formatJst = (at: Date): string =>
  Number.isNaN(at.getTime())
    ? 'invalid'
    : new Date(at.getTime() + JST_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
