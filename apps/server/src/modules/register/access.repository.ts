import type { EmploymentType, PersonStatus } from '@kakine/contracts';
import { and, asc, desc, eq, gte, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/auth.schema';
import type { Tx } from '../../platform/db/database';
import { people } from '../people/people.schema';
import { accessGrants, technologies } from './register.schema';

/** A grant with its technology, grantee and the names of who granted and revoked it. */
export type GrantRow = {
  id: string;
  technologyId: string;
  technologyCode: string;
  technologyNameJa: string;
  technologyIsCore: boolean;
  technologyClassificationCode: string;
  technologyOwnerUserId: string | null;
  technologyStatus: 'active' | 'archived';
  granteeKind: 'person' | 'department';
  personId: string | null;
  personName: string | null;
  personEmployeeId: string | null;
  personEmploymentType: EmploymentType | null;
  personStatus: PersonStatus | null;
  personLastWorkingDay: string | null;
  department: string | null;
  reason: string;
  grantedBy: string | null;
  grantedByName: string | null;
  grantedAt: Date;
  expiresOn: string | null;
  revokedAt: Date | null;
  revokedByName: string | null;
};

const grantor = alias(users, 'grantor');
const revoker = alias(users, 'revoker');

const grantColumns = {
  id: accessGrants.id,
  technologyId: accessGrants.technologyId,
  technologyCode: technologies.code,
  technologyNameJa: technologies.nameJa,
  technologyIsCore: technologies.isCore,
  technologyClassificationCode: technologies.classificationCode,
  technologyOwnerUserId: technologies.ownerUserId,
  technologyStatus: technologies.status,
  granteeKind: accessGrants.granteeKind,
  personId: accessGrants.personId,
  personName: people.name,
  personEmployeeId: people.employeeId,
  personEmploymentType: people.employmentType,
  personStatus: people.status,
  personLastWorkingDay: people.lastWorkingDay,
  department: accessGrants.department,
  reason: accessGrants.reason,
  grantedBy: accessGrants.grantedBy,
  grantedByName: grantor.displayName,
  grantedAt: accessGrants.grantedAt,
  expiresOn: accessGrants.expiresOn,
  revokedAt: accessGrants.revokedAt,
  revokedByName: revoker.displayName,
};

const selectGrants = (tx: Tx) =>
  tx
    .select(grantColumns)
    .from(accessGrants)
    .innerJoin(technologies, eq(technologies.id, accessGrants.technologyId))
    .leftJoin(people, eq(people.id, accessGrants.personId))
    .leftJoin(grantor, eq(grantor.id, accessGrants.grantedBy))
    .leftJoin(revoker, eq(revoker.id, accessGrants.revokedBy));

/** Every grant of a technology: still-effective ones first (not revoked), newest first within each group. */
export const grantsOfTechnology = async (tx: Tx, tenantId: string, technologyId: string): Promise<GrantRow[]> =>
  selectGrants(tx)
    .where(and(eq(accessGrants.tenantId, tenantId), eq(accessGrants.technologyId, technologyId)))
    .orderBy(sql`${accessGrants.revokedAt} is not null`, desc(accessGrants.grantedAt), asc(accessGrants.id));

/** One grant of the tenant, optionally locked for update. */
export const findGrant = async (
  tx: Tx,
  tenantId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<GrantRow | null> => {
  const query = selectGrants(tx)
    .where(and(eq(accessGrants.tenantId, tenantId), eq(accessGrants.id, id)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update', { of: accessGrants }) : await query;
  return row ?? null;
};

/** The grant's technology id, without joins (to authorise before reading the rest). */
export const technologyOfGrant = async (tx: Tx, tenantId: string, id: string): Promise<string | null> => {
  const [row] = await tx
    .select({ technologyId: accessGrants.technologyId })
    .from(accessGrants)
    .where(and(eq(accessGrants.tenantId, tenantId), eq(accessGrants.id, id)))
    .limit(1);
  return row?.technologyId ?? null;
};

/**
 * Whether the technology already has an effective grant (not revoked, not expired on `today`) to the same person or
 * department, other than `exceptId`.
 */
export const activeGrantExists = async (
  tx: Tx,
  tenantId: string,
  grant: {
    technologyId: string;
    granteeKind: 'person' | 'department';
    personId: string | null;
    department: string | null;
  },
  today: string,
  exceptId?: string,
): Promise<boolean> => {
  const [row] = await tx
    .select({ id: accessGrants.id })
    .from(accessGrants)
    .where(
      and(
        eq(accessGrants.tenantId, tenantId),
        eq(accessGrants.technologyId, grant.technologyId),
        eq(accessGrants.granteeKind, grant.granteeKind),
        grant.granteeKind === 'person'
          ? eq(accessGrants.personId, grant.personId as string)
          : eq(accessGrants.department, grant.department as string),
        isNull(accessGrants.revokedAt),
        or(isNull(accessGrants.expiresOn), gte(accessGrants.expiresOn, today)),
        exceptId ? ne(accessGrants.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row !== undefined;
};

/** Inserts a grant and returns its id. */
export const insertGrant = async (
  tx: Tx,
  values: {
    tenantId: string;
    technologyId: string;
    granteeKind: 'person' | 'department';
    personId: string | null;
    department: string | null;
    reason: string;
    grantedBy: string;
    grantedAt: Date;
    expiresOn: string | null;
  },
): Promise<string> => {
  const [row] = await tx
    .insert(accessGrants)
    .values({ ...values, updatedAt: values.grantedAt })
    .returning({ id: accessGrants.id });
  return (row as { id: string }).id;
};

/** Changes a grant's reason and expiry. */
export const updateGrant = async (
  tx: Tx,
  tenantId: string,
  id: string,
  values: { reason: string; expiresOn: string | null; updatedAt: Date },
): Promise<void> => {
  await tx
    .update(accessGrants)
    .set(values)
    .where(and(eq(accessGrants.tenantId, tenantId), eq(accessGrants.id, id)));
};

/** Marks a grant revoked. */
export const revokeGrant = async (
  tx: Tx,
  tenantId: string,
  id: string,
  values: { revokedAt: Date; revokedBy: string; revokeReason: string | null },
): Promise<void> => {
  await tx
    .update(accessGrants)
    .set({ ...values, updatedAt: values.revokedAt })
    .where(and(eq(accessGrants.tenantId, tenantId), eq(accessGrants.id, id)));
};

/**
 * The grants that are not revoked on the tenant's active technologies, optionally only those of technologies
 * owned by one user: the candidates of the need-to-know review (revoked grants never have findings).
 */
export const reviewCandidates = async (
  tx: Tx,
  tenantId: string,
  scope: { ownerUserId: string | null; limit: number },
): Promise<GrantRow[]> =>
  selectGrants(tx)
    .where(
      and(
        eq(accessGrants.tenantId, tenantId),
        isNull(accessGrants.revokedAt),
        eq(technologies.status, 'active'),
        scope.ownerUserId ? eq(technologies.ownerUserId, scope.ownerUserId) : undefined,
      ),
    )
    .orderBy(asc(technologies.code), asc(accessGrants.grantedAt), asc(accessGrants.id))
    .limit(scope.limit);

/** The people of the tenant with the given id (for a new grant), or null. */
export const findPerson = async (
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<{ id: string; name: string; employeeId: string; status: PersonStatus } | null> => {
  const [row] = await tx
    .select({ id: people.id, name: people.name, employeeId: people.employeeId, status: people.status })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.id, id)))
    .limit(1);
  return row ?? null;
};

/** Whether anyone in the tenant's directory (not left) belongs to the department. */
export const departmentExists = async (tx: Tx, tenantId: string, department: string): Promise<boolean> => {
  const [row] = await tx
    .select({ id: people.id })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.department, department), ne(people.status, 'left')))
    .limit(1);
  return row !== undefined;
};

/**
 * The grants that are not revoked and whose expiry falls on or before `until`, on active technologies: the subjects
 * of expiry reminders.
 */
export const grantsExpiringBy = async (tx: Tx, tenantId: string, until: string): Promise<GrantRow[]> =>
  selectGrants(tx)
    .where(
      and(
        eq(accessGrants.tenantId, tenantId),
        isNull(accessGrants.revokedAt),
        isNotNull(accessGrants.expiresOn),
        lte(accessGrants.expiresOn, until),
        eq(technologies.status, 'active'),
      ),
    )
    .orderBy(asc(accessGrants.expiresOn), asc(accessGrants.id));
