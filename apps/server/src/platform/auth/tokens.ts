import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe token with 256 bits of entropy, for session ids, invitation and reset links. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** SHA-256 (hex) of a token; only this is stored, so a database leak reveals no usable token. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Compares two strings in constant time with respect to their content. */
export const safeEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Normalises a typed recovery code (case, spaces) before hashing. */
export const normaliseRecoveryCode = (code: string): string => code.trim().toLowerCase().replace(/\s+/g, '');

/** HMAC-SHA256 of a recovery code under the server secret; an offline guess needs the secret as well. */
export const hashRecoveryCode = (serverSecret: string, code: string): string =>
  createHmac('sha256', serverSecret).update(normaliseRecoveryCode(code)).digest('hex');

const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A new recovery code `xxxxx-xxxxx` from an alphabet without look-alike characters (~49 bits). */
export const newRecoveryCode = (): string => {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
};
