import { recordAudit } from '../audit/audit.recorder';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { renderPasswordResetMail, renderSecurityNoticeMail } from '../mail/mail-templates';
import type { Mailer } from '../mail/mailer';
import * as account from './account.repository';
import { linkExpiry, MAX_RESET_EMAILS_PER_HOUR, RESET_LINK_MINUTES } from './account.rules';
import { assertStrongPassword } from './account.service';
import * as authRepo from './auth.repository';
import type { RequestOrigin } from './auth.service';
import { hashPassword } from './password-hasher';
import { hashToken, newToken } from './tokens';

/** Who a reset request is attributed to in the audit trail: nobody has proven who they are yet. */
const REQUEST_LABEL = 'パスワード再設定フォーム / password reset form';

/** Creates the password reset service: e-mailed single-use links that expire, and completing a reset with one. */
export const createPasswordResetService = (deps: { db: Database; clock: Clock; mailer: Mailer; baseUrl: string }) => {
  const { db, clock } = deps;

  /**
   * E-mails a reset link if the address belongs to an active account. The caller always gets the same answer, so
   * the form does not reveal which addresses have accounts; an account gets at most a few e-mails per hour.
   */
  const request = async (input: { email: string }, origin: RequestOrigin): Promise<{ ok: true }> => {
    // The only cross-tenant step: find which tenant the address belongs to; everything else runs in that tenant.
    const user = await db.system((tx) => authRepo.findUserByEmail(tx, input.email));
    if (user?.status !== 'active' || !user.passwordHash) return { ok: true };
    const now = clock();
    await db.tenant(user.tenantId, async (tx) => {
      const recent = await account.countResetTokensSince(tx, user.id, new Date(now.getTime() - 3_600_000));
      if (recent >= MAX_RESET_EMAILS_PER_HOUR) return;
      await account.supersedeResetTokens(tx, user.id, now);
      const token = newToken();
      const expiresAt = linkExpiry(now, RESET_LINK_MINUTES);
      await account.insertPasswordResetToken(tx, {
        tenantId: user.tenantId,
        userId: user.id,
        tokenHash: hashToken(token),
        expiresAt,
        createdAt: now,
      });
      await deps.mailer.enqueue(
        tx,
        user.tenantId,
        renderPasswordResetMail({
          language: user.locale,
          to: user.email,
          displayName: user.displayName,
          link: `${deps.baseUrl}/reset-password?token=${encodeURIComponent(token)}`,
          expiresAt,
        }),
      );
      await recordAudit(
        tx,
        { tenantId: user.tenantId, userId: null, label: REQUEST_LABEL, ip: origin.ip },
        { type: 'auth.password_reset_requested', payload: {}, subjectType: 'user', subjectId: user.id },
        clock,
      );
    });
    return { ok: true };
  };

  /**
   * Sets a new password with a reset link's token: the token is used up, every session of the user ends and a
   * lock from failed sign-ins is lifted. The second factor stays as it was.
   */
  const complete = async (input: { token: string; password: string }, origin: RequestOrigin): Promise<{ ok: true }> => {
    const now = clock();
    const found = await db.system((tx) => account.findResetTokenByHash(tx, hashToken(input.token)));
    if (!found || found.usedAt || found.expiresAt.getTime() <= now.getTime() || found.userStatus !== 'active') {
      throw new AppError('auth/token_invalid');
    }
    // Checked before the token is used up, so that a refused password does not cost the user their link.
    assertStrongPassword(input.password, found.email);
    const passwordHash = await hashPassword(input.password);
    await db.tenant(found.tenantId, async (tx) => {
      if (!(await account.consumeResetToken(tx, found.id, now))) throw new AppError('auth/token_invalid');
      const user = await authRepo.findUserById(tx, found.userId);
      if (user?.status !== 'active') throw new AppError('auth/token_invalid');
      await account.setPassword(tx, user.id, passwordHash, now);
      await account.supersedeResetTokens(tx, user.id, now);
      await authRepo.deleteUserSessions(tx, user.id);
      await recordAudit(
        tx,
        { tenantId: user.tenantId, userId: user.id, label: `${user.displayName} <${user.email}>`, ip: origin.ip },
        { type: 'auth.password_reset_completed', payload: {}, subjectType: 'user', subjectId: user.id },
        clock,
      );
      await deps.mailer.enqueue(
        tx,
        user.tenantId,
        renderSecurityNoticeMail({
          language: user.locale,
          to: user.email,
          displayName: user.displayName,
          notice: 'password_reset',
          at: now,
          baseUrl: deps.baseUrl,
        }),
      );
    });
    return { ok: true };
  };

  return { request, complete };
};

/** The password reset service. */
export type PasswordResetService = ReturnType<typeof createPasswordResetService>;
