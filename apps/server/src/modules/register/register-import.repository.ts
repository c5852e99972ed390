import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { catalogueVersions, countries, designatedTechnologies } from '../catalogues/catalogues.schema';
import { technologies } from './register.schema';
import type { CountryLookupEntry, DesignatedLookupEntry } from './register-import.rules';

/** The id of the catalogue version in force on `today`, or null before the first version takes effect. */
const versionInForce = async (
  tx: Tx,
  catalogue: 'designated_technologies' | 'countries',
  today: string,
): Promise<string | null> => {
  const [version] = await tx
    .select({ id: catalogueVersions.id })
    .from(catalogueVersions)
    .where(and(eq(catalogueVersions.catalogue, catalogue), sql`${catalogueVersions.effectiveFrom} <= ${today}`))
    .orderBy(desc(catalogueVersions.effectiveFrom))
    .limit(1);
  return version?.id ?? null;
};

/** The designated technologies in force on `today` (from the version in force that day), by number. */
export const designatedInForce = async (tx: Tx, today: string): Promise<DesignatedLookupEntry[]> => {
  const versionId = await versionInForce(tx, 'designated_technologies', today);
  if (versionId === null) return [];
  return tx
    .select({
      code: designatedTechnologies.code,
      number: designatedTechnologies.number,
      nameJa: designatedTechnologies.nameJa,
      nameEn: designatedTechnologies.nameEn,
    })
    .from(designatedTechnologies)
    .where(
      and(
        eq(designatedTechnologies.versionId, versionId),
        lte(designatedTechnologies.inForceFrom, today),
        or(isNull(designatedTechnologies.inForceTo), gte(designatedTechnologies.inForceTo, today)),
      ),
    )
    .orderBy(asc(designatedTechnologies.number));
};

/**
 * The countries a location may name on `today`: those of the countries version in force, or of every version before
 * the first one takes effect (the same rule as the register's own check).
 */
export const countriesInForce = async (tx: Tx, today: string): Promise<CountryLookupEntry[]> => {
  const versionId = await versionInForce(tx, 'countries', today);
  return tx
    .selectDistinct({
      alpha2: countries.alpha2,
      alpha3: countries.alpha3,
      nameJa: countries.nameJa,
      nameEn: countries.nameEn,
    })
    .from(countries)
    .where(versionId === null ? undefined : eq(countries.versionId, versionId))
    .orderBy(asc(countries.alpha2));
};

/** The technologies of the tenant with the given codes, without locking them (for a dry run, which writes nothing). */
export const technologiesByCodes = async (tx: Tx, tenantId: string, codes: readonly string[]) => {
  if (codes.length === 0) return [];
  return tx
    .select()
    .from(technologies)
    .where(and(eq(technologies.tenantId, tenantId), inArray(technologies.code, [...codes])));
};
