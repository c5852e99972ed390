import type { UserStatus } from '@kakine/contracts';
import { type Actor, can } from '../../platform/actor/actor';
import { isLocked } from '../../platform/auth/sign-in.rules';
import { isActiveAdmin } from './organisations.rules';

/** What the policy needs to know about a user of the actor's organisation. */
export type ManagedUser = {
  id: string;
  roles: readonly string[];
  status: UserStatus;
  lockedUntil: Date | null;
  totpEnrolled: boolean;
};

/**
 * What the actor may do to a user of their organisation; `activeAdmins` is the organisation's number of active
 * administrators, so that the last one is never offered for disabling.
 */
export const userAbilities = (actor: Actor, user: ManagedUser, context: { activeAdmins: number; now: Date }) => {
  const manage = can(actor, 'users:manage');
  const self = user.id === actor.userId;
  const lastAdmin = isActiveAdmin(user) && context.activeAdmins <= 1;
  return {
    changeRoles: manage,
    disable: manage && !self && !lastAdmin,
    unlock: manage && isLocked(user.lockedUntil, context.now),
    resetSecondFactor: manage && !self && user.totpEnrolled,
  };
};

/** What the actor may do to an invitation of their organisation. */
export const invitationAbilities = (actor: Actor, invitation: { status: string }) => ({
  revoke: can(actor, 'users:manage') && invitation.status === 'pending',
});
