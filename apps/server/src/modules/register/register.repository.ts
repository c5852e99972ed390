import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditEvents } from '../../platform/audit/audit.schema';
import { users } from '../../platform/auth/auth.schema';
import type { Tx } from '../../platform/db/database';
import { files } from '../../platform/files/files.schema';
import { catalogueVersions, countries, designatedTechnologies } from '../catalogues/catalogues.schema';
import { people } from '../people/people.schema';
import { searchPattern } from './register.rules';
import { accessGrants, registerSettings, technologies, tradeSecretRequirements } from './register.schema';

/** A technology row as stored. */
export type TechnologyRow = typeof technologies.$inferSelect;
/** The values a technology row is written with (everything but identity, status and derived columns). */
export type TechnologyValues = Omit<
  typeof technologies.$inferInsert,
  | 'id'
  | 'tenantId'
  | 'status'
  | 'archivedAt'
  | 'tradeSecretQualifies'
  | 'concentrationLevel'
  | 'busFactor'
  | 'singlePersonAllSteps'
  | 'departingHolders'
  | 'version'
  | 'createdBy'
  | 'createdAt'
  | 'updatedAt'
> & { searchText: string; nameSearchText: string };
/** A tenant's register settings row. */
export type SettingsRow = typeof registerSettings.$inferSelect;

// ---------------------------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------------------------

/** The tenant's settings row, or null when the tenant still uses the defaults. */
export const findSettings = async (tx: Tx, tenantId: string): Promise<SettingsRow | null> => {
  const [row] = await tx.select().from(registerSettings).where(eq(registerSettings.tenantId, tenantId)).limit(1);
  return row ?? null;
};

/** Writes the tenant's settings (insert or replace). */
export const saveSettings = async (
  tx: Tx,
  tenantId: string,
  values: Omit<typeof registerSettings.$inferInsert, 'tenantId' | 'updatedAt'>,
): Promise<void> => {
  await tx
    .insert(registerSettings)
    .values({ tenantId, ...values })
    .onConflictDoUpdate({ target: registerSettings.tenantId, set: { ...values, updatedAt: sql`now()` } });
};

/** How many technologies of the tenant use each classification code (archived ones included). */
export const classificationUsage = async (tx: Tx, tenantId: string): Promise<Map<string, number>> => {
  const rows = await tx
    .select({ code: technologies.classificationCode, n: sql<number>`count(*)::int` })
    .from(technologies)
    .where(eq(technologies.tenantId, tenantId))
    .groupBy(technologies.classificationCode);
  return new Map(rows.map((r) => [r.code, r.n]));
};

/**
 * Serialises writes to the tenant's settings against writes of technologies, so that a level cannot be removed
 * while a technology is being classified with it.
 */
export const lockClassifications = async (tx: Tx, tenantId: string): Promise<void> => {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`register-settings:${tenantId}`}, 0))`);
};

/** Takes the same lock as lockClassifications in shared mode: many technology writes, one settings change. */
export const lockClassificationsShared = async (tx: Tx, tenantId: string): Promise<void> => {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(hashtextextended(${`register-settings:${tenantId}`}, 0))`);
};

// ---------------------------------------------------------------------------------------------------------------
// The actor's people records and grants
// ---------------------------------------------------------------------------------------------------------------

/** The people records (not left) whose e-mail is the given address, case-insensitively. */
export const peopleOfEmail = async (
  tx: Tx,
  tenantId: string,
  email: string,
): Promise<{ id: string; department: string | null }[]> =>
  tx
    .select({ id: people.id, department: people.department })
    .from(people)
    .where(
      and(eq(people.tenantId, tenantId), sql`lower(${people.email}) = lower(${email})`, ne(people.status, 'left')),
    );

/** The e-mail of a user of the tenant. */
export const emailOfUser = async (tx: Tx, tenantId: string, userId: string): Promise<string | null> => {
  const [row] = await tx
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
    .limit(1);
  return row?.email ?? null;
};

/**
 * The technologies with an active grant (not revoked, not expired on `today`) to one of the people or departments.
 */
