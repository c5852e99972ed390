import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAtColumn, idColumn } from '../../platform/db/columns';

/**
 * A published edition of a reference catalogue. Catalogues are shared reference data, not tenant data: every tenant
 * reads them, only a METI catalogue administrator publishes. The version in force on a date is the one with the
 * latest `effective_from` on or before it; entries may carry their own validity inside a version.
 */
export const catalogueVersions = pgTable(
  'catalogue_versions',
  {
    id: idColumn(),
    catalogue: text('catalogue', {
      enum: ['designated_technologies', 'countries', 'end_user_list'],
    }).notNull(),
    label: text('label').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    source: text('source').notNull(),
    sourceUrl: text('source_url'),
    attribution: text('attribution'),
    notes: text('notes'),
    fileSha256: text('file_sha256'),
    fileId: uuid('file_id'),
    entryCount: integer('entry_count').notNull().default(0),
    publishedBy: uuid('published_by'),
    publishedByTenant: uuid('published_by_tenant'),
    publishedAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('catalogue_versions_effective_key').on(t.catalogue, t.effectiveFrom)],
);

/** The designated technologies of the prior-report scheme (重要管理対象技術), per catalogue version. */
export const designatedTechnologies = pgTable(
  'designated_technologies',
  {
    id: idColumn(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => catalogueVersions.id),
    code: text('code').notNull(),
    number: integer('number').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
    groupJa: text('group_ja'),
    groupEn: text('group_en'),
    inForceFrom: date('in_force_from', { mode: 'string' }).notNull(),
    inForceTo: date('in_force_to', { mode: 'string' }),
    legalReference: text('legal_reference').notNull(),
    source: text('source').notNull(),
    /** C confirmed, I inference, U unknown (domain-reference.md). */
    status: text('status', { enum: ['C', 'I', 'U'] }).notNull(),
    statusNote: text('status_note'),
  },
  (t) => [uniqueIndex('designated_technologies_version_code_key').on(t.versionId, t.code)],
);

/** Countries and regions (ISO 3166-1), per catalogue version. */
export const countries = pgTable(
  'countries',
  {
    id: idColumn(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => catalogueVersions.id),
    alpha2: text('alpha2').notNull(),
    alpha3: text('alpha3').notNull(),
    numeric: text('numeric').notNull(),
    nameJa: text('name_ja').notNull(),
    nameEn: text('name_en').notNull(),
  },
  (t) => [uniqueIndex('countries_version_alpha2_key').on(t.versionId, t.alpha2)],
);

/** Dated membership of a country in an export-control group (Group A = 輸出令別表第3), per catalogue version. */
export const countryGroupMemberships = pgTable(
  'country_group_memberships',
  {
    id: idColumn(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => catalogueVersions.id),
    alpha2: text('alpha2').notNull(),
    groupCode: text('group_code').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    source: text('source').notNull(),
    status: text('status', { enum: ['C', 'I', 'U'] }).notNull(),
    statusNote: text('status_note'),
  },
  (t) => [index('country_group_memberships_version_idx').on(t.versionId, t.groupCode, t.alpha2)],
);

/** Entries of the METI End User List (外国ユーザーリスト), per edition. */
export const endUserListEntries = pgTable(
  'end_user_list_entries',
  {
    id: idColumn(),
    versionId: uuid('version_id')
      .notNull()
      .references(() => catalogueVersions.id),
    number: integer('number').notNull(),
    countryJa: text('country_ja').notNull(),
    countryEn: text('country_en').notNull(),
    name: text('name').notNull(),
    aliases: text('aliases').array().notNull(),
    /** Concern codes: B biological, C chemical, M missile, N nuclear. */
    concerns: text('concerns').array().notNull(),
    conventionalWeapons: boolean('conventional_weapons').notNull().default(false),
    raw: jsonb('raw'),
  },
  (t) => [uniqueIndex('end_user_list_entries_version_number_key').on(t.versionId, t.number)],
);
