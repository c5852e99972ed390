import {
  ErrorResponse,
  IdParams,
  type Locale,
  NotificationListQuery,
  NotificationPage,
  NotificationsReadResponse,
  type NotificationView,
} from '@kakine/contracts';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';

/** The columns of a notifications export. */
export const notificationExportColumns = (): ExportColumn<NotificationView>[] => [
  { ja: '日時', en: 'Time', value: (n) => n.createdAt },
  { ja: '種別', en: 'Kind', value: (n) => n.kind },
  { ja: '件名', en: 'Title', value: (n) => n.title },
  { ja: '本文', en: 'Body', value: (n) => n.body },
  { ja: 'リンク', en: 'Link', value: (n) => n.link },
  { ja: '既読日時', en: 'Read at', value: (n) => n.readAt },
];

/** Routes of the caller's in-app notifications: list, mark one read, mark all read. */
export const registerNotificationRoutes = (api: Api, services: Services) => {
  const tags = ['notifications'];

  api.get(
    '/notifications',
    {
      config: { permission: 'notifications:read' },
      schema: {
        tags,
        description: 'The caller’s own notifications in the caller’s language, with the unread count.',
        querystring: NotificationListQuery,
        response: { 200: NotificationPage },
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      const locale: Locale = req.locale;
      if (format === 'json') return services.notifications.list(actorOf(req), req.query, locale);
      const exported = await services.notifications.exportItems(actorOf(req), req.query, locale);
      return sendExport(reply, format, {
        items: exported.items,
        columns: notificationExportColumns(),
        locale,
        baseName: 'notifications',
        now: exported.exportedAt,
      });
    },
  );

  api.post(
    '/notifications/:id/read',
    {
      config: { permission: 'notifications:read' },
      schema: { tags, params: IdParams, response: { 200: NotificationsReadResponse, 404: ErrorResponse } },
    },
    (req) => services.notifications.markRead(actorOf(req), req.params.id),
  );

  api.post(
    '/notifications/read-all',
    {
      config: { permission: 'notifications:read' },
      schema: { tags, response: { 200: NotificationsReadResponse } },
    },
    (req) => services.notifications.markAllRead(actorOf(req)),
  );
};
