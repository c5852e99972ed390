import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.schema';
import { at, createdAtColumn, idColumn, tenantColumn } from '../db/columns';

/** In-app notifications for one user, in both languages. */
export const notifications = pgTable(
  'notifications',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    titleJa: text('title_ja').notNull(),
    titleEn: text('title_en').notNull(),
    bodyJa: text('body_ja').notNull().default(''),
    bodyEn: text('body_en').notNull().default(''),
    link: text('link'),
    readAt: at('read_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [index('notifications_user_idx').on(t.tenantId, t.userId, t.createdAt)],
);

/** Outgoing e-mail; a job delivers pending rows through SMTP with retries, or leaves them in the demo outbox. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    status: text('status', { enum: ['pending', 'sent', 'failed', 'outbox'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /**
     * When the delivery job may next try this row: now for new mail, later after a failed attempt (backoff), and a
     * short lease ahead while an attempt is in flight so that a crashed worker's row is retried, never sent twice.
     */
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    sentAt: at('sent_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [
    index('mail_outbox_status_idx').on(t.status, t.createdAt),
    index('mail_outbox_tenant_idx').on(t.tenantId),
    index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt),
  ],
);
