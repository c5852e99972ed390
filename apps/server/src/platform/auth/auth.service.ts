import { type Locale, type OrganisationKind, permissionsFor } from '@kakine/contracts';
import type { Actor } from '../actor/actor';
import { recordAudit } from '../audit/audit.recorder';
import type { Clock } from '../clock';
import type { Database, Tx } from '../db/database';
import { AppError } from '../errors/app-error';
import * as repo from './auth.repository';
import { DUMMY_HASH_INPUT, hashPassword, verifyPassword } from './password-hasher';
import type { SecretBox } from './secret-box';
import {
  ADDRESS_WINDOW_MINUTES,
  afterFailure,
  isLocked,
  isRecoveryCodeShape,
  MAX_FAILURES_PER_ADDRESS,
  PENDING_SESSION_MINUTES,
  sessionExpiry,
} from './sign-in.rules';
import { hashRecoveryCode, hashToken, newToken, safeEqual } from './tokens';
import { checkTotp } from './totp.rules';

/** Where a request comes from, for throttling and the audit trail. */
export type RequestOrigin = { ip: string; userAgent: string | null };

/** What the client must do next after a sign-in step. */
export type SignInNext = 'done' | 'second_factor' | 'enrol_second_factor';

/** A resolved session: the actor plus what the session still requires. */
export type SessionContext = {
  actor: Actor;
  sessionId: string;
  stage: 'second_factor' | 'enrolment' | 'active';
  csrfToken: string;
  organisation: { id: string; kind: OrganisationKind; nameJa: string; nameEn: string };
  user: { id: string; email: string; displayName: string; roles: string[]; locale: Locale; totpEnrolled: boolean };
};

/** A new session token for the cookie plus the next step. */
export type SignInResult = { token: string; next: SignInNext };

const labelOf = (user: { displayName: string; email: string }) => `${user.displayName} <${user.email}>`;

