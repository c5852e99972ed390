import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { users } from '../../platform/auth/auth.schema';
import type { Tx } from '../../platform/db/database';
import { organisations } from '../../platform/tenancy/tenancy.schema';
import type {
  CatalogueKind,
  CatalogueVersionMeta,
  CountryEntry,
  CountryGroupMembershipEntry,
  DesignatedTechnologyEntry,
} from './catalogue-files.rules';
import {
  catalogueVersions,
  countries,
  countryGroupMemberships,
  designatedTechnologies,
  endUserListEntries,
} from './catalogues.schema';
import type { EndUserListEntry } from './end-user-list.parser';

/** A stored catalogue version. */
export type StoredVersion = typeof catalogueVersions.$inferSelect;

/** An End User List entry as read back for queries (the original cells stay in the database). */
export type StoredEndUserEntry = Omit<typeof endUserListEntries.$inferSelect, 'id' | 'versionId' | 'raw'>;

/** A version to insert: its metadata and where it came from. */
export type NewVersion = CatalogueVersionMeta & {
  fileSha256: string | null;
  fileId: string | null;
  entryCount: number;
  publishedBy: string | null;
  publishedByTenant: string | null;
};

/** Who published versions: their name and organisation. */
export type Publisher = {
  userId: string;
  tenantId: string;
  displayName: string;
  organisationJa: string;
  organisationEn: string;
};

/** A user who may publish, as checked when a publishing job runs. */
export type PublisherAccount = {
  userId: string;
  tenantId: string;
  email: string;
  displayName: string;
  roles: string[];
  status: 'active' | 'disabled';
  locale: 'ja' | 'en';
  organisationKind: 'company' | 'meti' | 'certification_body';
};

/** Every version of every catalogue (or of one), newest effective date first. */
export const listVersions = (tx: Tx, catalogue?: CatalogueKind): Promise<StoredVersion[]> =>
  tx
    .select()
    .from(catalogueVersions)
    .where(catalogue ? eq(catalogueVersions.catalogue, catalogue) : undefined)
    .orderBy(asc(catalogueVersions.catalogue), desc(catalogueVersions.effectiveFrom));

/** The version of a catalogue with exactly this effective date, or null. */
export const findVersionByDate = async (
  tx: Tx,
  catalogue: CatalogueKind,
  effectiveFrom: string,
): Promise<StoredVersion | null> => {
  const [row] = await tx
    .select()
    .from(catalogueVersions)
    .where(and(eq(catalogueVersions.catalogue, catalogue), eq(catalogueVersions.effectiveFrom, effectiveFrom)))
    .limit(1);
  return row ?? null;
};

/**
 * Serialises writers of one catalogue date until the transaction ends, so that two publishers (or two servers
 * loading the bundled files) cannot both pass the "no version on this date" check.
 */
