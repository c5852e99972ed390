import { and, eq, inArray, sql } from 'drizzle-orm';
import { updateVersionedRows, type VersionedUpdate } from '../../platform/db/batch-update';
import type { Tx } from '../../platform/db/database';
import type { TechnologyValues } from './register.repository';
import { technologies } from './register.schema';

/** Rows per multi-row insert (about 25 parameters each, far below PostgreSQL's 65,535 per statement). */
const ROWS_PER_INSERT = 500;

/** Codes per `in (…)` look-up. */
const CODES_PER_QUERY = 5_000;

/** The tenant's technologies using any of the codes, as code → id. */
export const technologyIdsByCode = async (
  tx: Tx,
  tenantId: string,
  codes: readonly string[],
): Promise<Map<string, string>> => {
  const found = new Map<string, string>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += CODES_PER_QUERY) {
    const rows = await tx
      .select({ id: technologies.id, code: technologies.code })
      .from(technologies)
      .where(
        and(eq(technologies.tenantId, tenantId), inArray(technologies.code, unique.slice(i, i + CODES_PER_QUERY))),
      );
    for (const row of rows) found.set(row.code, row.id);
  }
  return found;
};

/** Inserts technologies of one tenant with multi-row inserts and returns their ids by code. */
export const insertTechnologies = async (
  tx: Tx,
  tenantId: string,
  values: readonly TechnologyValues[],
  createdBy: string | null,
): Promise<Map<string, string>> => {
  const ids = new Map<string, string>();
  for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
    const rows = await tx
      .insert(technologies)
      .values(values.slice(i, i + ROWS_PER_INSERT).map((v) => ({ ...v, tenantId, createdBy })))
      .returning({ id: technologies.id, code: technologies.code });
    for (const row of rows) ids.set(row.code, row.id);
  }
  return ids;
};

/**
 * Replaces the values of many technologies, each only if it still has the version the caller read (then version + 1);
 * returns the ids updated, so that a missing one is a version conflict.
 */
export const updateTechnologies = (
  tx: Tx,
  tenantId: string,
  updates: readonly VersionedUpdate<TechnologyValues>[],
): Promise<Set<string>> => updateVersionedRows(tx, technologies, tenantId, updates, sql`now()`);
