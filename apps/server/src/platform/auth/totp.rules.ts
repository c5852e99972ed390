import { Secret, TOTP } from 'otpauth';

/** TOTP parameters (RFC 6238): SHA-1, 6 digits, 30-second steps, as every authenticator app supports. */
export const TOTP_PERIOD_SECONDS = 30;

/** Creates a new random TOTP secret (160 bits) in base32. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

const totpFor = (secret: string, label = 'Kakine') =>
  new TOTP({ issuer: 'Kakine 垣根', label, algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_SECONDS, secret });

/** The otpauth:// URI an authenticator app scans. */
export const totpUri = (secret: string, accountLabel: string): string => totpFor(secret, accountLabel).toString();

/** The current code for a secret (demo mode shows it for the demo accounts; tests use it). */
export const currentTotpCode = (secret: string, now: Date): string =>
  totpFor(secret).generate({ timestamp: now.getTime() });

/**
 * Checks a 6-digit code, allowing one step of clock drift either way. Returns the accepted time step, or null.
 * A step at or before `lastStep` is refused so that an observed code cannot be replayed.
 */
export const checkTotp = (secret: string, code: string, now: Date, lastStep: number | null): number | null => {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, timestamp: now.getTime(), window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
};