export const lockCatalogueDate = async (tx: Tx, catalogue: CatalogueKind, effectiveFrom: string): Promise<void> => {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`catalogue:${catalogue}:${effectiveFrom}`}, 0))`,
  );
};

/** Inserts a version and returns its id. */
export const insertVersion = async (tx: Tx, version: NewVersion): Promise<string> => {
  const [row] = await tx
    .insert(catalogueVersions)
    .values({
      catalogue: version.catalogue,
      label: version.label,
      effectiveFrom: version.effectiveFrom,
      source: version.source,
      sourceUrl: version.sourceUrl,
      attribution: version.attribution,
      notes: version.notes,
      fileSha256: version.fileSha256,
      fileId: version.fileId,
      entryCount: version.entryCount,
      publishedBy: version.publishedBy,
      publishedByTenant: version.publishedByTenant,
    })
    .returning({ id: catalogueVersions.id });
  if (!row) throw new Error('catalogue version insert returned nothing');
  return row.id;
};

/** Inserts designated technologies of a version (one batch). */
export const insertTechnologies = async (
  tx: Tx,
  versionId: string,
  entries: readonly DesignatedTechnologyEntry[],
): Promise<void> => {
  if (entries.length === 0) return;
  await tx.insert(designatedTechnologies).values(entries.map((e) => ({ ...e, versionId })));
};

/** Inserts countries of a version (one batch). */
export const insertCountries = async (tx: Tx, versionId: string, entries: readonly CountryEntry[]): Promise<void> => {
  if (entries.length === 0) return;
  await tx.insert(countries).values(entries.map((e) => ({ ...e, versionId })));
};

/** Inserts group memberships of a version (one batch). */
export const insertMemberships = async (
  tx: Tx,
  versionId: string,
  entries: readonly CountryGroupMembershipEntry[],
): Promise<void> => {
  if (entries.length === 0) return;
  await tx.insert(countryGroupMemberships).values(entries.map((e) => ({ ...e, versionId })));
};

/** Inserts End User List entries of a version (one batch), keeping each entry's original cells. */
export const insertEndUserEntries = async (
  tx: Tx,
  versionId: string,
  entries: readonly EndUserListEntry[],
): Promise<void> => {
  if (entries.length === 0) return;
  await tx.insert(endUserListEntries).values(
    entries.map((e) => ({
      versionId,
      number: e.number,
      countryJa: e.countryJa,
      countryEn: e.countryEn,
      name: e.name,
      aliases: [...e.aliases],
      concerns: [...e.concerns],
      conventionalWeapons: e.conventionalWeapons,
      raw: e.raw,
    })),
  );
};

/** The designated technologies of a version, by number. */
export const technologiesOf = async (tx: Tx, versionId: string): Promise<DesignatedTechnologyEntry[]> =>
  tx
    .select({
      code: designatedTechnologies.code,
      number: designatedTechnologies.number,
      nameJa: designatedTechnologies.nameJa,
      nameEn: designatedTechnologies.nameEn,
      groupJa: designatedTechnologies.groupJa,
      groupEn: designatedTechnologies.groupEn,
      inForceFrom: designatedTechnologies.inForceFrom,
      inForceTo: designatedTechnologies.inForceTo,
      legalReference: designatedTechnologies.legalReference,
      source: designatedTechnologies.source,
      status: designatedTechnologies.status,
      statusNote: designatedTechnologies.statusNote,
    })
    .from(designatedTechnologies)
    .where(eq(designatedTechnologies.versionId, versionId))
    .orderBy(asc(designatedTechnologies.number));

/** The countries of a version, by alpha-2 code. */
export const countriesOf = async (tx: Tx, versionId: string): Promise<CountryEntry[]> =>
  tx
    .select({
      alpha2: countries.alpha2,
      alpha3: countries.alpha3,
      numeric: countries.numeric,
      nameJa: countries.nameJa,
      nameEn: countries.nameEn,
    })
    .from(countries)
    .where(eq(countries.versionId, versionId))
    .orderBy(asc(countries.alpha2));

/** The group memberships of a version, by group, country and start. */
export const membershipsOf = async (tx: Tx, versionId: string): Promise<CountryGroupMembershipEntry[]> =>
  tx
    .select({
      alpha2: countryGroupMemberships.alpha2,
      groupCode: countryGroupMemberships.groupCode,
      effectiveFrom: countryGroupMemberships.effectiveFrom,
      effectiveTo: countryGroupMemberships.effectiveTo,
      source: countryGroupMemberships.source,
      status: countryGroupMemberships.status,
      statusNote: countryGroupMemberships.statusNote,
    })
    .from(countryGroupMemberships)
    .where(eq(countryGroupMemberships.versionId, versionId))
    .orderBy(
      asc(countryGroupMemberships.groupCode),
      asc(countryGroupMemberships.alpha2),
      asc(countryGroupMemberships.effectiveFrom),
    );

/** The End User List entries of a version, by No. */
export const endUserEntriesOf = async (tx: Tx, versionId: string): Promise<StoredEndUserEntry[]> =>
  tx
    .select({
      number: endUserListEntries.number,
      countryJa: endUserListEntries.countryJa,
      countryEn: endUserListEntries.countryEn,
      name: endUserListEntries.name,
      aliases: endUserListEntries.aliases,
      concerns: endUserListEntries.concerns,
      conventionalWeapons: endUserListEntries.conventionalWeapons,
    })
    .from(endUserListEntries)
    .where(eq(endUserListEntries.versionId, versionId))
    .orderBy(asc(endUserListEntries.number));

/** The name and organisation of each publisher (system context: publishers belong to other tenants). */
export const publishersOf = async (tx: Tx, userIds: readonly string[]): Promise<Publisher[]> => {
  if (userIds.length === 0) return [];
  return tx
    .select({
      userId: users.id,
      tenantId: users.tenantId,
      displayName: users.displayName,
      organisationJa: organisations.nameJa,
      organisationEn: organisations.nameEn,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.tenantId))
    .where(inArray(users.id, [...userIds]));
};

/** A user with the roles and organisation kind they have now, or null (system context). */
export const findPublisherAccount = async (tx: Tx, userId: string): Promise<PublisherAccount | null> => {
  const [row] = await tx
    .select({
      userId: users.id,
      tenantId: users.tenantId,
      email: users.email,
      displayName: users.displayName,
      roles: users.roles,
      status: users.status,
      locale: users.locale,
      organisationKind: organisations.kind,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.tenantId))
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
};

/** Every METI organisation, whose catalogue administrators hear about new versions (system context). */
export const metiOrganisations = async (tx: Tx): Promise<string[]> =>
  (
    await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.kind, 'meti'))
      .orderBy(asc(organisations.id))
  ).map((row) => row.id);
