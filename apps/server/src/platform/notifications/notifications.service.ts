import type { Locale, NotificationListQuery, NotificationPage, NotificationView } from '@kakine/contracts';
import { type Actor, requirePermission } from '../actor/actor';
import { type Clock, systemClock } from '../clock';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { toNotificationView } from './notification.rules';
import * as repo from './notifications.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Creates the in-app notifications service for the signed-in user: only the user's own notifications, in their
 * organisation (row-level security) and filtered by user. `exportLimit` caps one CSV/XLSX export.
 */
export const createNotificationsService = (deps: { db: Database; clock?: Clock; exportLimit?: number }) => {
  const { db } = deps;
  const clock = deps.clock ?? systemClock;
  const exportLimit = deps.exportLimit ?? 100_000;

  /** How many notifications the actor has not read. */
  const unreadCount = (actor: Actor): Promise<number> =>
    db.tenant(actor.tenantId, (tx) => repo.countForUser(tx, actor.userId, true));

  /** One page of the actor's notifications in `locale`, with the total and the unread count. */
  const list = (actor: Actor, query: NotificationListQuery, locale: Locale): Promise<NotificationPage> => {
    requirePermission(actor, 'notifications:read');
    return db.tenant(actor.tenantId, async (tx) => {
      const total = await repo.countForUser(tx, actor.userId, query.unreadOnly);
      const unread = query.unreadOnly ? total : await repo.countForUser(tx, actor.userId, true);
      const offset = (query.page - 1) * query.pageSize;
      const rows =
        offset < total
          ? await repo.listForUser(tx, actor.userId, {
              unreadOnly: query.unreadOnly,
              order: query.order,
              limit: query.pageSize,
              offset,
            })
          : [];
      return {
        items: rows.map((r) => toNotificationView(r, locale)),
        page: query.page,
        pageSize: query.pageSize,
        total,
        unread,
      };
    });
  };

  /** Every notification of the actor matching the query, for a CSV/XLSX download. */
  const exportItems = (
    actor: Actor,
    query: NotificationListQuery,
    locale: Locale,
  ): Promise<{ items: NotificationView[]; exportedAt: Date }> => {
    requirePermission(actor, 'notifications:read');
    return db.tenant(actor.tenantId, async (tx) => {
      const rows = await repo.listForUser(tx, actor.userId, {
        unreadOnly: query.unreadOnly,
        order: query.order,
        limit: exportLimit,
        offset: 0,
      });
      return { items: rows.map((r) => toNotificationView(r, locale)), exportedAt: clock() };
    });
  };

  /** Marks one of the actor's notifications read (again is fine); `notifications/not_found` for anyone else's. */
  const markRead = (actor: Actor, id: string): Promise<{ ok: true; unread: number }> => {
    requirePermission(actor, 'notifications:read');
    if (!UUID.test(id)) throw new AppError('notifications/not_found', { id });
    return db.tenant(actor.tenantId, async (tx) => {
      if (!(await repo.markRead(tx, actor.userId, id, clock()))) throw new AppError('notifications/not_found', { id });
      return { ok: true as const, unread: await repo.countForUser(tx, actor.userId, true) };
    });
  };

  /** Marks every notification of the actor read. */
  const markAllRead = (actor: Actor): Promise<{ ok: true; unread: number }> => {
    requirePermission(actor, 'notifications:read');
    return db.tenant(actor.tenantId, async (tx) => {
      await repo.markAllRead(tx, actor.userId, clock());
      return { ok: true as const, unread: await repo.countForUser(tx, actor.userId, true) };
    });
  };

  return { unreadCount, list, exportItems, markRead, markAllRead };
};

/** The notifications service. */
export type NotificationsService = ReturnType<typeof createNotificationsService>;
