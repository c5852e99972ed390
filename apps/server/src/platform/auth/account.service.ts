import type { Locale, PasswordWeaknessReason } from '@kakine/contracts';
import QRCode from 'qrcode';
import type { Actor } from '../actor/actor';
import { recordAudit } from '../audit/audit.recorder';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { renderSecurityNoticeMail, type SecurityNotice } from '../mail/mail-templates';
import type { Mailer } from '../mail/mailer';
import * as account from './account.repository';
import { isRecentSignIn, RECOVERY_CODE_COUNT } from './account.rules';
import * as authRepo from './auth.repository';
import type { AuthService, RequestOrigin, SessionContext } from './auth.service';
import { COMMON_PASSWORDS } from './common-passwords';
import { hashPassword, verifyPassword } from './password-hasher';
import { passwordWeaknesses } from './password-policy.rules';
import type { SecretBox } from './secret-box';
import { hashRecoveryCode, newRecoveryCode } from './tokens';
import { checkTotp, newTotpSecret, totpUri } from './totp.rules';

/** Dependencies of the account service. */
export type AccountServiceDeps = {
  db: Database;
  clock: Clock;
  secretBox: SecretBox;
  serverSecret: string;
  mailer: Mailer;
  baseUrl: string;
  auth: Pick<AuthService, 'promoteAfterEnrolment'>;
};

/**
 * Refuses a new password that breaks the policy, listing every reason (`auth/weak_password`); shared by password
 * change, password reset and invitation acceptance.
 */
export const assertStrongPassword = (password: string, email: string, extra: PasswordWeaknessReason[] = []): void => {
  const reasons = [...passwordWeaknesses(password, { email, commonPasswords: COMMON_PASSWORDS }), ...extra];
  if (reasons.length > 0) throw new AppError('auth/weak_password', { reasons });
};

