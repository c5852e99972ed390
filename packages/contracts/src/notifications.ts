import { z } from 'zod';
import { ListQuery, pageOf } from './common';

/** One in-app notification, with its title and body in the caller's language. */
export const NotificationView = z.object({
  id: z.uuid(),
  /** What the notification is about, such as `prior_report.submitted`. */
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** A path inside the app to open, or null. */
  link: z.string().nullable(),
  readAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
/** A notification as the API returns it. */
export type NotificationView = z.infer<typeof NotificationView>;

const booleanQuery = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

/** GET /notifications: the caller's own notifications, newest first by default; `unreadOnly=true` hides read ones. */
export const NotificationListQuery = ListQuery.extend({
  unreadOnly: booleanQuery.default(false),
});
/** Parsed GET /notifications query. */
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

/** A page of the caller's notifications plus how many of all of them are unread. */
export const NotificationPage = pageOf(NotificationView).extend({ unread: z.number().int() });
/** A page of notifications as the API returns it. */
export type NotificationPage = z.infer<typeof NotificationPage>;

/** POST /notifications/:id/read and /notifications/read-all: acknowledged, with the unread count that remains. */
export const NotificationsReadResponse = z.object({ ok: z.literal(true), unread: z.number().int() });
/** The response to marking notifications read. */
export type NotificationsReadResponse = z.infer<typeof NotificationsReadResponse>;
