import { type InvitationStatus, isRoleOfKind, type OrganisationKind, type UserStatus } from '@kakine/contracts';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/** The role that administers an organisation; every organisation keeps at least one active holder. */
export const ADMIN_ROLE = 'admin';

/** Where an invitation stands at `now`: accepted and revoked are final, a pending one expires. */
export const invitationStatus = (
  invitation: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationStatus => {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
};

/** The roles in the list that do not exist for the organisation kind. */
export const rolesNotOfKind = (kind: OrganisationKind, roles: readonly string[]): string[] =>
  roles.filter((role) => !isRoleOfKind(kind, role));

/** Whether a user with these roles and status counts as an active administrator. */
export const isActiveAdmin = (user: { roles: readonly string[]; status: UserStatus }): boolean =>
  user.status === 'active' && user.roles.includes(ADMIN_ROLE);

/**
 * Whether a change would leave the organisation without an active administrator: the user is one now, would not be
 * one after the change, and no other active administrator exists.
 */
export const removesLastAdmin = (
  before: { roles: readonly string[]; status: UserStatus },
  after: { roles: readonly string[]; status: UserStatus },
  otherActiveAdmins: number,
): boolean => isActiveAdmin(before) && !isActiveAdmin(after) && otherActiveAdmins === 0;

/** Turns a free-text search into an ILIKE pattern that matches it literally anywhere. */
export const containsPattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Whether two role lists hold the same roles, in any order. */
export const sameRoles = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
