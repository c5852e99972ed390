import { randomUUID } from 'node:crypto';
import { AUDIT_EVENT_PAYLOADS, type AuditEventType, type AuditPayload } from '@kakine/contracts';
import { desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../actor/actor';
import type { Tx } from '../db/database';
import { auditEvents } from './audit.schema';
import { GENESIS_HASH, hashEvent, storable } from './hash-chain.rules';

/** What a caller says about an event; the recorder adds sequence, time and hashes. */
export type AuditEntry<T extends AuditEventType> = {
  type: T;
  payload: AuditPayload<T>;
  subjectType?: string;
  subjectId?: string;
};

/** Who an event is attributed to when there is no signed-in actor (sign-in failures, jobs, the CLI). */
export type AuditOrigin = Pick<Actor, 'tenantId' | 'label' | 'ip'> & { userId: string | null };

/** The most events one insert statement carries (13 parameters each, far below PostgreSQL's 65,535). */
const EVENTS_PER_INSERT = 500;

/**
 * Appends one event to the tenant's hash chain inside the caller's transaction, so that the event commits or
 * rolls back with the change it records. A per-tenant advisory lock serialises writers of one chain.
 */
export const recordAudit = async <T extends AuditEventType>(
  tx: Tx,
  origin: AuditOrigin,
  entry: AuditEntry<T>,
  clock: () => Date = () => new Date(),
): Promise<{ seq: number; id: string }> => {
  const [recorded] = await recordAudits(tx, origin, [entry], clock);
  return recorded!;
};

/**
 * Appends several events, in the given order, to the tenant's hash chain inside the caller's transaction: one chain
 * lock, one head read and multi-row inserts, so that an import of thousands of rows does not pay three round trips
 * per event. Every payload is validated before anything is written; no entries write nothing.
 */
export const recordAudits = async (
  tx: Tx,
  origin: AuditOrigin,
  entries: readonly AuditEntry<AuditEventType>[],
  clock: () => Date = () => new Date(),
): Promise<{ seq: number; id: string }[]> => {
  if (entries.length === 0) return [];
  const payloads = entries.map((entry) => storable(AUDIT_EVENT_PAYLOADS[entry.type].parse(entry.payload)));
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${origin.tenantId}`}, 0))`);
  const [head] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.tenantId, origin.tenantId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const actorLabel = storable(origin.label);
  const ip = storable(origin.ip);
  const rows = entries.map((entry, i) => {
    seq += 1;
    const event = {
      tenantId: origin.tenantId,
      seq,
      id: randomUUID(),
      // Stored with millisecond precision so that the hash input survives the round trip through timestamptz.
      occurredAt: new Date(clock().getTime()),
      type: entry.type,
      actorUserId: origin.userId,
      actorLabel,
      subjectType: storable(entry.subjectType ?? null),
      subjectId: storable(entry.subjectId ?? null),
      payload: payloads[i],
      ip,
    };
    const row = { ...event, prevHash, hash: hashEvent(prevHash, event) };
    prevHash = row.hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += EVENTS_PER_INSERT) {
    await tx.insert(auditEvents).values(rows.slice(i, i + EVENTS_PER_INSERT));
  }
  return rows.map((row) => ({ seq: row.seq, id: row.id }));
};