export const grantedTechnologyIds = async (
  tx: Tx,
  tenantId: string,
  grantees: { personIds: readonly string[]; departments: readonly string[] },
  today: string,
): Promise<string[]> => {
  if (grantees.personIds.length === 0 && grantees.departments.length === 0) return [];
  const rows = await tx
    .selectDistinct({ id: accessGrants.technologyId })
    .from(accessGrants)
    .where(
      and(
        eq(accessGrants.tenantId, tenantId),
        isNull(accessGrants.revokedAt),
        or(isNull(accessGrants.expiresOn), gte(accessGrants.expiresOn, today)),
        or(
          grantees.personIds.length > 0
            ? and(eq(accessGrants.granteeKind, 'person'), inArray(accessGrants.personId, [...grantees.personIds]))
            : undefined,
          grantees.departments.length > 0
            ? and(
                eq(accessGrants.granteeKind, 'department'),
                inArray(accessGrants.department, [...grantees.departments]),
              )
            : undefined,
        ),
      ),
    );
  return rows.map((r) => r.id);
};

// ---------------------------------------------------------------------------------------------------------------
// Reference look-ups
// ---------------------------------------------------------------------------------------------------------------

/** Every designated-technology code of any catalogue version. */
export const designatedCodesOfAnyVersion = async (tx: Tx, codes?: readonly string[]): Promise<Set<string>> => {
  if (codes && codes.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ code: designatedTechnologies.code })
    .from(designatedTechnologies)
    .where(codes ? inArray(designatedTechnologies.code, [...codes]) : undefined);
  return new Set(rows.map((r) => r.code));
};

/**
 * The country codes a location may use on `today`: those of the countries catalogue version in force, or of any
 * version when none is in force yet (a fresh installation before its first catalogue date).
 */
export const validCountryCodes = async (tx: Tx, today: string, codes?: readonly string[]): Promise<Set<string>> => {
  if (codes && codes.length === 0) return new Set();
  const [version] = await tx
    .select({ id: catalogueVersions.id })
    .from(catalogueVersions)
    .where(and(eq(catalogueVersions.catalogue, 'countries'), sql`${catalogueVersions.effectiveFrom} <= ${today}`))
    .orderBy(desc(catalogueVersions.effectiveFrom))
    .limit(1);
  const rows = await tx
    .selectDistinct({ code: countries.alpha2 })
    .from(countries)
    .where(
      and(
        version ? eq(countries.versionId, version.id) : undefined,
        codes ? inArray(countries.alpha2, [...codes]) : undefined,
      ),
    );
  return new Set(rows.map((r) => r.code));
};

/** The active users of the tenant, with e-mail and name. */
export const activeUsers = async (
  tx: Tx,
  tenantId: string,
  ids?: readonly string[],
): Promise<{ id: string; email: string; displayName: string; roles: string[] }[]> => {
  if (ids && ids.length === 0) return [];
  return tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.status, 'active'), ids ? inArray(users.id, [...ids]) : undefined))
    .orderBy(asc(users.displayName), asc(users.id));
};

/** Which of the file ids are files of the tenant. */
export const existingFileIds = async (tx: Tx, tenantId: string, ids: readonly string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(eq(files.tenantId, tenantId), inArray(files.id, [...ids])));
  return new Set(rows.map((r) => r.id));
};

/** A designated technology entry with its catalogue version, for resolving a technology's codes. */
export type DesignatedEntryRow = {
  code: string;
  number: number;
  nameJa: string;
  nameEn: string;
  inForceFrom: string;
  inForceTo: string | null;
  versionId: string;
  versionLabel: string;
  versionEffectiveFrom: string;
};

/** Every catalogue entry (of every version) of the given designated-technology codes. */
export const designatedEntriesOf = async (tx: Tx, codes: readonly string[]): Promise<DesignatedEntryRow[]> => {
  if (codes.length === 0) return [];
  return tx
    .select({
      code: designatedTechnologies.code,
      number: designatedTechnologies.number,
      nameJa: designatedTechnologies.nameJa,
      nameEn: designatedTechnologies.nameEn,
      inForceFrom: designatedTechnologies.inForceFrom,
      inForceTo: designatedTechnologies.inForceTo,
      versionId: catalogueVersions.id,
      versionLabel: catalogueVersions.label,
      versionEffectiveFrom: catalogueVersions.effectiveFrom,
    })
    .from(designatedTechnologies)
    .innerJoin(catalogueVersions, eq(catalogueVersions.id, designatedTechnologies.versionId))
    .where(inArray(designatedTechnologies.code, [...codes]));
};

