import { hasPermission, type Permission } from '@kakine/contracts';
import type { Tx } from '../db/database';
import type { Mailer } from '../mail/mailer';
import { assertValidNotification, renderNotificationEmail } from './notification.rules';
import * as repo from './notifications.repository';

/** An in-app notification in both languages, with an optional link inside the app. */
export type NewNotification = {
  /** What it is about, such as `prior_report.submitted` (lowercase, dots and underscores). */
  kind: string;
  titleJa: string;
  titleEn: string;
  bodyJa?: string;
  bodyEn?: string;
  /** A path inside the app, such as `/prior-reports/…`; never an external URL. */
  link?: string;
  /** Also e-mail it (in the recipient's language) through the outbox, when the notifier has a mailer. */
  email?: boolean;
};

/** Creates in-app notifications inside the caller's transaction. */
export type Notifier = {
  /** Notifies one user of the tenant; commits or rolls back with the caller's change. */
  notify: (tx: Tx, tenantId: string, userId: string, notification: NewNotification) => Promise<void>;
  /**
   * Notifies every active user of the tenant whose roles grant `permission` (optionally except one, such as the
   * actor who caused it) and returns their ids.
   */
  notifyRoleHolders: (
    tx: Tx,
    tenantId: string,
    permission: Permission,
    notification: NewNotification,
    options?: { exceptUserId?: string },
  ) => Promise<string[]>;
};

/**
 * Creates the notifier. With a mailer, notifications marked `email` are also queued as e-mail in the same
 * transaction, rendered in each recipient's language with an absolute link under `baseUrl`.
 */
export const createNotifier = (deps: { mailer?: Mailer; baseUrl?: string } = {}): Notifier => {
  const baseUrl = deps.baseUrl ?? '';

  const deliver = async (
    tx: Tx,
    tenantId: string,
    recipients: { id: string; email: string; locale: 'ja' | 'en' }[],
    n: NewNotification,
  ) => {
    assertValidNotification(n);
    await repo.insertNotifications(
      tx,
      recipients.map((r) => ({
        tenantId,
        userId: r.id,
        kind: n.kind,
        titleJa: n.titleJa,
        titleEn: n.titleEn,
        bodyJa: n.bodyJa ?? '',
        bodyEn: n.bodyEn ?? '',
        link: n.link ?? null,
      })),
    );
    if (n.email && deps.mailer) {
      for (const r of recipients) {
        const mail = renderNotificationEmail(n, r.locale, baseUrl);
        await deps.mailer.enqueue(tx, tenantId, { to: r.email, subject: mail.subject, text: mail.text });
      }
    }
  };

  const notify: Notifier['notify'] = async (tx, tenantId, userId, n) => {
    const contact = await repo.contactOf(tx, userId);
    if (!contact) throw new Error('Cannot notify a user outside the tenant');
    await deliver(tx, tenantId, [{ id: userId, email: contact.email, locale: contact.locale }], n);
  };

  const notifyRoleHolders: Notifier['notifyRoleHolders'] = async (tx, tenantId, permission, n, options = {}) => {
    const kind = await repo.organisationKindOf(tx, tenantId);
    if (!kind) throw new Error('Cannot notify users of an unknown organisation');
    const recipients = (await repo.activeUsersOf(tx, tenantId)).filter(
      (u) => u.id !== options.exceptUserId && hasPermission(kind, u.roles, permission),
    );
    await deliver(tx, tenantId, recipients, n);
    return recipients.map((r) => r.id);
  };

  return { notify, notifyRoleHolders };
};
