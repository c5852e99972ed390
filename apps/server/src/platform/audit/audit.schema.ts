import { bigint, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at, tenantColumn } from '../db/columns';

/**
 * The append-only audit trail: one hash chain per tenant, `seq` counting from 1. The application role may only
 * insert and select; a trigger rejects UPDATE and DELETE for everyone.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    tenantId: tenantColumn(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull().defaultRandom(),
    occurredAt: at('occurred_at').notNull(),
    type: text('type').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    payload: jsonb('payload').notNull(),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.seq] }),
    index('audit_events_type_idx').on(t.tenantId, t.type, t.seq),
    index('audit_events_actor_idx').on(t.tenantId, t.actorUserId, t.seq),
    index('audit_events_time_idx').on(t.tenantId, t.occurredAt),
    index('audit_events_subject_idx').on(t.tenantId, t.subjectType, t.subjectId, t.seq),
  ],
);
