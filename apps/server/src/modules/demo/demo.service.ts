import { inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.recorder';
import { users } from '../../platform/auth/auth.schema';
import { hashPassword } from '../../platform/auth/password-hasher';
import type { SecretBox } from '../../platform/auth/secret-box';
import { currentTotpCode, newTotpSecret } from '../../platform/auth/totp.rules';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { organisations } from '../../platform/tenancy/tenancy.schema';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo.data';

/** A demo account as the sign-in page lists it. */
export type DemoAccountView = {
  email: string;
  password: string;
  displayName: string;
  roles: string[];
  organisationKind: 'company' | 'meti' | 'certification_body';
  organisationNameJa: string;
  organisationNameEn: string;
  totpCode: string | null;
};

const demoEmails = DEMO_ORGANISATIONS.flatMap((o) => o.users.map((u) => u.email));

/** Creates the demo service: seeds the demo organisations and users once, and lists the demo accounts. */
export const createDemoService = (deps: { db: Database; clock: Clock; secretBox: SecretBox }) => {
  const { db, clock, secretBox } = deps;

  /** Seeds the demo organisations and users unless they exist; returns whether anything was created. */
  const seed = async (): Promise<boolean> => {
    const existing = await db.system((tx) =>
      tx.select({ id: users.id }).from(users).where(inArray(users.email, demoEmails)).limit(1),
    );
    if (existing.length > 0) return false;
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const now = clock();
    for (const org of DEMO_ORGANISATIONS) {
      const [created] = await db.system((tx) =>
        tx
          .insert(organisations)
          .values({ kind: org.kind, nameJa: org.nameJa, nameEn: org.nameEn, corporateNumber: org.corporateNumber })
          .returning({ id: organisations.id }),
      );
      const tenantId = created!.id;
      await db.tenant(tenantId, async (tx) => {
        await recordAudit(
          tx,
          { tenantId, userId: null, label: 'Kakine (demo seed)', ip: null },
          { type: 'organisation.created', payload: { name: org.nameJa, kind: org.kind } },
          clock,
        );
        for (const user of org.users) {
          await tx.insert(users).values({
            tenantId,
            email: user.email,
            displayName: user.displayName,
            roles: user.roles,
            passwordHash,
            passwordChangedAt: now,
            totpSecret: secretBox.seal(newTotpSecret()),
            totpEnabledAt: now,
          });
        }
      });
    }
    return true;
  };

  /** The demo accounts with each one's current TOTP code (demo mode only). */
  const accounts = async (): Promise<DemoAccountView[]> => {
    const rows = await db.system((tx) =>
      tx
        .select({
          email: users.email,
          displayName: users.displayName,
          roles: users.roles,
          totpSecret: users.totpSecret,
          kind: organisations.kind,
          nameJa: organisations.nameJa,
          nameEn: organisations.nameEn,
        })
        .from(users)
        .innerJoin(organisations, sql`${organisations.id} = ${users.tenantId}`)
        .where(inArray(users.email, demoEmails)),
    );
    const order = new Map(demoEmails.map((e, i) => [e, i]));
    return rows
      .sort((a, b) => (order.get(a.email) ?? 0) - (order.get(b.email) ?? 0))
      .map((r) => ({
        email: r.email,
        password: DEMO_PASSWORD,
        displayName: r.displayName,
        roles: r.roles,
        organisationKind: r.kind,
        organisationNameJa: r.nameJa,
        organisationNameEn: r.nameEn,
        totpCode: r.totpSecret ? currentTotpCode(secretBox.open(r.totpSecret), clock()) : null,
      }));
  };

  return { seed, accounts };
};

/** The demo service. */
export type DemoService = ReturnType<typeof createDemoService>;
