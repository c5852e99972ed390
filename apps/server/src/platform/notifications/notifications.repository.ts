import { and, asc, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { users } from '../auth/auth.schema';
import type { Tx } from '../db/database';
import { organisations } from '../tenancy/tenancy.schema';
import type { StoredNotification } from './notification.rules';
import { notifications } from './notifications.schema';

const columns = {
  id: notifications.id,
  kind: notifications.kind,
  titleJa: notifications.titleJa,
  titleEn: notifications.titleEn,
  bodyJa: notifications.bodyJa,
  bodyEn: notifications.bodyEn,
  link: notifications.link,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
};

const ofUser = (userId: string, unreadOnly: boolean): SQL | undefined =>
  and(eq(notifications.userId, userId), unreadOnly ? isNull(notifications.readAt) : undefined);

/** Inserts notifications in the transaction's tenant. */
export const insertNotifications = async (tx: Tx, rows: (typeof notifications.$inferInsert)[]): Promise<void> => {
  if (rows.length > 0) await tx.insert(notifications).values(rows);
};

/** How many notifications of the user there are (only unread ones when asked). */
export const countForUser = async (tx: Tx, userId: string, unreadOnly: boolean): Promise<number> => {
  const [row] = await tx.select({ n: count() }).from(notifications).where(ofUser(userId, unreadOnly));
  return row?.n ?? 0;
};

/** A slice of the user's notifications by creation time. */
export const listForUser = (
  tx: Tx,
  userId: string,
  options: { unreadOnly: boolean; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<StoredNotification[]> => {
  const direction = options.order === 'asc' ? asc : desc;
  return tx
    .select(columns)
    .from(notifications)
    .where(ofUser(userId, options.unreadOnly))
    .orderBy(direction(notifications.createdAt), direction(notifications.id))
    .limit(options.limit)
    .offset(options.offset);
};

/** Marks one of the user's notifications read (once); returns false when the user has no such notification. */
export const markRead = async (tx: Tx, userId: string, id: string, now: Date): Promise<boolean> => {
  const [own] = await tx
    .select({ readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .for('update');
  if (!own) return false;
  if (!own.readAt) await tx.update(notifications).set({ readAt: now }).where(eq(notifications.id, id));
  return true;
};

/** Marks every unread notification of the user read; returns how many changed. */
export const markAllRead = async (tx: Tx, userId: string, now: Date): Promise<number> =>
  (await tx.update(notifications).set({ readAt: now }).where(ofUser(userId, true)).returning({ id: notifications.id }))
    .length;

/** The kind of the transaction's organisation, which decides what its roles grant. */
export const organisationKindOf = async (
  tx: Tx,
  tenantId: string,
): Promise<'company' | 'meti' | 'certification_body' | null> => {
  const [row] = await tx.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, tenantId));
  return row?.kind ?? null;
};

/** The active users of a tenant with their roles, e-mail address and language. */
export const activeUsersOf = (tx: Tx, tenantId: string) =>
  tx
    .select({ id: users.id, roles: users.roles, email: users.email, locale: users.locale })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.status, 'active')));

/** The e-mail address and language of one user of the transaction's tenant, or null. */
export const contactOf = async (tx: Tx, userId: string) => {
  const [row] = await tx
    .select({ email: users.email, locale: users.locale, status: users.status })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
};
