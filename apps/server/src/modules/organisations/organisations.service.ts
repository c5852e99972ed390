import type {
  AdminUserListQuery,
  AdminUserView,
  InvitationListQuery,
  InvitationView,
  Locale,
  UserStatus,
} from '@kakine/contracts';
import { EXPORT_ROW_LIMIT } from '../../http/list-export';
import { type Actor, requirePermission } from '../../platform/actor/actor';
import { recordAudit } from '../../platform/audit/audit.recorder';
import * as account from '../../platform/auth/account.repository';
import { assertStrongPassword } from '../../platform/auth/account.service';
import * as authRepo from '../../platform/auth/auth.repository';
import type { AuthService, RequestOrigin, SessionContext } from '../../platform/auth/auth.service';
import { hashPassword } from '../../platform/auth/password-hasher';
import { isLocked } from '../../platform/auth/sign-in.rules';
import { hashToken, newToken } from '../../platform/auth/tokens';
import type { Clock } from '../../platform/clock';
import type { Database, Tx } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import { renderInvitationMail, renderSecurityNoticeMail } from '../../platform/mail/mail-templates';
import type { Mailer } from '../../platform/mail/mailer';
import { invitationAbilities, userAbilities } from './organisations.policy';
import * as repo from './organisations.repository';
import { INVITATION_DAYS, invitationStatus, removesLastAdmin, rolesNotOfKind, sameRoles } from './organisations.rules';

/** A page of a list as every list endpoint answers it. */
type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/** Dependencies of the organisations service. */
export type OrganisationsServiceDeps = {
  db: Database;
  clock: Clock;
  mailer: Mailer;
  baseUrl: string;
  auth: Pick<AuthService, 'openSession'>;
};

const UNIQUE_VIOLATION = '23505';

const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === UNIQUE_VIOLATION || e?.cause?.code === UNIQUE_VIOLATION;
};

/**
 * Creates the organisations service: the organisation admin's users screen (roles, status, unlock, second-factor
 * reset), invitations, and the invitee's side of an invitation (look-up and acceptance).
 */
