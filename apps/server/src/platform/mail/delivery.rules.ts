/** How many times the delivery job tries one e-mail before giving up on it. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** Minutes to wait after the n-th failed attempt (n = 1 … 4) before the next one: 1, 5, 30 and 120 minutes. */
export const RETRY_DELAYS_MINUTES = [1, 5, 30, 120] as const;

/**
 * While an attempt is in flight the row is leased this long, so that a worker that dies mid-send leaves the row to
 * be retried later (its attempt already counted) rather than picked up twice at once.
 */
export const DELIVERY_LEASE_MINUTES = 10;

/** The most characters of an SMTP error kept in `last_error`. */
export const MAX_ERROR_LENGTH = 500;

/** Minutes to wait after `attempts` failed attempts; the last delay repeats if the table is ever shorter. */
export const retryDelayMinutes = (attempts: number): number =>
  RETRY_DELAYS_MINUTES[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MINUTES.length) - 1]!;

/** A failed attempt, described safely: no credentials, one line, bounded length. */
export type DeliveryFailure = { message: string; permanent: boolean };

/** What becomes of an outbox row after a failed attempt. */
export type FailedAttemptOutcome =
  | { status: 'pending'; nextAttemptAt: Date; lastError: string }
  | { status: 'failed'; lastError: string };

/**
 * Decides the next step after the `attempts`-th attempt failed: retry later with backoff, or give up after
 * MAX_DELIVERY_ATTEMPTS or when the server refused the message for good (a 5xx reply to the envelope).
 */
export const afterFailedAttempt = (attempts: number, failure: DeliveryFailure, now: Date): FailedAttemptOutcome => {
  if (failure.permanent || attempts >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed', lastError: failure.message };
  return {
    status: 'pending',
    nextAttemptAt: new Date(now.getTime() + retryDelayMinutes(attempts) * 60_000),
    lastError: failure.message,
  };
};

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Describes an SMTP or network error for `last_error`: the error class, the server's reply code and text, with
 * every given secret, any `user:password@` in a URL and any AUTH payload removed. Only a 5xx reply to the envelope
 * (sender, recipient, data) is permanent; authentication and connection problems are worth retrying.
 */
export const describeDeliveryError = (error: unknown, secrets: readonly string[]): DeliveryFailure => {
  const e = (error ?? {}) as { code?: unknown; responseCode?: unknown; message?: unknown; command?: unknown };
  const code = typeof e.code === 'string' ? e.code : null;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null;
  let text = typeof e.message === 'string' ? e.message : String(error);
  for (const secret of secrets) {
    if (secret.length >= 3) text = text.replace(new RegExp(escapeRegExp(secret), 'g'), '[redacted]');
  }
  text = text
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*(:[^\s/@]*)?@/gi, '$1[redacted]@')
    .replace(/\bAUTH\s+(PLAIN|LOGIN|XOAUTH2|CRAM-MD5)\s+\S+/gi, 'AUTH $1 [redacted]')
    .replace(/[\r\n\t]+/g, ' ')
    .trim();
  const prefix = code ? `${code}${responseCode ? ` ${responseCode}` : ''}: ` : '';
  const message = `${prefix}${text}`.slice(0, MAX_ERROR_LENGTH);
  const permanent = code === 'EENVELOPE' && responseCode !== null && responseCode >= 500 && responseCode < 600;
  return { message, permanent };
};