/** Creates the account service: the signed-in user's own password, second factor and preferences. */
export const createAccountService = (deps: AccountServiceDeps) => {
  const { db, clock } = deps;

  const loadUser = async (tenantId: string, userId: string) => {
    const user = await db.tenant(tenantId, (tx) => authRepo.findUserById(tx, userId));
    if (!user) throw new AppError('auth/unauthenticated');
    return user;
  };

  /** Setting up a factor or preferences needs at least a password-verified session, never a pending second factor. */
  const refuseSecondFactorStage = (context: SessionContext) => {
    if (context.stage === 'second_factor') throw new AppError('auth/second_factor_required');
  };

  const newRecoveryCodes = () => {
    const codes = new Set<string>();
    while (codes.size < RECOVERY_CODE_COUNT) codes.add(newRecoveryCode());
    return [...codes];
  };

  const securityNotice = (
    user: { email: string; displayName: string; locale: Locale },
    notice: SecurityNotice,
    at: Date,
  ) =>
    renderSecurityNoticeMail({
      language: user.locale,
      to: user.email,
      displayName: user.displayName,
      notice,
      at,
      baseUrl: deps.baseUrl,
    });

  /** Changes the actor's password after checking the current one; ends the actor's other sessions. */
  const changePassword = async (
    actor: Actor,
    input: { currentPassword: string; newPassword: string },
  ): Promise<{ ok: true }> => {
    const user = await loadUser(actor.tenantId, actor.userId);
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
      throw new AppError('auth/wrong_password');
    }
    const same = await verifyPassword(user.passwordHash, input.newPassword);
    assertStrongPassword(input.newPassword, user.email, same ? ['same_as_current'] : []);
    const passwordHash = await hashPassword(input.newPassword);
    const now = clock();
    await db.tenant(actor.tenantId, async (tx) => {
      await account.setPassword(tx, user.id, passwordHash, now);
      if (actor.sessionId) await account.deleteOtherSessions(tx, user.id, actor.sessionId);
      else await authRepo.deleteUserSessions(tx, user.id);
      await recordAudit(
        tx,
        actor,
        { type: 'auth.password_changed', payload: {}, subjectType: 'user', subjectId: user.id },
        clock,
      );
      await deps.mailer.enqueue(tx, user.tenantId, securityNotice(user, 'password_changed', now));
    });
    return { ok: true };
  };

  /**
   * Starts TOTP enrolment: a new secret, stored sealed and not yet in force, returned once with its otpauth:// URI
   * and a QR code. Calling it again replaces a pending secret.
   */
  const setupTotp = async (
    context: SessionContext,
  ): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> => {
    refuseSecondFactorStage(context);
    const user = await loadUser(context.actor.tenantId, context.actor.userId);
    if (user.totpEnabledAt) throw new AppError('auth/second_factor_already_enrolled');
    const secret = newTotpSecret();
    await db.tenant(user.tenantId, (tx) => account.setPendingTotpSecret(tx, user.id, deps.secretBox.seal(secret)));
    const otpauthUrl = totpUri(secret, user.email);
    const qrDataUrl = await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M', margin: 2, width: 256 });
    return { secret, otpauthUrl, qrDataUrl };
  };

  /**
   * Confirms enrolment with a code from the app: turns TOTP on and issues recovery codes. An enrolment-stage session
   * is replaced by a fresh active one, whose token is returned for the cookie.
   */
  const confirmTotp = async (
    context: SessionContext,
    code: string,
    origin: RequestOrigin,
  ): Promise<{ recoveryCodes: string[]; sessionToken: string | null }> => {
    refuseSecondFactorStage(context);
    const user = await loadUser(context.actor.tenantId, context.actor.userId);
    if (user.totpEnabledAt) throw new AppError('auth/second_factor_already_enrolled');
    if (!user.totpSecret) throw new AppError('auth/totp_setup_missing');
    const now = clock();
    const step = checkTotp(deps.secretBox.open(user.totpSecret), code.trim(), now, user.totpLastStep);
    if (step === null) throw new AppError('auth/invalid_second_factor');
    const recoveryCodes = newRecoveryCodes();
    const sessionToken = await db.tenant(user.tenantId, async (tx) => {
      if (!(await account.enableTotp(tx, user.id, now, step))) {
        throw new AppError('auth/second_factor_already_enrolled');
      }
      await account.replaceRecoveryCodes(
        tx,
        user.tenantId,
        user.id,
        recoveryCodes.map((c) => hashRecoveryCode(deps.serverSecret, c)),
      );
      await recordAudit(
        tx,
        context.actor,
        {
          type: 'auth.second_factor_enrolled',
          payload: { kind: 'totp' },
          subjectType: 'user',
          subjectId: user.id,
        },
        clock,
      );
      return context.stage === 'enrolment' ? deps.auth.promoteAfterEnrolment(tx, context, origin) : null;
    });
    return { recoveryCodes, sessionToken };
  };

  /**
   * Issues a new set of recovery codes (every earlier one stops working). Needs the password unless the session
   * signed in within the last few minutes.
   */
  const regenerateRecoveryCodes = async (
    actor: Actor,
    input: { password?: string | undefined },
  ): Promise<{ recoveryCodes: string[] }> => {
    const user = await loadUser(actor.tenantId, actor.userId);
    if (!user.totpEnabledAt) throw new AppError('auth/second_factor_not_enrolled');
    const now = clock();
    if (input.password !== undefined) {
      if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
        throw new AppError('auth/wrong_password');
      }
    } else {
      const signedInAt = actor.sessionId
        ? await db.tenant(actor.tenantId, (tx) => account.sessionCreatedAt(tx, actor.sessionId as string))
        : null;
      if (!isRecentSignIn(signedInAt, now)) throw new AppError('auth/reauthentication_required');
    }
    const recoveryCodes = newRecoveryCodes();
    await db.tenant(actor.tenantId, async (tx) => {
      await account.replaceRecoveryCodes(
        tx,
        user.tenantId,
        user.id,
        recoveryCodes.map((c) => hashRecoveryCode(deps.serverSecret, c)),
      );
      await recordAudit(
        tx,
        actor,
        {
          type: 'auth.recovery_codes_regenerated',
          payload: { count: recoveryCodes.length },
          subjectType: 'user',
          subjectId: user.id,
        },
        clock,
      );
    });
    return { recoveryCodes };
  };

  /**
   * Turns the actor's TOTP off after checking the password, and ends their other sessions. A second factor is
   * mandatory on this platform, so the next sign-in asks them to enrol again.
   */
  const disableTotp = async (actor: Actor, input: { password: string }): Promise<{ ok: true }> => {
    const user = await loadUser(actor.tenantId, actor.userId);
    if (!user.totpEnabledAt) throw new AppError('auth/second_factor_not_enrolled');
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, input.password))) {
      throw new AppError('auth/wrong_password');
    }
    const now = clock();
    await db.tenant(actor.tenantId, async (tx) => {
      await account.removeSecondFactor(tx, user.id);
      if (actor.sessionId) await account.deleteOtherSessions(tx, user.id, actor.sessionId);
      else await authRepo.deleteUserSessions(tx, user.id);
      await recordAudit(
        tx,
        actor,
        { type: 'auth.second_factor_removed', payload: { kind: 'totp' }, subjectType: 'user', subjectId: user.id },
        clock,
      );
      await deps.mailer.enqueue(tx, user.tenantId, securityNotice(user, 'second_factor_removed', now));
    });
    return { ok: true };
  };

  /** Sets the user's language for the UI and e-mails; audited when it changes. */
  const changePreferences = async (context: SessionContext, input: { locale: Locale }): Promise<{ ok: true }> => {
    refuseSecondFactorStage(context);
    const { actor } = context;
    await db.tenant(actor.tenantId, async (tx) => {
      const user = await authRepo.findUserById(tx, actor.userId);
      if (!user) throw new AppError('auth/unauthenticated');
      if (user.locale === input.locale) return;
      await account.setLocale(tx, user.id, input.locale);
      await recordAudit(
        tx,
        actor,
        {
          type: 'user.preferences_changed',
          payload: { locale: input.locale },
          subjectType: 'user',
          subjectId: user.id,
        },
        clock,
      );
    });
    return { ok: true };
  };

  return { changePassword, setupTotp, confirmTotp, regenerateRecoveryCodes, disableTotp, changePreferences };
};

/** The account service. */
export type AccountService = ReturnType<typeof createAccountService>;
