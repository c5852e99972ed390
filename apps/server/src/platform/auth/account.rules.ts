/** How long an e-mailed password reset link works. */
export const RESET_LINK_MINUTES = 60;
/** At most this many reset e-mails go to one account per hour; further requests are answered but send nothing. */
export const MAX_RESET_EMAILS_PER_HOUR = 3;
/** How many recovery codes a user gets at enrolment and at each regeneration. */
export const RECOVERY_CODE_COUNT = 10;
/** Sensitive account changes without the password are allowed only this soon after signing in. */
export const REAUTHENTICATION_MINUTES = 15;

/** Whether a session opened at `signedInAt` is recent enough at `now` to skip asking for the password again. */
export const isRecentSignIn = (signedInAt: Date | null, now: Date): boolean =>
  signedInAt !== null &&
  signedInAt.getTime() <= now.getTime() &&
  now.getTime() - signedInAt.getTime() <= REAUTHENTICATION_MINUTES * 60_000;

/** The moment a link issued at `now` and valid for `minutes` stops working. */
export const linkExpiry = (now: Date, minutes: number): Date => new Date(now.getTime() + minutes * 60_000);
