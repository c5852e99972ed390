import { and, asc, eq, lte } from 'drizzle-orm';
import { users } from '../../platform/auth/auth.schema';
import type { Tx } from '../../platform/db/database';
import { organisations } from '../../platform/tenancy/tenancy.schema';
import { registerReminders, technologies } from './register.schema';

/** The ids of every company tenant (only companies keep a register); run with the system role. */
export const companyTenantIds = async (tx: Tx): Promise<string[]> =>
  (
    await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.kind, 'company'))
      .orderBy(asc(organisations.id))
  ).map((r) => r.id);

/** An active technology whose review falls due on or before a date. */
export type ReviewDueRow = {
  id: string;
  code: string;
  nameJa: string;
  nameEn: string | null;
  nextReviewOn: string;
  ownerUserId: string | null;
};

/** The tenant's active technologies whose next review is on or before `until`. */
export const technologiesDueBy = async (tx: Tx, tenantId: string, until: string): Promise<ReviewDueRow[]> =>
  tx
    .select({
      id: technologies.id,
      code: technologies.code,
      nameJa: technologies.nameJa,
      nameEn: technologies.nameEn,
      nextReviewOn: technologies.nextReviewOn,
      ownerUserId: technologies.ownerUserId,
    })
    .from(technologies)
    .where(
      and(
        eq(technologies.tenantId, tenantId),
        eq(technologies.status, 'active'),
        lte(technologies.nextReviewOn, until),
      ),
    )
    .orderBy(asc(technologies.nextReviewOn), asc(technologies.code));

/**
 * Records that a reminder about a subject and due date is being sent; false when it was sent before (the primary
 * key makes a second run, or a concurrent one, a no-op).
 */
export const claimReminder = async (
  tx: Tx,
  reminder: { tenantId: string; kind: 'review_due' | 'grant_expiring'; subjectId: string; dueOn: string; sentAt: Date },
): Promise<boolean> => {
  const rows = await tx
    .insert(registerReminders)
    .values(reminder)
    .onConflictDoNothing()
    .returning({ subjectId: registerReminders.subjectId });
  return rows.length > 0;
};

/** Whether the user is an active user of the tenant (a technology's owner may have been disabled). */
export const isActiveUser = async (tx: Tx, tenantId: string, userId: string): Promise<boolean> => {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, tenantId), eq(users.id, userId), eq(users.status, 'active')))
    .limit(1);
  return row !== undefined;
};
