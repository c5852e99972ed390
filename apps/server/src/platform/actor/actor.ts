import { hasPermission, type Locale, type OrganisationKind, type Permission } from '@kakine/contracts';
import { AppError } from '../errors/app-error';

/** Who is acting: the signed-in user of a request, or the system. Services take this as their first argument. */
export type Actor = {
  userId: string;
  tenantId: string;
  organisationKind: OrganisationKind;
  roles: readonly string[];
  /** "Display Name <email>", kept on audit events so that the trail reads without joins. */
  label: string;
  locale: Locale;
  ip: string | null;
  sessionId: string | null;
};

/** Whether the actor holds a permission. */
export const can = (actor: Actor, permission: Permission): boolean =>
  hasPermission(actor.organisationKind, actor.roles, permission);

/** Throws `auth/forbidden` unless the actor holds the permission. */
export const requirePermission = (actor: Actor, permission: Permission): void => {
  if (!can(actor, permission)) throw new AppError('auth/forbidden', { permission });
};
