import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../actor/actor';
import type { Database } from '../db/database';
import { notifications } from './notifications.schema';

/** Creates the in-app notifications service for the signed-in user. */
export const createNotificationsService = (deps: { db: Database }) => {
  /** How many notifications the actor has not read. */
  const unreadCount = (actor: Actor): Promise<number> =>
    deps.db.tenant(actor.tenantId, async (tx) => {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
      return row?.n ?? 0;
    });
  return { unreadCount };
};

/** The notifications service. */
export type NotificationsService = ReturnType<typeof createNotificationsService>;
