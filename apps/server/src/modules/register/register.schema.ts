import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/auth.schema';
import { at, createdAtColumn, idColumn, tenantColumn } from '../../platform/db/columns';
import { people } from '../people/people.schema';

const updatedAtColumn = () => timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

/** A location where a technology is kept, stored inside the technology row. */
export type StoredLocation = {
  kind: 'site' | 'system';
  name: string;
  countryCode: string | null;
  detail: string | null;
};

/** The register's settings of one company; a company without a row uses the defaults of the contracts. */
export const registerSettings = pgTable('register_settings', {
  tenantId: tenantColumn().primaryKey(),
  classificationLevels: jsonb('classification_levels')
    .$type<{ code: string; nameJa: string; nameEn: string; rank: number; secret: boolean }[]>()
    .notNull(),
  inaccessibleVisibility: text('inaccessible_visibility', { enum: ['names', 'hidden'] }).notNull(),
  defaultReviewIntervalMonths: integer('default_review_interval_months').notNull(),
  reminderLeadDays: integer('reminder_lead_days').notNull(),
  updatedAt: updatedAtColumn(),
});

/**
 * The company's technologies and trade secrets (技術台帳). Concentration figures and the trade-secret verdict are
 * derived data, stored for filtering and sorting and recomputed by the register service whenever their inputs change.
 */
export const technologies = pgTable(
  'technologies',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    /** The company's own technology code: the key of the spreadsheet import. */
    code: text('code').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en'),
    description: text('description').notNull().default(''),
    products: text('products').array().notNull().default(sql`'{}'::text[]`),
    ownerUserId: uuid('owner_user_id').references(() => users.id),
    department: text('department'),
    classificationCode: text('classification_code').notNull(),
    isCore: boolean('is_core').notNull().default(false),
    coreReason: text('core_reason'),
    /** Codes of designated technologies (catalogue `designated_technologies.code`). */
    designatedCodes: text('designated_codes').array().notNull().default(sql`'{}'::text[]`),
    exportControlStatus: text('export_control_status', { enum: ['applicable', 'not_applicable', 'undetermined'] })
      .notNull()
      .default('undetermined'),
    exportControlRef: text('export_control_ref'),
    exportControlAssessor: text('export_control_assessor'),
    exportControlAssessedOn: date('export_control_assessed_on', { mode: 'string' }),
    exportControlEvidence: jsonb('export_control_evidence').$type<string[]>().notNull().default([]),
    locations: jsonb('locations').$type<StoredLocation[]>().notNull().default([]),
    /** Whether any site is outside Japan. */
    overseas: boolean('overseas').notNull().default(false),
    reviewIntervalMonths: integer('review_interval_months').notNull(),
    lastReviewedOn: date('last_reviewed_on', { mode: 'string' }),
    nextReviewOn: date('next_review_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['active', 'archived'] })
      .notNull()
      .default('active'),
    archivedAt: at('archived_at'),
    tradeSecretQualifies: boolean('trade_secret_qualifies').notNull().default(false),
    concentrationLevel: text('concentration_level', { enum: ['none', 'low', 'medium', 'high', 'critical'] })
      .notNull()
      .default('none'),
    busFactor: integer('bus_factor'),
    singlePersonAllSteps: boolean('single_person_all_steps').notNull().default(false),
    departingHolders: integer('departing_holders').notNull().default(0),
    /**
     * Lowercased code, names, description and products (written by the repository); a trigger copies it into
     * `technology_search`, where it is indexed with pg_trgm.
     */
    searchText: text('search_text').notNull().default(''),
    /** Lowercased code and names only: what a search may match for a reader who sees the names only. */
    nameSearchText: text('name_search_text').notNull().default(''),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: createdAtColumn(),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    uniqueIndex('technologies_code_key').on(t.tenantId, t.code),
    index('technologies_status_code_idx').on(t.tenantId, t.status, t.code),
    index('technologies_owner_idx').on(t.tenantId, t.ownerUserId),
    // The list's sorts walk these in order (the code sort uses technologies_status_code_idx), so that a sorted page
    // reads one page of rows rather than the whole register; the classification sort is by each tenant's ranks.
    // The code breaks ties as the list does: many technologies share a review date or a bus factor.
    index('technologies_next_review_idx').on(t.tenantId, t.nextReviewOn, t.code),
    index('technologies_name_ja_idx').on(t.tenantId, t.nameJa, t.code),
    index('technologies_updated_at_idx').on(t.tenantId, t.updatedAt),
    index('technologies_bus_factor_idx').on(t.tenantId, t.busFactor, t.code),
    // The list counts a search's matches (and checks who may read them in full) from this index alone, without
    // reading each matching row.
    index('technologies_match_count_idx').on(t.tenantId, t.status, t.id, t.ownerUserId, t.classificationCode),
  ],
);

