import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { passwordResetTokens, recoveryCodes, sessions, users } from './auth.schema';

/** Stores a not-yet-confirmed TOTP secret (sealed); the second factor stays off until it is confirmed. */
export const setPendingTotpSecret = async (tx: Tx, userId: string, sealedSecret: string) => {
  await tx
    .update(users)
    .set({ totpSecret: sealedSecret, totpEnabledAt: null, totpLastStep: null })
    .where(eq(users.id, userId));
};

/**
 * Turns the pending TOTP secret on, remembering the time step of the confirming code so it cannot be replayed;
 * false when it was already on (a concurrent confirmation won).
 */
export const enableTotp = async (tx: Tx, userId: string, now: Date, step: number): Promise<boolean> => {
  const rows = await tx
    .update(users)
    .set({ totpEnabledAt: now, totpLastStep: step })
    .where(and(eq(users.id, userId), isNull(users.totpEnabledAt)))
    .returning({ id: users.id });
  return rows.length === 1;
};

/** Removes the TOTP secret and every recovery code of a user. */
export const removeSecondFactor = async (tx: Tx, userId: string) => {
  await tx.update(users).set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null }).where(eq(users.id, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
};

/** Replaces every recovery code of a user by the given hashes. */
export const replaceRecoveryCodes = async (tx: Tx, tenantId: string, userId: string, codeHashes: string[]) => {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ tenantId, userId, codeHash })));
};

/** Sets a new password hash; a successful password change or reset also clears the failed sign-in count and lock. */
export const setPassword = async (tx: Tx, userId: string, passwordHash: string, now: Date) => {
  await tx
    .update(users)
    .set({ passwordHash, passwordChangedAt: now, failedSignIns: 0, lockedUntil: null })
    .where(eq(users.id, userId));
};

/** Sets the UI and e-mail language of a user. */
export const setLocale = async (tx: Tx, userId: string, locale: 'ja' | 'en') => {
  await tx.update(users).set({ locale }).where(eq(users.id, userId));
};

/** Deletes every session of a user except one; returns how many ended. */
export const deleteOtherSessions = async (tx: Tx, userId: string, keepSessionId: string): Promise<number> => {
  const rows = await tx
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)))
    .returning({ id: sessions.id });
  return rows.length;
};

/** When a session was opened (its sign-in time), or null if it no longer exists. */
export const sessionCreatedAt = async (tx: Tx, sessionId: string): Promise<Date | null> => {
  const [row] = await tx
    .select({ createdAt: sessions.createdAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row?.createdAt ?? null;
};

/** Inserts a password reset token (its hash only). */
export const insertPasswordResetToken = async (tx: Tx, values: typeof passwordResetTokens.$inferInsert) => {
  await tx.insert(passwordResetTokens).values(values);
};

/** How many reset tokens a user was sent since a time (per-account throttle). */
export const countResetTokensSince = async (tx: Tx, userId: string, since: Date): Promise<number> => {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.userId, userId), gt(passwordResetTokens.createdAt, since)));
  return row?.n ?? 0;
};

/** Makes a user's earlier unused reset links stop working (a newer link supersedes them). */
export const supersedeResetTokens = async (tx: Tx, userId: string, now: Date) => {
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
};

/** A reset token with its user, looked up by the token's hash across tenants; system context only. */
export const findResetTokenByHash = async (tx: Tx, tokenHash: string) => {
  const [row] = await tx
    .select({
      id: passwordResetTokens.id,
      tenantId: passwordResetTokens.tenantId,
      userId: passwordResetTokens.userId,
      expiresAt: passwordResetTokens.expiresAt,
      usedAt: passwordResetTokens.usedAt,
      email: users.email,
      userStatus: users.status,
    })
    .from(passwordResetTokens)
    .innerJoin(users, eq(users.id, passwordResetTokens.userId))
    .where(eq(passwordResetTokens.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
};

/** Marks a reset token used if it is still unused and unexpired; false when another request got there first. */
export const consumeResetToken = async (tx: Tx, id: string, now: Date): Promise<boolean> => {
  const rows = await tx
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(
      and(eq(passwordResetTokens.id, id), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)),
    )
    .returning({ id: passwordResetTokens.id });
  return rows.length === 1;
};
