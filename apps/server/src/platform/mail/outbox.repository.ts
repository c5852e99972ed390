import { asc, desc, sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { mailOutbox } from '../notifications/notifications.schema';

/** An e-mail row as the outbox list needs it. */
export type OutboxRow = {
  id: string;
  toAddress: string;
  subject: string;
  textBody: string;
  status: string;
  createdAt: Date;
};

/** Inserts one pending e-mail for the delivery job; runs in the caller's (tenant) transaction. */
export const insertOutgoingMail = async (
  tx: Tx,
  values: { tenantId: string; toAddress: string; subject: string; textBody: string },
): Promise<string> => {
  const [row] = await tx.insert(mailOutbox).values(values).returning({ id: mailOutbox.id });
  return row!.id;
};

/** A page of the current tenant's e-mails, newest first unless `order` is `asc`, with the total count. */
export const listOutbox = async (
  tx: Tx,
  options: { order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: OutboxRow[]; total: number }> => {
  const direction = options.order === 'asc' ? asc : desc;
  const rows = await tx
    .select({
      id: mailOutbox.id,
      toAddress: mailOutbox.toAddress,
      subject: mailOutbox.subject,
      textBody: mailOutbox.textBody,
      status: mailOutbox.status,
      createdAt: mailOutbox.createdAt,
    })
    .from(mailOutbox)
    .orderBy(direction(mailOutbox.createdAt), direction(mailOutbox.id))
    .limit(options.limit)
    .offset(options.offset);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(mailOutbox);
  return { rows, total: count?.n ?? 0 };
};