/**
 * The search texts of every technology of every tenant, kept in step with `technologies` by triggers (migration
 * 0005) and indexed with pg_trgm. Deliberately without row-level security — under RLS the trigram index cannot be
 * used, because ILIKE/LIKE are not leakproof — and therefore without any privilege for the application roles: only
 * the security-definer function `kakine_technology_search(pattern, names_only)` reads it, for the tenant of the
 * calling transaction. The tenant column is not called `tenant_id` so that `kakine_apply_tenant_rls()` leaves the
 * table alone (docs/decisions/0008).
 */
export const technologySearch = pgTable(
  'technology_search',
  {
    technologyId: uuid('technology_id')
      .primaryKey()
      .references(() => technologies.id, { onDelete: 'cascade' }),
    ownerTenantId: uuid('owner_tenant_id').notNull(),
    searchText: text('search_text').notNull(),
    nameText: text('name_text').notNull(),
  },
  (t) => [
    index('technology_search_tenant_idx').on(t.ownerTenantId),
    index('technology_search_text_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('technology_search_name_trgm_idx').using('gin', sql`${t.nameText} gin_trgm_ops`),
  ],
);

/** The three trade-secret requirements of a technology; a missing row means not assessed. */
export const tradeSecretRequirements = pgTable(
  'trade_secret_requirements',
  {
    tenantId: tenantColumn(),
    technologyId: uuid('technology_id')
      .notNull()
      .references(() => technologies.id, { onDelete: 'cascade' }),
    requirement: text('requirement', { enum: ['secrecy_management', 'usefulness', 'non_public'] }).notNull(),
    status: text('status', { enum: ['met', 'partially_met', 'not_met', 'unassessed'] }).notNull(),
    note: text('note'),
    evidenceFileIds: jsonb('evidence_file_ids').$type<string[]>().notNull().default([]),
    reviewedOn: date('reviewed_on', { mode: 'string' }),
    reviewedBy: uuid('reviewed_by'),
    updatedAt: updatedAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.technologyId, t.requirement] })],
);

/** Need-to-know access to a technology, for one person or a whole department. */
export const accessGrants = pgTable(
  'access_grants',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    technologyId: uuid('technology_id')
      .notNull()
      .references(() => technologies.id, { onDelete: 'cascade' }),
    granteeKind: text('grantee_kind', { enum: ['person', 'department'] }).notNull(),
    personId: uuid('person_id').references(() => people.id),
    department: text('department'),
    reason: text('reason').notNull(),
    grantedBy: uuid('granted_by'),
    grantedAt: createdAtColumn(),
    expiresOn: date('expires_on', { mode: 'string' }),
    revokedAt: at('revoked_at'),
    revokedBy: uuid('revoked_by'),
    revokeReason: text('revoke_reason'),
    updatedAt: updatedAtColumn(),
  },
  (t) => [
    index('access_grants_technology_idx').on(t.tenantId, t.technologyId),
    index('access_grants_person_idx').on(t.tenantId, t.personId),
    index('access_grants_department_idx').on(t.tenantId, t.department),
  ],
);

/** The process steps (工程) of a technology, in order. */
export const knowHowSteps = pgTable(
  'know_how_steps',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    technologyId: uuid('technology_id')
      .notNull()
      .references(() => technologies.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    description: text('description'),
  },
  (t) => [index('know_how_steps_technology_idx').on(t.tenantId, t.technologyId, t.position)],
);

/** Who holds the know-how of a step, and how deeply (1–3). */
export const knowHowHoldings = pgTable(
  'know_how_holdings',
  {
    tenantId: tenantColumn(),
    stepId: uuid('step_id')
      .notNull()
      .references(() => knowHowSteps.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    depth: smallint('depth').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.stepId, t.personId] }),
    index('know_how_holdings_person_idx').on(t.tenantId, t.personId),
  ],
);

/** Reminders already sent, so that the daily job notifies once per due date. */
export const registerReminders = pgTable(
  'register_reminders',
  {
    tenantId: tenantColumn(),
    kind: text('kind', { enum: ['review_due', 'grant_expiring'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    sentAt: createdAtColumn(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.kind, t.subjectId, t.dueOn] })],
);
