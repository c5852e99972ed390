/** Consecutive failed sign-ins that lock an account. */
export const MAX_FAILED_SIGN_INS = 5;
/** How long a locked account stays locked. */
export const LOCK_MINUTES = 15;
/** Failed sign-ins from one address within the window after which that address is throttled. */
export const MAX_FAILURES_PER_ADDRESS = 20;
/** The window for counting failures per address. */
export const ADDRESS_WINDOW_MINUTES = 15;
/** A session that still waits for its second factor expires this soon. */
export const PENDING_SESSION_MINUTES = 10;
/** A signed-in session ends after this much inactivity… */
export const IDLE_TIMEOUT_HOURS = 8;
/** …and in any case this long after sign-in. */
export const ABSOLUTE_TIMEOUT_DAYS = 7;

const minutes = (n: number) => n * 60_000;

/** Whether an account is locked at `now`. */
export const isLocked = (lockedUntil: Date | null, now: Date): boolean =>
  lockedUntil !== null && lockedUntil.getTime() > now.getTime();

/**
 * The account's state after one more failed sign-in: the failure count, and the lock end when the count reaches the
 * limit. A lock that has already expired starts a new count.
 */
export const afterFailure = (
  state: { failedSignIns: number; lockedUntil: Date | null },
  now: Date,
): { failedSignIns: number; lockedUntil: Date | null; lockedNow: boolean } => {
  const previous = state.lockedUntil && !isLocked(state.lockedUntil, now) ? 0 : state.failedSignIns;
  const failedSignIns = previous + 1;
  if (failedSignIns >= MAX_FAILED_SIGN_INS) {
    return { failedSignIns, lockedUntil: new Date(now.getTime() + minutes(LOCK_MINUTES)), lockedNow: true };
  }
  return { failedSignIns, lockedUntil: null, lockedNow: false };
};

/** When a session expires if it is used at `now`: the idle timeout, capped by the absolute timeout. */
export const sessionExpiry = (createdAt: Date, now: Date): Date =>
  new Date(
    Math.min(now.getTime() + IDLE_TIMEOUT_HOURS * 3_600_000, createdAt.getTime() + ABSOLUTE_TIMEOUT_DAYS * 86_400_000),
  );

/** Whether a code looks like a recovery code (xxxxx-xxxxx) rather than a 6-digit TOTP code. */
export const isRecoveryCodeShape = (code: string): boolean => /^[a-z0-9]{5}-[a-z0-9]{5}$/i.test(code.trim());
