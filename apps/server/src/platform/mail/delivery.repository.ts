import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { mailOutbox } from '../notifications/notifications.schema';

/** An outbox row claimed for one delivery attempt. */
export type ClaimedMail = { id: string; toAddress: string; subject: string; textBody: string; attempts: number };

/**
 * Claims up to `limit` pending rows that are due, across tenants (system transaction): counts the attempt and leases
 * the row until `leaseUntil`. SKIP LOCKED lets several workers claim different rows at once.
 */
export const claimDue = async (tx: Tx, now: Date, leaseUntil: Date, limit: number): Promise<ClaimedMail[]> => {
  const due = await tx
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, now)))
    .orderBy(asc(mailOutbox.nextAttemptAt), asc(mailOutbox.createdAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  if (due.length === 0) return [];
  return tx
    .update(mailOutbox)
    .set({ attempts: sql`${mailOutbox.attempts} + 1`, nextAttemptAt: leaseUntil })
    .where(
      inArray(
        mailOutbox.id,
        due.map((d) => d.id),
      ),
    )
    .returning({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      textBody: mailOutbox.textBody,
      attempts: mailOutbox.attempts,
    });
};

/** Marks a claimed row sent. */
export const markSent = async (tx: Tx, id: string, now: Date): Promise<void> => {
  await tx
    .update(mailOutbox)
    .set({ status: 'sent', sentAt: now, lastError: null })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'pending')));
};

/** Records a failed attempt: back to pending with the next attempt time, or failed for good. */
export const markAttemptFailed = async (
  tx: Tx,
  id: string,
  outcome: { status: 'pending'; nextAttemptAt: Date; lastError: string } | { status: 'failed'; lastError: string },
): Promise<void> => {
  await tx
    .update(mailOutbox)
    .set(
      outcome.status === 'pending'
        ? { nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.lastError }
        : { status: 'failed', lastError: outcome.lastError },
    )
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.status, 'pending')));
};

/** Without SMTP: moves every due pending row of every tenant to the in-app outbox; returns how many. */
export const moveDueToOutbox = async (tx: Tx, now: Date): Promise<number> =>
  (
    await tx
      .update(mailOutbox)
      .set({ status: 'outbox' })
      .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, now)))
      .returning({ id: mailOutbox.id })
  ).length;

/** Whether any pending row is due; a cheap indexed look-up for the delivery watch. */
export const hasDue = async (tx: Tx, now: Date): Promise<boolean> => {
  const rows = await tx
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, now)))
    .limit(1);
  return rows.length > 0;
};