/** The versions of the designated technologies catalogue, for picking the one in force. */
export const designatedVersions = async (tx: Tx): Promise<{ id: string; effectiveFrom: string }[]> =>
  tx
    .select({ id: catalogueVersions.id, effectiveFrom: catalogueVersions.effectiveFrom })
    .from(catalogueVersions)
    .where(eq(catalogueVersions.catalogue, 'designated_technologies'));

/** Country names of the given codes, from every countries catalogue version, newest version first. */
export const countryNamesOf = async (
  tx: Tx,
  codes: readonly string[],
): Promise<{ alpha2: string; nameJa: string; nameEn: string; effectiveFrom: string }[]> => {
  if (codes.length === 0) return [];
  return tx
    .select({
      alpha2: countries.alpha2,
      nameJa: countries.nameJa,
      nameEn: countries.nameEn,
      effectiveFrom: catalogueVersions.effectiveFrom,
    })
    .from(countries)
    .innerJoin(catalogueVersions, eq(catalogueVersions.id, countries.versionId))
    .where(inArray(countries.alpha2, [...codes]))
    .orderBy(desc(catalogueVersions.effectiveFrom));
};

// ---------------------------------------------------------------------------------------------------------------
// Technologies
// ---------------------------------------------------------------------------------------------------------------

