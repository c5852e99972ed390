import type { Tx } from '../db/database';

/** An in-app notification in both languages, with an optional link inside the app. */
export type NewNotification = {
  kind: string;
  titleJa: string;
  titleEn: string;
  bodyJa?: string;
  bodyEn?: string;
  link?: string;
};

/** Creates in-app notifications inside the caller's transaction. */
export type Notifier = {
  notify: (tx: Tx, tenantId: string, userId: string, notification: NewNotification) => Promise<void>;
};