export const createOrganisationsService = (deps: OrganisationsServiceDeps) => {
  const { db, clock } = deps;

  const paging = (query: { format: string; page: number; pageSize: number }) =>
    query.format === 'json'
      ? { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }
      : { limit: EXPORT_ROW_LIMIT, offset: 0 };

  const userView = (actor: Actor, row: repo.UserRow, activeAdmins: number, now: Date): AdminUserView => ({
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles,
    status: row.status,
    totpEnrolled: row.totpEnrolled,
    lastSignInAt: row.lastSignInAt,
    lockedUntil: isLocked(row.lockedUntil, now) ? row.lockedUntil : null,
    createdAt: row.createdAt,
    abilities: userAbilities(actor, row, { activeAdmins, now }),
  });

  const invitationView = (actor: Actor, row: repo.InvitationRow, now: Date): InvitationView => {
    const status = invitationStatus(row, now);
    return { ...row, status, abilities: invitationAbilities(actor, { status }) };
  };

  const loadUserView = async (tx: Tx, actor: Actor, userId: string, now: Date): Promise<AdminUserView> => {
    const row = await repo.findUser(tx, actor.tenantId, userId);
    if (!row) throw new AppError('users/not_found');
    return userView(actor, row, await repo.countActiveAdmins(tx, actor.tenantId), now);
  };

  /** The users of the actor's organisation with what the actor may do to each; csv/xlsx exports are audited. */
  const listUsers = async (actor: Actor, query: AdminUserListQuery): Promise<Page<AdminUserView>> => {
    requirePermission(actor, 'users:read');
    const now = clock();
    return db.tenant(actor.tenantId, async (tx) => {
      const activeAdmins = await repo.countActiveAdmins(tx, actor.tenantId);
      const { rows, total } = await repo.listUsers(
        tx,
        { tenantId: actor.tenantId, q: query.q, status: query.status },
        { sort: query.sort, order: query.order, ...paging(query) },
      );
      if (query.format !== 'json') {
        await recordAudit(
          tx,
          actor,
          { type: 'user.list_exported', payload: { list: 'users', format: query.format, rows: rows.length } },
          clock,
        );
      }
      return {
        items: rows.map((row) => userView(actor, row, activeAdmins, now)),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    });
  };

  /**
   * Changes a user's roles and/or status. The organisation always keeps an active administrator, an admin cannot
   * disable themselves, and disabling ends the user's sessions at once.
   */
  const updateUser = async (
    actor: Actor,
    userId: string,
    input: { roles?: string[] | undefined; status?: UserStatus | undefined },
  ): Promise<AdminUserView> => {
    requirePermission(actor, 'users:manage');
    if (input.roles) {
      const invalid = rolesNotOfKind(actor.organisationKind, input.roles);
      if (invalid.length > 0) throw new AppError('users/invalid_role', { roles: invalid });
    }
    const now = clock();
    return db.tenant(actor.tenantId, async (tx) => {
      await repo.lockTenantUsers(tx, actor.tenantId);
      const target = await repo.findUserForUpdate(tx, actor.tenantId, userId);
      if (!target) throw new AppError('users/not_found');
      const after = { roles: input.roles ?? target.roles, status: input.status ?? target.status };
      if (after.status === 'disabled' && target.status === 'active' && target.id === actor.userId) {
        throw new AppError('users/cannot_disable_self');
      }
      const others = await repo.countActiveAdmins(tx, actor.tenantId, target.id);
      if (removesLastAdmin(target, after, others)) {
        throw new AppError('users/last_admin', { reason: after.status === 'disabled' ? 'disable' : 'remove_admin' });
      }
      const subject = { subjectType: 'user', subjectId: target.id };
      if (!sameRoles(target.roles, after.roles)) {
        await repo.setUserRoles(tx, target.id, after.roles);
        await recordAudit(
          tx,
          actor,
          { type: 'user.roles_changed', payload: { from: target.roles, to: after.roles }, ...subject },
          clock,
        );
      }
      if (after.status !== target.status) {
        await repo.setUserStatus(tx, target.id, after.status);
        if (after.status === 'disabled') {
          await authRepo.deleteUserSessions(tx, target.id);
          await recordAudit(tx, actor, { type: 'user.disabled', payload: {}, ...subject }, clock);
        } else {
          await recordAudit(tx, actor, { type: 'user.enabled', payload: {}, ...subject }, clock);
        }
      }
      return loadUserView(tx, actor, target.id, now);
    });
  };

  /** Lifts the lock that repeated failed sign-ins put on a user. */
  const unlockUser = async (actor: Actor, userId: string): Promise<AdminUserView> => {
    requirePermission(actor, 'users:manage');
    const now = clock();
    return db.tenant(actor.tenantId, async (tx) => {
      const target = await repo.findUserForUpdate(tx, actor.tenantId, userId);
      if (!target) throw new AppError('users/not_found');
      if (!isLocked(target.lockedUntil, now)) throw new AppError('users/not_locked');
      await repo.unlockUser(tx, target.id);
      await recordAudit(
        tx,
        actor,
        {
          type: 'user.unlocked',
          payload: { lockedUntil: target.lockedUntil?.toISOString() ?? null, failures: target.failedSignIns },
          subjectType: 'user',
          subjectId: target.id,
        },
        clock,
      );
      return loadUserView(tx, actor, target.id, now);
    });
  };

  /**
   * Removes another user's second factor and recovery codes (a lost phone) and ends their sessions; they enrol a
   * new one at their next sign-in, and are told by e-mail.
   */
  const resetSecondFactor = async (actor: Actor, userId: string): Promise<AdminUserView> => {
    requirePermission(actor, 'users:manage');
    const now = clock();
    return db.tenant(actor.tenantId, async (tx) => {
      const target = await repo.findUserForUpdate(tx, actor.tenantId, userId);
      if (!target) throw new AppError('users/not_found');
      // Admins turn off their own factor in their account settings, with their password.
      if (target.id === actor.userId) throw new AppError('auth/forbidden', { reason: 'own_account' });
      if (!target.totpEnrolled) throw new AppError('users/second_factor_not_enrolled');
      await account.removeSecondFactor(tx, target.id);
      await authRepo.deleteUserSessions(tx, target.id);
      await recordAudit(
        tx,
        actor,
        { type: 'user.second_factor_reset', payload: { kind: 'totp' }, subjectType: 'user', subjectId: target.id },
        clock,
      );
      await deps.mailer.enqueue(
        tx,
        actor.tenantId,
        renderSecurityNoticeMail({
          language: target.locale,
          to: target.email,
          displayName: target.displayName,
          notice: 'second_factor_reset',
          at: now,
          baseUrl: deps.baseUrl,
        }),
      );
      return loadUserView(tx, actor, target.id, now);
    });
  };

  /**
   * Invites a person by e-mail with roles of the organisation's kind. The e-mail carries a single-use link valid for
   * seven days; an earlier open invitation to the same address is revoked.
   */
  const invite = async (
    actor: Actor,
    input: { email: string; displayName: string; roles: string[] },
  ): Promise<InvitationView> => {
    requirePermission(actor, 'users:manage');
    const invalid = rolesNotOfKind(actor.organisationKind, input.roles);
    if (invalid.length > 0) throw new AppError('users/invalid_role', { roles: invalid });
    // E-mail addresses are unique across the deployment, so this one check looks beyond the tenant.
    if (await db.system((tx) => repo.emailRegistered(tx, input.email))) throw new AppError('users/email_taken');
    const now = clock();
    const token = newToken();
    const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000);
    return db.tenant(actor.tenantId, async (tx) => {
      const organisation = await repo.findOrganisation(tx, actor.tenantId);
      const inviter = await authRepo.findUserById(tx, actor.userId);
      if (!organisation || !inviter) throw new AppError('auth/unauthenticated');
      for (const superseded of await repo.revokeOpenInvitationsTo(tx, actor.tenantId, input.email, now)) {
        await recordAudit(
          tx,
          actor,
          {
            type: 'user.invitation_revoked',
            payload: { email: superseded.email },
            subjectType: 'invitation',
            subjectId: superseded.id,
          },
          clock,
        );
      }
      const id = await repo.insertInvitation(tx, {
        tenantId: actor.tenantId,
        email: input.email,
        displayName: input.displayName,
        roles: input.roles,
        tokenHash: hashToken(token),
        invitedBy: actor.userId,
        expiresAt,
        createdAt: now,
      });
      await deps.mailer.enqueue(
        tx,
        actor.tenantId,
        renderInvitationMail({
          // The invitee has no account yet, so their language is unknown: the e-mail carries both.
          language: null,
          to: input.email,
          displayName: input.displayName,
          inviterName: inviter.displayName,
          organisation,
          roles: input.roles,
          link: `${deps.baseUrl}/invite?token=${encodeURIComponent(token)}`,
          expiresAt,
        }),
      );
      await recordAudit(
        tx,
        actor,
        {
          type: 'user.invited',
          payload: { email: input.email, roles: input.roles },
          subjectType: 'invitation',
          subjectId: id,
        },
        clock,
      );
      const row = await repo.findInvitationForUpdate(tx, actor.tenantId, id);
      return invitationView(actor, row!, now);
    });
  };

  /** The organisation's invitations with their status; csv/xlsx exports are audited. */
  const listInvitations = async (actor: Actor, query: InvitationListQuery): Promise<Page<InvitationView>> => {
    requirePermission(actor, 'users:manage');
    const now = clock();
    return db.tenant(actor.tenantId, async (tx) => {
      const { rows, total } = await repo.listInvitations(
        tx,
        { tenantId: actor.tenantId, q: query.q, status: query.status, now },
        { order: query.order, ...paging(query) },
      );
      if (query.format !== 'json') {
        await recordAudit(
          tx,
          actor,
          {
            type: 'user.list_exported',
            payload: { list: 'invitations', format: query.format, rows: rows.length },
          },
          clock,
        );
      }
      return {
        items: rows.map((row) => invitationView(actor, row, now)),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    });
  };

  /** Revokes a pending invitation: its link stops working. */
  const revokeInvitation = async (actor: Actor, id: string): Promise<InvitationView> => {
    requirePermission(actor, 'users:manage');
    const now = clock();
    return db.tenant(actor.tenantId, async (tx) => {
      const row = await repo.findInvitationForUpdate(tx, actor.tenantId, id);
      if (!row) throw new AppError('invitations/not_found');
      if (invitationStatus(row, now) !== 'pending' || !(await repo.revokeInvitation(tx, row.id, now))) {
        throw new AppError('invitations/not_pending', { status: invitationStatus(row, now) });
      }
      await recordAudit(
        tx,
        actor,
        { type: 'user.invitation_revoked', payload: { email: row.email }, subjectType: 'invitation', subjectId: id },
        clock,
      );
      return invitationView(actor, { ...row, revokedAt: now }, now);
    });
  };

  /** The pending invitation behind a link token, or `auth/token_invalid`; the only step before a tenant is known. */
  const findPendingInvitation = async (token: string, now: Date) => {
    const found = await db.system((tx) => repo.findInvitationByTokenHash(tx, hashToken(token)));
    if (!found || invitationStatus(found, now) !== 'pending') throw new AppError('auth/token_invalid');
    return found;
  };

  /** What an invitee sees before accepting: who invited them to which organisation, with which roles. */
  const lookupInvitation = async (token: string) => {
    const found = await findPendingInvitation(token, clock());
    return {
      email: found.email,
      displayName: found.displayName,
      organisationNameJa: found.organisationNameJa,
      organisationNameEn: found.organisationNameEn,
      roles: found.roles,
      expiresAt: found.expiresAt,
    };
  };

  /**
   * Accepts an invitation: creates the user with the chosen password and the invited roles, uses up the link and
   * signs the invitee in with a session that must enrol a second factor next. Returns the new session's token.
   */
  const acceptInvitation = async (
    input: { token: string; displayName: string; password: string },
    context: { locale: Locale; origin: RequestOrigin; previousSession: SessionContext | null },
  ): Promise<{ token: string; next: 'enrol_second_factor' }> => {
    const now = clock();
    const found = await findPendingInvitation(input.token, now);
    assertStrongPassword(input.password, found.email);
    if (await db.system((tx) => repo.emailRegistered(tx, found.email))) throw new AppError('users/email_taken');
    const passwordHash = await hashPassword(input.password);
    // Roles that no longer exist for the organisation kind are dropped rather than granted.
    const invalid = new Set(rolesNotOfKind(found.organisationKind, found.roles));
    const roles = found.roles.filter((r) => !invalid.has(r));
    let token: string;
    try {
      token = await db.tenant(found.tenantId, async (tx) => {
        if (!(await repo.acceptInvitation(tx, found.id, now))) throw new AppError('auth/token_invalid');
        const userId = await repo.insertUser(tx, {
          tenantId: found.tenantId,
          email: found.email,
          displayName: input.displayName,
          roles,
          passwordHash,
          passwordChangedAt: now,
          locale: context.locale,
          lastSignInAt: now,
          createdAt: now,
        });
        const user = await authRepo.findUserById(tx, userId);
        if (!user) throw new AppError('users/not_found');
        const origin = {
          tenantId: found.tenantId,
          userId,
          label: `${user.displayName} <${user.email}>`,
          ip: context.origin.ip,
        };
        await recordAudit(
          tx,
          origin,
          {
            type: 'user.invitation_accepted',
            payload: { email: found.email },
            subjectType: 'invitation',
            subjectId: found.id,
          },
          clock,
        );
        await recordAudit(tx, origin, { type: 'auth.signed_in', payload: { method: 'password' } }, clock);
        return deps.auth.openSession(tx, user, 'enrolment', context.origin);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new AppError('users/email_taken');
      throw error;
    }
    const previous = context.previousSession;
    if (previous) await db.tenant(previous.actor.tenantId, (tx) => authRepo.deleteSession(tx, previous.sessionId));
    return { token, next: 'enrol_second_factor' };
  };

  return {
    listUsers,
    updateUser,
    unlockUser,
    resetSecondFactor,
    invite,
    listInvitations,
    revokeInvitation,
    lookupInvitation,
    acceptInvitation,
  };
};

/** The organisations service. */
export type OrganisationsService = ReturnType<typeof createOrganisationsService>;
