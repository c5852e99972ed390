import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/database';
import { organisations } from '../tenancy/tenancy.schema';
import { recoveryCodes, sessions, signInFailures, users } from './auth.schema';

/** A user row joined with the organisation kind, as sign-in needs it. */
export type UserWithOrganisation = typeof users.$inferSelect & {
  organisationKind: 'company' | 'meti' | 'certification_body';
  organisationNameJa: string;
  organisationNameEn: string;
};

const userColumns = {
  user: users,
  organisationKind: organisations.kind,
  organisationNameJa: organisations.nameJa,
  organisationNameEn: organisations.nameEn,
};

const flatten = (row: {
  user: typeof users.$inferSelect;
  organisationKind: UserWithOrganisation['organisationKind'];
  organisationNameJa: string;
  organisationNameEn: string;
}): UserWithOrganisation => ({
  ...row.user,
  organisationKind: row.organisationKind,
  organisationNameJa: row.organisationNameJa,
  organisationNameEn: row.organisationNameEn,
});

/** Finds a user by e-mail (case-insensitive) across tenants; system context only. */
export const findUserByEmail = async (tx: Tx, email: string): Promise<UserWithOrganisation | null> => {
  const [row] = await tx
    .select(userColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.tenantId))
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return row ? flatten(row) : null;
};

/** Finds a user by id within the current context. */
export const findUserById = async (tx: Tx, userId: string): Promise<UserWithOrganisation | null> => {
  const [row] = await tx
    .select(userColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.tenantId))
    .where(eq(users.id, userId))
    .limit(1);
  return row ? flatten(row) : null;
};

/** What every request needs to know about its session, read in one round trip. */
export type LiveSession = {
  sessionId: string;
  stage: 'second_factor' | 'enrolment' | 'active';
  csrfToken: string;
  sessionCreatedAt: Date;
  lastSeenAt: Date;
  userId: string;
  tenantId: string;
  email: string;
  displayName: string;
  roles: string[];
  status: 'active' | 'disabled';
  locale: 'ja' | 'en';
  totpEnabledAt: Date | null;
  organisationKind: 'company' | 'meti' | 'certification_body';
  organisationNameJa: string;
  organisationNameEn: string;
};

/** The live session of a token hash with its user and organisation, as one statement for `db.systemRead`. */
export const liveSessionQuery = (tokenHash: string, now: Date) => sql`
  select s.id as "sessionId", s.stage, s.csrf_token as "csrfToken", s.created_at as "sessionCreatedAt",
    s.last_seen_at as "lastSeenAt", u.id as "userId", u.tenant_id as "tenantId", u.email,
    u.display_name as "displayName", u.roles, u.status, u.locale, u.totp_enabled_at as "totpEnabledAt",
    o.kind as "organisationKind", o.name_ja as "organisationNameJa", o.name_en as "organisationNameEn"
  from ${sessions} s
  join ${users} u on u.id = s.user_id
  join ${organisations} o on o.id = u.tenant_id
  where s.token_hash = ${tokenHash} and s.expires_at > ${now}
  limit 1`;

/** Deletes the session of a token hash, whichever tenant it belongs to; system context only. */
export const deleteSessionByTokenHash = async (tx: Tx, tokenHash: string) => {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
};

/** Inserts a session. */
export const insertSession = async (tx: Tx, values: typeof sessions.$inferInsert) => {
  const [row] = await tx.insert(sessions).values(values).returning();
  return row!;
};

/** Extends a session's expiry and last-seen time. */
export const touchSession = async (tx: Tx, sessionId: string, now: Date, expiresAt: Date) => {
  await tx.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, sessionId));
};

/** Deletes one session. */
export const deleteSession = async (tx: Tx, sessionId: string) => {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
};

/** Deletes every session of a user; returns how many. */
export const deleteUserSessions = async (tx: Tx, userId: string): Promise<number> => {
  const rows = await tx.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return rows.length;
};

/** Updates sign-in bookkeeping columns of a user. */
export const updateUserSignInState = async (
  tx: Tx,
  userId: string,
  values: Partial<Pick<typeof users.$inferInsert, 'failedSignIns' | 'lockedUntil' | 'lastSignInAt' | 'totpLastStep'>>,
) => {
  await tx.update(users).set(values).where(eq(users.id, userId));
};

/** Counts failed sign-ins from an address since a time; system context only. */
export const countAddressFailures = async (tx: Tx, address: string, since: Date): Promise<number> => {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(and(eq(signInFailures.address, address), gt(signInFailures.createdAt, since)));
  return row?.n ?? 0;
};

/** Records a failed sign-in from an address and forgets failures older than the window; system context only. */
export const recordAddressFailure = async (tx: Tx, address: string, olderThan: Date) => {
  await tx.insert(signInFailures).values({ address });
  await tx.delete(signInFailures).where(sql`${signInFailures.createdAt} < ${olderThan}`);
};

/** Unused recovery codes of a user. */
export const unusedRecoveryCodes = (tx: Tx, userId: string) =>
  tx
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));

/** Marks a recovery code used; false if it was used concurrently. */
export const markRecoveryCodeUsed = async (tx: Tx, id: string, now: Date): Promise<boolean> => {
  const rows = await tx
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.id, id), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return rows.length === 1;
};