/** Creates the authentication service: sign-in with password and second factor, sessions, sign-out. */
export const createAuthService = (deps: { db: Database; clock: Clock; secretBox: SecretBox; serverSecret: string }) => {
  const { db, clock } = deps;
  let dummyHash: Promise<string> | null = null;

  const originOf = (user: repo.UserWithOrganisation, ip: string) => ({
    tenantId: user.tenantId,
    userId: user.id,
    label: labelOf(user),
    ip,
  });

  /** Opens a session of the given stage in the user's tenant and returns its cookie token. */
  const openSession = async (
    tx: Tx,
    user: repo.UserWithOrganisation,
    stage: SessionContext['stage'],
    origin: RequestOrigin,
  ): Promise<string> => {
    const now = clock();
    const token = newToken();
    const expiresAt =
      stage === 'second_factor' ? new Date(now.getTime() + PENDING_SESSION_MINUTES * 60_000) : sessionExpiry(now, now);
    await repo.insertSession(tx, {
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: hashToken(token),
      csrfToken: newToken(),
      stage,
      ip: origin.ip,
      userAgent: origin.userAgent?.slice(0, 400) ?? null,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
    });
    return token;
  };

  const failAddress = async (ip: string) => {
    await db.system((tx) =>
      repo.recordAddressFailure(tx, ip, new Date(clock().getTime() - ADDRESS_WINDOW_MINUTES * 60_000)),
    );
  };

  /** Counts a failed credential for the account (locking it at the limit) and for the address. */
  const failAccount = async (
    user: repo.UserWithOrganisation,
    origin: RequestOrigin,
    reason: 'bad_password' | 'bad_second_factor',
  ): Promise<never> => {
    const now = clock();
    const next = afterFailure(user, now);
    await db.tenant(user.tenantId, async (tx) => {
      await repo.updateUserSignInState(tx, user.id, {
        failedSignIns: next.failedSignIns,
        lockedUntil: next.lockedUntil,
      });
      await recordAudit(tx, originOf(user, origin.ip), { type: 'auth.sign_in_failed', payload: { reason } }, clock);
      if (next.lockedNow && next.lockedUntil) {
        await recordAudit(
          tx,
          originOf(user, origin.ip),
          {
            type: 'auth.account_locked',
            payload: { lockedUntil: next.lockedUntil.toISOString(), failures: next.failedSignIns },
          },
          clock,
        );
      }
    });
    await failAddress(origin.ip);
    if (next.lockedNow) throw new AppError('auth/account_locked', { lockedUntil: next.lockedUntil?.toISOString() });
    throw new AppError(reason === 'bad_password' ? 'auth/invalid_credentials' : 'auth/invalid_second_factor');
  };

  /** First step: e-mail and password. Replaces any session the browser had (the id is rotated at sign-in). */
  const signIn = async (
    input: { email: string; password: string },
    origin: RequestOrigin,
    previousToken: string | null,
  ): Promise<SignInResult> => {
    const now = clock();
    const recentFailures = await db.system((tx) =>
      repo.countAddressFailures(tx, origin.ip, new Date(now.getTime() - ADDRESS_WINDOW_MINUTES * 60_000)),
    );
    if (recentFailures >= MAX_FAILURES_PER_ADDRESS) throw new AppError('request/rate_limited');
    const user = await db.system((tx) => repo.findUserByEmail(tx, input.email));
    if (!user?.passwordHash) {
      dummyHash ??= hashPassword(DUMMY_HASH_INPUT);
      await verifyPassword(await dummyHash, input.password);
      await failAddress(origin.ip);
      throw new AppError('auth/invalid_credentials');
    }
    if (isLocked(user.lockedUntil, now)) {
      await db.tenant(user.tenantId, (tx) =>
        recordAudit(
          tx,
          originOf(user, origin.ip),
          { type: 'auth.sign_in_failed', payload: { reason: 'locked' } },
          clock,
        ),
      );
      await failAddress(origin.ip);
      throw new AppError('auth/account_locked', { lockedUntil: user.lockedUntil?.toISOString() });
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) return failAccount(user, origin, 'bad_password');
    if (user.status !== 'active') {
      await db.tenant(user.tenantId, (tx) =>
        recordAudit(
          tx,
          originOf(user, origin.ip),
          { type: 'auth.sign_in_failed', payload: { reason: 'disabled' } },
          clock,
        ),
      );
      throw new AppError('auth/account_disabled');
    }
    // The browser's previous session (possibly of another account, so of another tenant) ends here.
    if (previousToken) await db.system((tx) => repo.deleteSessionByTokenHash(tx, hashToken(previousToken)));
    const enrolled = user.totpSecret !== null && user.totpEnabledAt !== null;
    return db.tenant(user.tenantId, async (tx) => {
      await repo.updateUserSignInState(tx, user.id, { failedSignIns: 0, lockedUntil: null });
      if (enrolled) {
        return { token: await openSession(tx, user, 'second_factor', origin), next: 'second_factor' as const };
      }
      await repo.updateUserSignInState(tx, user.id, { lastSignInAt: now });
      await recordAudit(
        tx,
        originOf(user, origin.ip),
        { type: 'auth.signed_in', payload: { method: 'password' } },
        clock,
      );
      return { token: await openSession(tx, user, 'enrolment', origin), next: 'enrol_second_factor' as const };
    });
  };

  /** Second step: a TOTP code or a recovery code. On success the pending session is replaced by a new one. */
  const completeSecondFactor = async (
    context: SessionContext,
    code: string,
    origin: RequestOrigin,
  ): Promise<SignInResult> => {
    if (context.stage !== 'second_factor') throw new AppError('auth/second_factor_not_enrolled');
    const now = clock();
    const user = await db.tenant(context.actor.tenantId, (tx) => repo.findUserById(tx, context.actor.userId));
    if (!user?.totpSecret) throw new AppError('auth/unauthenticated');
    if (isLocked(user.lockedUntil, now)) throw new AppError('auth/account_locked');
    let method: 'password_totp' | 'password_recovery_code';
    let totpStep: number | null = null;
    let recoveryCodeId: string | null = null;
    let remaining = 0;
    if (isRecoveryCodeShape(code)) {
      const codes = await db.tenant(user.tenantId, (tx) => repo.unusedRecoveryCodes(tx, user.id));
      const hashed = hashRecoveryCode(deps.serverSecret, code);
      const match = codes.find((c) => safeEqual(c.codeHash, hashed));
      if (!match) return failAccount(user, origin, 'bad_second_factor');
      recoveryCodeId = match.id;
      remaining = codes.length - 1;
      method = 'password_recovery_code';
    } else {
      totpStep = checkTotp(deps.secretBox.open(user.totpSecret), code.trim(), now, user.totpLastStep);
      if (totpStep === null) return failAccount(user, origin, 'bad_second_factor');
      method = 'password_totp';
    }
    return db.tenant(user.tenantId, async (tx) => {
      if (recoveryCodeId && !(await repo.markRecoveryCodeUsed(tx, recoveryCodeId, now))) {
        throw new AppError('auth/invalid_second_factor');
      }
      await repo.deleteSession(tx, context.sessionId);
      await repo.updateUserSignInState(tx, user.id, {
        failedSignIns: 0,
        lockedUntil: null,
        lastSignInAt: now,
        ...(totpStep !== null ? { totpLastStep: totpStep } : {}),
      });
      const origin_ = originOf(user, origin.ip);
      await recordAudit(tx, origin_, { type: 'auth.signed_in', payload: { method } }, clock);
      if (recoveryCodeId) {
        await recordAudit(tx, origin_, { type: 'auth.recovery_code_used', payload: { remaining } }, clock);
      }
      return { token: await openSession(tx, user, 'active', origin), next: 'done' as const };
    });
  };

  /** Resolves a cookie token to a session context, sliding the idle timeout; null when absent or expired. */
  const authenticate = async (token: string, ip: string): Promise<SessionContext | null> => {
    const now = clock();
    const [found] = await db.systemRead<repo.LiveSession>(repo.liveSessionQuery(hashToken(token), now));
    if (found?.status !== 'active') return null;
    if (found.stage !== 'second_factor' && now.getTime() - found.lastSeenAt.getTime() > 60_000) {
      await db.tenant(found.tenantId, (tx) =>
        repo.touchSession(tx, found.sessionId, now, sessionExpiry(found.sessionCreatedAt, now)),
      );
    }
    const user = { displayName: found.displayName, email: found.email };
    return {
      sessionId: found.sessionId,
      stage: found.stage,
      csrfToken: found.csrfToken,
      actor: {
        userId: found.userId,
        tenantId: found.tenantId,
        organisationKind: found.organisationKind,
        roles: found.roles,
        label: labelOf(user),
        locale: found.locale,
        ip,
        sessionId: found.sessionId,
      },
      organisation: {
        id: found.tenantId,
        kind: found.organisationKind,
        nameJa: found.organisationNameJa,
        nameEn: found.organisationNameEn,
      },
      user: {
        id: found.userId,
        email: found.email,
        displayName: found.displayName,
        roles: found.roles,
        locale: found.locale,
        totpEnrolled: found.totpEnabledAt !== null,
      },
    };
  };

  /** Ends this session, or every session of the user. */
  const signOut = async (context: SessionContext, everywhere: boolean): Promise<void> => {
    await db.tenant(context.actor.tenantId, async (tx) => {
      if (everywhere) await repo.deleteUserSessions(tx, context.actor.userId);
      else await repo.deleteSession(tx, context.sessionId);
      await recordAudit(tx, context.actor, { type: 'auth.signed_out', payload: { everywhere } }, clock);
    });
  };

  /** Promotes an enrolment-stage session to a fresh active one after the user enrolled a second factor. */
  const promoteAfterEnrolment = async (tx: Tx, context: SessionContext, origin: RequestOrigin): Promise<string> => {
    const user = await repo.findUserById(tx, context.actor.userId);
    if (!user) throw new AppError('auth/unauthenticated');
    await repo.deleteSession(tx, context.sessionId);
    return openSession(tx, user, 'active', origin);
  };

  /** The permissions of a session's actor, as strings for the client. */
  const permissionsOf = (context: SessionContext): string[] =>
    context.stage === 'active' ? [...permissionsFor(context.actor.organisationKind, context.actor.roles)] : [];

  return { signIn, completeSecondFactor, authenticate, signOut, promoteAfterEnrolment, permissionsOf, openSession };
};

/** The authentication service. */
export type AuthService = ReturnType<typeof createAuthService>;
