import { getTableColumns, getTableName, type SQL, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './database';

/** The most rows one batched update statement carries; their values travel as one jsonb parameter. */
export const ROWS_PER_UPDATE = 500;

/** One row of a batched update: its id, the version the caller read, and the new values by property name. */
export type VersionedUpdate<V> = { id: string; expectedVersion: number; values: V };

const quoted = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A value as jsonb_to_recordset reads it back into the column's type (arrays and jsonb stay JSON). Unpaired
 * surrogates become U+FFFD, as the driver's UTF-8 encoding makes of them in an ordinary parameter; jsonb would refuse
 * their JSON escapes.
 */
const jsonValue = (value: unknown): unknown => {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD');
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(jsonValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [jsonValue(k), jsonValue(v)]));
  }
  return value;
};

/**
 * Updates many rows of one tenant table with one statement per chunk of ROWS_PER_UPDATE rows, instead of one round
 * trip per row: `update … from jsonb_to_recordset($rows)`, each row only if its `version` is still the one the caller
 * read (then `version + 1` and `updated_at = updatedAt`). Every row must set the same properties; an undefined value
 * is written as null. The table needs `id`, `tenant_id`, `version` and `updated_at` columns. Returns the ids updated;
 * an id missing from them had another version.
 */
export const updateVersionedRows = async <V extends Record<string, unknown>>(
  tx: Tx,
  table: PgTable,
  tenantId: string,
  rows: readonly VersionedUpdate<V>[],
  updatedAt: SQL,
): Promise<Set<string>> => {
  const updated = new Set<string>();
  if (rows.length === 0) return updated;
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const keys = Object.keys(rows[0]!.values);
  for (const key of keys) {
    if (!columns[key]) throw new Error(`updateVersionedRows: unknown column ${key}`);
  }
  const target = sql.raw(quoted(getTableName(table)));
  const assignments = sql.raw(
    keys.map((k) => `${quoted(columns[k]!.name)} = v.${quoted(columns[k]!.name)}`).join(', '),
  );
  const record = sql.raw(
    [
      '"__id" uuid',
      '"__version" integer',
      ...keys.map((k) => `${quoted(columns[k]!.name)} ${columns[k]!.getSQLType()}`),
    ].join(', '),
  );
  for (let i = 0; i < rows.length; i += ROWS_PER_UPDATE) {
    const chunk = rows.slice(i, i + ROWS_PER_UPDATE).map((row) => {
      const record: Record<string, unknown> = { __id: row.id, __version: row.expectedVersion };
      for (const key of keys) record[columns[key]!.name] = jsonValue(row.values[key]) ?? null;
      return record;
    });
    const result = await tx.execute<{ id: string }>(sql`
      update ${target} as t set ${assignments}, "version" = t."version" + 1, "updated_at" = ${updatedAt}
      from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as v(${record})
      where t."tenant_id" = ${tenantId} and t."id" = v."__id" and t."version" = v."__version"
      returning t."id" as id`);
    for (const row of result.rows) updated.add(row.id);
  }
  return updated;
};
