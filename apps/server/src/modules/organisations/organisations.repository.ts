import { and, asc, desc, eq, gt, ilike, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { invitations, users } from '../../platform/auth/auth.schema';
import type { Tx } from '../../platform/db/database';
import { organisations } from '../../platform/tenancy/tenancy.schema';
import { containsPattern } from './organisations.rules';

/** A user as the users admin screen needs it. */
export type UserRow = {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  status: 'active' | 'disabled';
  totpEnrolled: boolean;
  lastSignInAt: Date | null;
  lockedUntil: Date | null;
  failedSignIns: number;
  locale: 'ja' | 'en';
  createdAt: Date;
};

const userColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  roles: users.roles,
  status: users.status,
  totpEnrolled: sql<boolean>`${users.totpEnabledAt} is not null`,
  lastSignInAt: users.lastSignInAt,
  lockedUntil: users.lockedUntil,
  failedSignIns: users.failedSignIns,
  locale: users.locale,
  createdAt: users.createdAt,
};

const USER_SORT = {
  displayName: users.displayName,
  email: users.email,
  lastSignInAt: users.lastSignInAt,
  createdAt: users.createdAt,
} as const;

/** Filters of the user list. */
export type UserFilter = { tenantId: string; q?: string | undefined; status?: 'active' | 'disabled' | undefined };

const userConditions = (f: UserFilter): SQL | undefined =>
  and(
    eq(users.tenantId, f.tenantId),
    f.status ? eq(users.status, f.status) : undefined,
    f.q ? or(ilike(users.displayName, containsPattern(f.q)), ilike(users.email, containsPattern(f.q))) : undefined,
  );

/** A page of a tenant's users with the total number matching the filter. */
export const listUsers = async (
  tx: Tx,
  filter: UserFilter,
  page: { sort: keyof typeof USER_SORT; order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: UserRow[]; total: number }> => {
  const direction = page.order === 'asc' ? asc : desc;
  const column = USER_SORT[page.sort];
  const rows = await tx
    .select(userColumns)
    .from(users)
    .where(userConditions(filter))
    .orderBy(
      page.order === 'asc' ? sql`${column} asc nulls first` : sql`${column} desc nulls last`,
      direction(users.id),
    )
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(users).where(userConditions(filter));
  return { rows, total: count?.n ?? 0 };
};

/** One user of the tenant, locked for update; null when absent (or in another tenant, which RLS hides). */
export const findUserForUpdate = async (tx: Tx, tenantId: string, userId: string): Promise<UserRow | null> => {
  const [row] = await tx
    .select(userColumns)
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
    .for('update')
    .limit(1);
  return row ?? null;
};

/** One user of the tenant. */
export const findUser = async (tx: Tx, tenantId: string, userId: string): Promise<UserRow | null> => {
  const [row] = await tx
    .select(userColumns)
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId)))
    .limit(1);
  return row ?? null;
};

/**
 * Serialises changes to the users of one tenant for the rest of the transaction, so that two admins cannot each
 * remove the other and leave the organisation with none.
 */
