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
  const payload = storable(AUDIT_EVENT_PAYLOADS[entry.type].parse(entry.payload));
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`audit:${origin.tenantId}`}, 0))`);
  const [head] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(eq(auditEvents.tenantId, origin.tenantId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const event = {
    tenantId: origin.tenantId,
    seq: (head?.seq ?? 0) + 1,
    id: randomUUID(),
    // Stored with millisecond precision so that the hash input survives the round trip through timestamptz.
    occurredAt: new Date(clock().getTime()),
    type: entry.type,
    actorUserId: origin.userId,
    actorLabel: storable(origin.label),
    subjectType: storable(entry.subjectType ?? null),
    subjectId: storable(entry.subjectId ?? null),
    payload,
    ip: storable(origin.ip),
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  await tx.insert(auditEvents).values({ ...event, prevHash, hash: hashEvent(prevHash, event) });
  return { seq: event.seq, id: event.id };
};
