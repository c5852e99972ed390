import type { Permission } from '@kakine/contracts';
import type { Session } from './api-types';
import { useSession } from './session';

/** What a screen or navigation entry needs: any one of some permissions, and optionally demo mode. */
export type AccessRequirement = {
  /** The user needs at least one of these permissions (none listed: any signed-in user). */
  anyOf?: readonly Permission[];
  /** The screen exists only in demo mode. */
  demoOnly?: boolean;
};

/** The facts about the signed-in user that access decisions depend on. */
export type AccessSubject = Pick<Session, 'permissions' | 'demo'>;

/** Whether the session's permissions include the given permission. */
export const can = (subject: Pick<AccessSubject, 'permissions'>, permission: Permission): boolean =>
  subject.permissions.includes(permission);

/** Whether a user meets an access requirement; the server stays the authority, this only hides what would fail. */
export const meets = (subject: AccessSubject, requirement: AccessRequirement | undefined): boolean => {
  if (!requirement) return true;
  if (requirement.demoOnly && !subject.demo) return false;
  const anyOf = requirement.anyOf ?? [];
  return anyOf.length === 0 || anyOf.some((p) => can(subject, p));
};

/** A permission check bound to the current session, for showing or hiding actions. */
export const useCan = (): ((permission: Permission) => boolean) => {
  const session = useSession();
  return (permission) => can(session, permission);
};