/** One technology of the tenant; null when absent (or in another tenant, which RLS hides as well). */
export const findTechnology = async (
  tx: Tx,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<TechnologyRow | null> => {
  const query = tx
    .select()
    .from(technologies)
    .where(and(eq(technologies.tenantId, tenantId), eq(technologies.id, id)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row ?? null;
};

/** The technologies of the tenant with the given codes (the import's key), locked for update. */
export const technologiesByCodes = async (
  tx: Tx,
  tenantId: string,
  codes: readonly string[],
): Promise<TechnologyRow[]> => {
  if (codes.length === 0) return [];
  return tx
    .select()
    .from(technologies)
    .where(and(eq(technologies.tenantId, tenantId), inArray(technologies.code, [...codes])))
    .for('update');
};

/** Whether another technology of the tenant already uses the code. */
export const codeTaken = async (tx: Tx, tenantId: string, code: string, exceptId?: string): Promise<boolean> => {
  const [row] = await tx
    .select({ id: technologies.id })
    .from(technologies)
    .where(
      and(
        eq(technologies.tenantId, tenantId),
        eq(technologies.code, code),
        exceptId ? ne(technologies.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
};

/** Inserts a technology and returns its id. */
export const insertTechnology = async (
  tx: Tx,
  tenantId: string,
  values: TechnologyValues,
  createdBy: string | null,
): Promise<string> => {
  const [row] = await tx
    .insert(technologies)
    .values({ ...values, tenantId, createdBy })
    .returning({ id: technologies.id });
  return row!.id;
};

/**
 * Replaces a technology's values if it still has `expectedVersion`, bumping the version; false when someone else
 * changed it in between.
 */
export const updateTechnology = async (
  tx: Tx,
  tenantId: string,
  id: string,
  expectedVersion: number,
  values: Partial<TechnologyValues> & { status?: 'active' | 'archived'; archivedAt?: Date | null },
): Promise<boolean> => {
  const rows = await tx
    .update(technologies)
    .set({ ...values, version: sql`${technologies.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(technologies.tenantId, tenantId), eq(technologies.id, id), eq(technologies.version, expectedVersion)))
    .returning({ id: technologies.id });
  return rows.length === 1;
};

/** Stores the derived trade-secret verdict (no version bump: it follows from requirement rows). */
export const setTradeSecretQualifies = async (tx: Tx, tenantId: string, id: string, qualifies: boolean) => {
  await tx
    .update(technologies)
    .set({ tradeSecretQualifies: qualifies, updatedAt: sql`now()` })
    .where(and(eq(technologies.tenantId, tenantId), eq(technologies.id, id)));
};

/** Deletes a technology; its requirements, grants and know-how go with it (ON DELETE CASCADE). */
export const deleteTechnology = async (tx: Tx, tenantId: string, id: string): Promise<void> => {
  await tx.delete(technologies).where(and(eq(technologies.tenantId, tenantId), eq(technologies.id, id)));
};

/** The display names of users by id. */
export const userNames = async (tx: Tx, tenantId: string, ids: readonly string[]): Promise<Map<string, string>> => {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), inArray(users.id, unique)));
  return new Map(rows.map((r) => [r.id, r.displayName]));
};

/** A stored trade-secret requirement assessment with the reviewer's name. */
export type RequirementRow = typeof tradeSecretRequirements.$inferSelect & { reviewedByName: string | null };

const reviewer = alias(users, 'reviewer');

/** The stored requirement assessments of a technology. */
export const requirementsOf = async (tx: Tx, tenantId: string, technologyId: string): Promise<RequirementRow[]> => {
  const rows = await tx
    .select({ requirement: tradeSecretRequirements, reviewedByName: reviewer.displayName })
    .from(tradeSecretRequirements)
    .leftJoin(reviewer, eq(reviewer.id, tradeSecretRequirements.reviewedBy))
    .where(and(eq(tradeSecretRequirements.tenantId, tenantId), eq(tradeSecretRequirements.technologyId, technologyId)));
  return rows.map((r) => ({ ...r.requirement, reviewedByName: r.reviewedByName }));
};

/** Inserts or replaces one requirement's assessment. */
export const saveRequirement = async (
  tx: Tx,
  values: Omit<typeof tradeSecretRequirements.$inferInsert, 'updatedAt'>,
): Promise<void> => {
  const { tenantId: _tenant, technologyId: _technology, requirement: _requirement, ...rest } = values;
  await tx
    .insert(tradeSecretRequirements)
    .values(values)
    .onConflictDoUpdate({
      target: [tradeSecretRequirements.technologyId, tradeSecretRequirements.requirement],
      set: { ...rest, updatedAt: sql`now()` },
    });
};

/** Filters of the register list, in the repository's terms. */
export type TechnologyFilter = {
  tenantId: string;
  today: string;
  q?: string | undefined;
  core?: boolean | undefined;
  designated?: boolean | undefined;
  classification?: string | undefined;
  ownerUserId?: string | undefined;
  department?: string | undefined;
  reviewOverdue?: boolean | undefined;
  concentrationRisk?: boolean | undefined;
  tradeSecretGap?: boolean | undefined;
  status: 'active' | 'archived' | 'all';
  /**
   * Which rows the caller may read in full (null: every row). Rows outside it are listed by name only when
   * `includeNameOnly`, and never match a filter on what only a full reader may see.
   */
  fullAccess: SQL | null;
  includeNameOnly: boolean;
};

/** Sort keys of the register list. */
export type TechnologySort = 'code' | 'nameJa' | 'classification' | 'nextReviewOn' | 'busFactor' | 'updatedAt';

/** The SQL condition "the actor may read this technology in full", from their access scope. */
export const fullAccessCondition = (scope: {
  userId: string;
  publicClassificationCodes: readonly string[];
  grantedTechnologyIds: readonly string[];
}): SQL =>
  or(
    eq(technologies.ownerUserId, scope.userId),
    scope.publicClassificationCodes.length > 0
      ? inArray(technologies.classificationCode, [...scope.publicClassificationCodes])
      : undefined,
    scope.grantedTechnologyIds.length > 0 ? inArray(technologies.id, [...scope.grantedTechnologyIds]) : undefined,
  ) as SQL;

/**
 * How a search's matches join the register: `semi` lets the planner join the matching ids to technologies (best
 * when they are few); `filter` keeps them a hashed filter, so that a page sorted by an index walks that index and stops
 * after one page (best when they are many: a join would read every match to sort them).
 */
export type MatchShape = 'semi' | 'filter';

const listConditions = (f: TechnologyFilter, shape: MatchShape = 'semi'): SQL | undefined => {
  const detailFilters = and(
    f.core === undefined ? undefined : eq(technologies.isCore, f.core),
    f.designated === undefined
      ? undefined
      : f.designated
        ? sql`cardinality(${technologies.designatedCodes}) > 0`
        : sql`cardinality(${technologies.designatedCodes}) = 0`,
    f.classification ? eq(technologies.classificationCode, f.classification) : undefined,
    f.ownerUserId ? eq(technologies.ownerUserId, f.ownerUserId) : undefined,
    f.department ? eq(technologies.department, f.department) : undefined,
    f.reviewOverdue === undefined
      ? undefined
      : f.reviewOverdue
        ? lt(technologies.nextReviewOn, f.today)
        : gte(technologies.nextReviewOn, f.today),
    f.concentrationRisk === undefined
      ? undefined
      : f.concentrationRisk
        ? inArray(technologies.concentrationLevel, ['high', 'critical'])
        : sql`${technologies.concentrationLevel} not in ('high', 'critical')`,
    f.tradeSecretGap === undefined ? undefined : eq(technologies.tradeSecretQualifies, !f.tradeSecretGap),
  );
  const hasDetailFilter = detailFilters !== undefined;
  const pattern = f.q ? searchPattern(f.q) : null;
  // The search goes through kakine_technology_search (migration 0005): under the RLS policy of technologies a LIKE
  // cannot use a trigram index, so the function searches a side table without RLS, by trigram index, and returns the
  // ids of the current tenant's matches only. The rows are then read here, where the RLS policy still applies.
  const matches = (namesOnly: boolean) => {
    const match = sql`${technologies.id} in (select s.id
      from kakine_technology_search(${pattern}, ${sql.raw(namesOnly ? 'true' : 'false')}) as s(id))`;
    // Wrapped, the IN cannot be turned into a join: PostgreSQL evaluates it as a hashed subplan on each row read.
    return shape === 'semi' ? match : sql`coalesce(${match}, false)`;
  };
  const fullMatch = pattern ? matches(false) : undefined;
  let visibility: SQL | undefined;
  if (f.fullAccess === null) {
    visibility = and(detailFilters, fullMatch);
  } else if (f.includeNameOnly && !hasDetailFilter) {
    // Someone who sees only the name of a technology must not learn from a search what its description says: rows
    // not read in full must match by code or names. A name match is always a full-text match too (the name text is
    // a prefix of the search text, technologyNameSearchText), so the full-text matches are the candidates.
    visibility = pattern ? and(fullMatch, or(f.fullAccess, matches(true))) : undefined;
  } else {
    visibility = and(f.fullAccess, detailFilters, fullMatch);
  }
  return and(
    eq(technologies.tenantId, f.tenantId),
    f.status === 'all' ? undefined : eq(technologies.status, f.status),
    visibility,
  );
};

/** A row of the register list: the technology, the owner's name and whether the caller may read it in full. */
export type TechnologyListRow = TechnologyRow & { ownerName: string | null; ownerEmail: string | null; full: boolean };

const owner = alias(users, 'owner');

/**
 * A page of the tenant's register with the total matching the filter. Sorting by a detail (classification, review
 * date, bus factor, update time) puts rows the caller sees by name only last, so that their order reveals nothing.
 */
export const listTechnologies = async (
  tx: Tx,
  filter: TechnologyFilter,
  page: {
    sort: TechnologySort;
    order: 'asc' | 'desc';
    limit: number;
    offset: number;
    /** Classification codes by rank, for sorting by classification (most secret first when ascending). */
    classificationRanks: ReadonlyMap<string, number>;
    /** Forces how a search's matches are joined (tests compare both); chosen from the total when absent. */
    matchShape?: MatchShape;
  },
): Promise<{ rows: TechnologyListRow[]; total: number }> => {
  const full = filter.fullAccess === null ? sql<boolean>`true` : sql<boolean>`coalesce(${filter.fullAccess}, false)`;
  const rankCases = [...page.classificationRanks].map(([code, rank]) => sql`when ${code} then ${rank}`);
  const rank =
    rankCases.length > 0
      ? sql`case ${technologies.classificationCode} ${sql.join(rankCases, sql` `)} else 999 end`
      : sql`999`;
  const detail = (column: SQL | typeof technologies.nextReviewOn) =>
    filter.fullAccess === null ? sql`${column}` : sql`case when ${full} then ${column} end`;
  // Keys that are never null sort with a plain asc/desc, so that one index serves both directions (an index walked
  // backwards yields "desc nulls first"; for a column without nulls that is the same order as "desc nulls last").
  const nullable =
    page.sort === 'busFactor' || (filter.fullAccess !== null && page.sort !== 'code' && page.sort !== 'nameJa');
  const sortKey: Record<TechnologySort, SQL> = {
    code: sql`${technologies.code}`,
    nameJa: sql`${technologies.nameJa}`,
    classification: detail(rank),
    nextReviewOn: detail(technologies.nextReviewOn),
    busFactor: detail(sql`${technologies.busFactor}`),
    updatedAt: detail(sql`${technologies.updatedAt}`),
  };
  const key = sortKey[page.sort];
  // The total first: it decides how a search joins the page (MatchShape). reltuples (all tenants, from the last
  // analyze) bounds the tenant's row count.
  const [count] = await tx
    .select({
      n: sql<number>`count(*)::int`,
      rows: sql<number>`(select c.reltuples::float8 from pg_class c where c.oid = 'technologies'::regclass)`,
    })
    .from(technologies)
    .where(listConditions(filter));
  const total = count?.n ?? 0;
  if (total <= page.offset) return { rows: [], total };
  // Sorts an index serves in order (technologies_*_idx); detail keys masked for name-only rows and the per-tenant
  // classification ranks are not among them.
  const indexedSort =
    page.sort === 'code' ||
    page.sort === 'nameJa' ||
    (filter.fullAccess === null &&
      (page.sort === 'nextReviewOn' ||
        page.sort === 'updatedAt' ||
        (page.sort === 'busFactor' && page.order === 'asc')));
  // Walking the sort index reads about (offset + limit) × rows / total rows; joining the matches reads all of them.
  // A table never analyzed reports -1 rows: it is new and small, and either way is fast.
  const tableRows = count?.rows ?? -1;
  const shape: MatchShape =
    page.matchShape ??
    (filter.q && indexedSort && total > 0 && (tableRows < 0 || total * total > (page.offset + page.limit) * tableRows)
      ? 'filter'
      : 'semi');
  const where = listConditions(filter, shape);
  const rows = await tx
    .select({ technology: technologies, ownerName: owner.displayName, ownerEmail: owner.email, full })
    .from(technologies)
    .leftJoin(owner, eq(owner.id, technologies.ownerUserId))
    .where(where)
    .orderBy(
      page.order === 'asc'
        ? nullable
          ? sql`${key} asc nulls last`
          : sql`${key} asc`
        : nullable
          ? sql`${key} desc nulls last`
          : sql`${key} desc`,
      page.order === 'asc' ? asc(technologies.code) : desc(technologies.code),
      asc(technologies.id),
    )
    .limit(page.limit)
    .offset(page.offset);
  return {
    rows: rows.map((r) => ({ ...r.technology, ownerName: r.ownerName, ownerEmail: r.ownerEmail, full: r.full })),
    total,
  };
};

/** The users of the tenant who may own technologies: active, with the technology-owner or officer role. */
export const ownerCandidates = async (
  tx: Tx,
  tenantId: string,
): Promise<{ id: string; email: string; displayName: string; roles: string[] }[]> =>
  tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, roles: users.roles })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.status, 'active'),
        sql`${users.roles} && array['technology_owner', 'security_officer']::text[]`,
      ),
    )
    .orderBy(asc(users.displayName), asc(users.id));

/** One page of the audit events about a technology, newest first, with the total. */
export const historyOf = async (
  tx: Tx,
  tenantId: string,
  technologyId: string,
  page: { limit: number; offset: number },
): Promise<{
  rows: { seq: number; occurredAt: Date; type: string; actorLabel: string; payload: unknown }[];
  total: number;
}> => {
  const where = and(
    eq(auditEvents.tenantId, tenantId),
    eq(auditEvents.subjectType, 'technology'),
    eq(auditEvents.subjectId, technologyId),
  );
  const rows = await tx
    .select({
      seq: auditEvents.seq,
      occurredAt: auditEvents.occurredAt,
      type: auditEvents.type,
      actorLabel: auditEvents.actorLabel,
      payload: auditEvents.payload,
    })
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.seq))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(where);
  return { rows, total: count?.n ?? 0 };
};
