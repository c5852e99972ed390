import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { organisations } from '../tenancy/tenancy.schema';
import { auditEvents } from './audit.schema';
import type { AuditEventFilter } from './audit-query.rules';
import type { ChainedEvent } from './hash-chain.rules';

/** An audit event as stored, with its chain links. */
export type StoredAuditEvent = ChainedEvent & { prevHash: string; hash: string };

const eventColumns = {
  tenantId: auditEvents.tenantId,
  seq: auditEvents.seq,
  id: auditEvents.id,
  occurredAt: auditEvents.occurredAt,
  type: auditEvents.type,
  actorUserId: auditEvents.actorUserId,
  actorLabel: auditEvents.actorLabel,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  payload: auditEvents.payload,
  ip: auditEvents.ip,
  prevHash: auditEvents.prevHash,
  hash: auditEvents.hash,
};

const conditions = (f: AuditEventFilter): SQL | undefined => {
  const search = f.search
    ? or(
        ilike(auditEvents.actorLabel, f.search.pattern),
        ilike(auditEvents.type, f.search.pattern),
        ilike(auditEvents.subjectType, f.search.pattern),
        ilike(auditEvents.subjectId, f.search.pattern),
        ilike(auditEvents.ip, f.search.pattern),
        sql`${auditEvents.payload}::text ilike ${f.search.pattern}`,
        f.search.labelledTypes.length > 0 ? inArray(auditEvents.type, [...f.search.labelledTypes]) : undefined,
      )
    : undefined;
  return and(
    eq(auditEvents.tenantId, f.tenantId),
    f.types ? inArray(auditEvents.type, [...f.types]) : undefined,
    f.actorUserId ? eq(auditEvents.actorUserId, f.actorUserId) : undefined,
    f.subjectType ? eq(auditEvents.subjectType, f.subjectType) : undefined,
    f.subjectId ? eq(auditEvents.subjectId, f.subjectId) : undefined,
    f.from ? gte(auditEvents.occurredAt, f.from) : undefined,
    f.before ? lt(auditEvents.occurredAt, f.before) : undefined,
    search,
  );
};

/**
 * One page (or, for exports, up to `limit` rows) of a tenant's events matching the filter, ordered by sequence.
 * Written as one SQL statement rather than with the query builder: it is the hottest list of the platform
 * (bench/audit-list.ts), and the builder's per-row mapping showed in the profile.
 */
export const listEvents = async (
  tx: Tx,
  filter: AuditEventFilter,
  page: { order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<StoredAuditEvent[]> => toStoredEvents((await tx.execute<RawEvent>(listEventsQuery(filter, page))).rows);

type RawEvent = Omit<StoredAuditEvent, 'seq' | 'occurredAt'> & { seq: string; occurredAt: string | Date };

/** The statement behind `listEvents`, also run on its own in one round trip for the newest page (`db.tenantRead`). */
export const listEventsQuery = (
  filter: AuditEventFilter,
  page: { order: 'asc' | 'desc'; limit: number; offset: number },
) => sql`
    select tenant_id as "tenantId", seq, id, occurred_at as "occurredAt", type, actor_user_id as "actorUserId",
      actor_label as "actorLabel", subject_type as "subjectType", subject_id as "subjectId", payload, ip,
      prev_hash as "prevHash", hash
    from ${auditEvents}
    where ${conditions(filter)}
    order by seq ${page.order === 'asc' ? sql`asc` : sql`desc`}
    limit ${page.limit} offset ${page.offset}`;

/**
 * Rows of `listEventsQuery` as stored events. Timestamps arrive as text (drizzle's driver set-up) or as Date (plain
 * pg); the column's own mapper gives the same Date either way, so the hash input is unchanged.
 */
export const toStoredEvents = (rows: readonly Record<string, unknown>[]): StoredAuditEvent[] =>
  (rows as RawEvent[]).map((row) => ({
    ...row,
    seq: Number(row.seq),
    occurredAt: auditEvents.occurredAt.mapFromDriverValue(row.occurredAt as string) as Date,
  }));

/** How many of a tenant's events match the filter. */
export const countEvents = async (tx: Tx, filter: AuditEventFilter): Promise<number> => {
  const [row] = await tx.select({ n: count() }).from(auditEvents).where(conditions(filter));
  return row?.n ?? 0;
};

/** One event of a tenant by its sequence number, or null. */
export const findEvent = async (tx: Tx, tenantId: string, seq: number): Promise<StoredAuditEvent | null> => {
  const [row] = await tx
    .select(eventColumns)
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), eq(auditEvents.seq, seq)))
    .limit(1);
  return row ?? null;
};

/** The last event of a tenant's chain (highest sequence number), or null for an empty chain. */
export const chainHead = async (tx: Tx, tenantId: string): Promise<{ seq: number; hash: string } | null> => {
  const [row] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.tenantId, tenantId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row ?? null;
};

/** The next `limit` events of a tenant's chain after `afterSeq` and up to `throughSeq`, in sequence order. */
export const readChain = async (
  tx: Tx,
  tenantId: string,
  range: { afterSeq: number; throughSeq: number; limit: number },
): Promise<StoredAuditEvent[]> => {
  return tx
    .select(eventColumns)
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.tenantId, tenantId),
        gt(auditEvents.seq, range.afterSeq),
        lte(auditEvents.seq, range.throughSeq),
      ),
    )
    .orderBy(asc(auditEvents.seq))
    .limit(range.limit);
};

/** Every organisation (each owns one chain), oldest first; system context only. */
export const listChainOwners = (tx: Tx): Promise<{ id: string; nameJa: string; nameEn: string; kind: string }[]> =>
  tx
    .select({
      id: organisations.id,
      nameJa: organisations.nameJa,
      nameEn: organisations.nameEn,
      kind: organisations.kind,
    })
    .from(organisations)
    .orderBy(asc(organisations.createdAt), asc(organisations.id));

/** Whether the audit table exists, i.e. the database has been migrated. */
export const auditTableExists = async (tx: Tx): Promise<boolean> => {
  const result = await tx.execute(sql`select to_regclass('public.audit_events') is not null as present`);
  return result.rows[0]?.present === true;
};
