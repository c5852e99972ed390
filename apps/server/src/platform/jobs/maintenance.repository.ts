import { lt } from 'drizzle-orm';
import { passwordResetTokens, sessions, signInFailures } from '../auth/auth.schema';
import type { Tx } from '../db/database';

/** Deletes sessions past their expiry in every tenant (system transaction); returns how many. */
export const deleteExpiredSessions = async (tx: Tx, now: Date): Promise<number> =>
  (await tx.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id })).length;

/** Deletes password reset tokens that have expired (used ones expire too) in every tenant; returns how many. */
export const deleteExpiredResetTokens = async (tx: Tx, now: Date): Promise<number> =>
  (
    await tx
      .delete(passwordResetTokens)
      .where(lt(passwordResetTokens.expiresAt, now))
      .returning({ id: passwordResetTokens.id })
  ).length;

/** Deletes failed sign-in records by address older than `before`; returns how many. */
export const deleteSignInFailuresBefore = async (tx: Tx, before: Date): Promise<number> =>
  (await tx.delete(signInFailures).where(lt(signInFailures.createdAt, before)).returning({ id: signInFailures.id }))
    .length;