export const lockTenantUsers = async (tx: Tx, tenantId: string) => {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`users:${tenantId}`}, 0))`);
};

/** How many active administrators the tenant has, optionally not counting one user. */
export const countActiveAdmins = async (tx: Tx, tenantId: string, exceptUserId?: string): Promise<number> => {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(
      and(
        eq(users.tenantId, tenantId),
        eq(users.status, 'active'),
        sql`'admin' = any(${users.roles})`,
        exceptUserId ? sql`${users.id} <> ${exceptUserId}` : undefined,
      ),
    );
  return row?.n ?? 0;
};

/** Sets a user's roles. */
export const setUserRoles = async (tx: Tx, userId: string, roles: string[]) => {
  await tx.update(users).set({ roles }).where(eq(users.id, userId));
};

/** Sets a user's status. */
export const setUserStatus = async (tx: Tx, userId: string, status: 'active' | 'disabled') => {
  await tx.update(users).set({ status }).where(eq(users.id, userId));
};

/** Lifts a sign-in lock and forgets the failures that caused it. */
export const unlockUser = async (tx: Tx, userId: string) => {
  await tx.update(users).set({ lockedUntil: null, failedSignIns: 0 }).where(eq(users.id, userId));
};

/** Whether any user of any tenant has the e-mail address (unique across the deployment); system context only. */
export const emailRegistered = async (tx: Tx, email: string): Promise<boolean> => {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row !== undefined;
};

/** Inserts a user and returns its id. */
export const insertUser = async (tx: Tx, values: typeof users.$inferInsert): Promise<string> => {
  const [row] = await tx.insert(users).values(values).returning({ id: users.id });
  return row!.id;
};

/** The organisation of the current tenant. */
export const findOrganisation = async (tx: Tx, tenantId: string) => {
  const [row] = await tx.select().from(organisations).where(eq(organisations.id, tenantId)).limit(1);
  return row ?? null;
};

/** An invitation as the admin screen needs it. */
export type InvitationRow = {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
  invitedByName: string | null;
  createdAt: Date;
};

const inviter = alias(users, 'inviter');

const invitationColumns = {
  id: invitations.id,
  email: invitations.email,
  displayName: invitations.displayName,
  roles: invitations.roles,
  expiresAt: invitations.expiresAt,
  acceptedAt: invitations.acceptedAt,
  revokedAt: invitations.revokedAt,
  invitedByName: inviter.displayName,
  createdAt: invitations.createdAt,
};

/** Filters of the invitation list; `now` decides which pending invitations have expired. */
export type InvitationFilter = {
  tenantId: string;
  q?: string | undefined;
  status?: 'pending' | 'accepted' | 'revoked' | 'expired' | undefined;
  now: Date;
};

const invitationConditions = (f: InvitationFilter): SQL | undefined => {
  const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));
  const byStatus = {
    pending: and(open, gt(invitations.expiresAt, f.now)),
    accepted: isNotNull(invitations.acceptedAt),
    revoked: and(isNull(invitations.acceptedAt), isNotNull(invitations.revokedAt)),
    expired: and(open, lte(invitations.expiresAt, f.now)),
  };
  return and(
    eq(invitations.tenantId, f.tenantId),
    f.status ? byStatus[f.status] : undefined,
    f.q
      ? or(ilike(invitations.displayName, containsPattern(f.q)), ilike(invitations.email, containsPattern(f.q)))
      : undefined,
  );
};

/** A page of a tenant's invitations, newest first unless `order` is `asc`, with the total matching the filter. */
export const listInvitations = async (
  tx: Tx,
  filter: InvitationFilter,
  page: { order: 'asc' | 'desc'; limit: number; offset: number },
): Promise<{ rows: InvitationRow[]; total: number }> => {
  const direction = page.order === 'asc' ? asc : desc;
  const rows = await tx
    .select(invitationColumns)
    .from(invitations)
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(invitationConditions(filter))
    .orderBy(direction(invitations.createdAt), direction(invitations.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(invitations)
    .where(invitationConditions(filter));
  return { rows, total: count?.n ?? 0 };
};

/** One invitation of the tenant, locked for update. */
export const findInvitationForUpdate = async (tx: Tx, tenantId: string, id: string): Promise<InvitationRow | null> => {
  const [row] = await tx
    .select(invitationColumns)
    .from(invitations)
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy))
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.id, id)))
    .for('update', { of: invitations })
    .limit(1);
  return row ?? null;
};

/** Inserts an invitation (the token's hash only) and returns its id. */
export const insertInvitation = async (tx: Tx, values: typeof invitations.$inferInsert): Promise<string> => {
  const [row] = await tx.insert(invitations).values(values).returning({ id: invitations.id });
  return row!.id;
};

/** Revokes the tenant's open invitations to an address (a new invitation supersedes them); returns their ids. */
export const revokeOpenInvitationsTo = async (tx: Tx, tenantId: string, email: string, now: Date) => {
  return tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(
      and(
        eq(invitations.tenantId, tenantId),
        sql`lower(${invitations.email}) = lower(${email})`,
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning({ id: invitations.id, email: invitations.email });
};

/** Revokes one invitation if it is still open. */
export const revokeInvitation = async (tx: Tx, id: string, now: Date): Promise<boolean> => {
  const rows = await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id });
  return rows.length === 1;
};

/** An invitation with its organisation, looked up by the token's hash across tenants; system context only. */
export const findInvitationByTokenHash = async (tx: Tx, tokenHash: string) => {
  const [row] = await tx
    .select({
      id: invitations.id,
      tenantId: invitations.tenantId,
      email: invitations.email,
      displayName: invitations.displayName,
      roles: invitations.roles,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      organisationKind: organisations.kind,
      organisationNameJa: organisations.nameJa,
      organisationNameEn: organisations.nameEn,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.tenantId))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  return row ?? null;
};

/** Marks an invitation accepted if it is still pending at `now`; false when it is not (used, revoked, expired). */
export const acceptInvitation = async (tx: Tx, id: string, now: Date): Promise<boolean> => {
  const rows = await tx
    .update(invitations)
    .set({ acceptedAt: now })
    .where(
      and(
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    )
    .returning({ id: invitations.id });
  return rows.length === 1;
};
