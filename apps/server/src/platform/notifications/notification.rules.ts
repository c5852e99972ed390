import type { Locale, NotificationView } from '@kakine/contracts';
import type { NewNotification } from './notifier';

/** The longest title and body a notification keeps (longer text is a programming error, not user input). */
export const MAX_TITLE_LENGTH = 200;
/** The longest notification body. */
export const MAX_BODY_LENGTH = 4000;

/**
 * Whether a link is a path inside the app: starts with one `/`, no scheme, no protocol-relative `//`, no backslash
 * and no control characters, so that a notification can never send a user to another site.
 */
export const isInAppLink = (link: string): boolean =>
  /^\/(?![/\\])/.test(link) && !/[\\\p{Cc}]/u.test(link) && link.length <= 500;

/** Checks a new notification before it is stored; throws on text that is empty, too long, or a foreign link. */
export const assertValidNotification = (n: NewNotification): void => {
  if (!/^[a-z][a-z0-9_.]{0,99}$/.test(n.kind)) throw new Error(`Invalid notification kind "${n.kind}"`);
  for (const title of [n.titleJa, n.titleEn]) {
    if (title.trim() === '' || title.length > MAX_TITLE_LENGTH)
      throw new Error('Notification titles must be 1–200 characters');
  }
  for (const body of [n.bodyJa ?? '', n.bodyEn ?? '']) {
    if (body.length > MAX_BODY_LENGTH) throw new Error('Notification bodies must be at most 4000 characters');
  }
  if (n.link !== undefined && !isInAppLink(n.link)) throw new Error(`Notification links must be paths inside the app`);
};

/** A stored notification in both languages. */
export type StoredNotification = {
  id: string;
  kind: string;
  titleJa: string;
  titleEn: string;
  bodyJa: string;
  bodyEn: string;
  link: string | null;
  readAt: Date | null;
  createdAt: Date;
};

/** The view of a notification in one language. */
export const toNotificationView = (n: StoredNotification, locale: Locale): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: locale === 'ja' ? n.titleJa : n.titleEn,
  body: locale === 'ja' ? n.bodyJa : n.bodyEn,
  link: n.link,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

/** The e-mail that accompanies a notification, in the recipient's language, with an absolute link to the app. */
export const renderNotificationEmail = (
  n: NewNotification,
  locale: Locale,
  baseUrl: string,
): { subject: string; text: string } => {
  const ja = locale === 'ja';
  const lines = [(ja ? n.bodyJa : n.bodyEn) ?? ''];
  if (n.link) lines.push('', `${baseUrl.replace(/\/$/, '')}${n.link}`);
  lines.push(
    '',
    '--',
    ja
      ? 'このメールは垣根（Kakine）から自動送信されています。通知は垣根の画面でも確認できます。'
      : 'This message was sent automatically by Kakine. You can also see this notification in Kakine.',
  );
  return {
    subject: `${ja ? '【垣根】' : '[Kakine] '}${ja ? n.titleJa : n.titleEn}`,
    text: lines.join('\n').replace(/^\n+/, ''),
  };
};
