import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.recorder';
import { users } from '../../platform/auth/auth.schema';
import { hashPassword } from '../../platform/auth/password-hasher';
import type { SecretBox } from '../../platform/auth/secret-box';
import { currentTotpCode, newTotpSecret } from '../../platform/auth/totp.rules';
import type { Clock } from '../../platform/clock';
import type { Database } from '../../platform/db/database';
import { organisations } from '../../platform/tenancy/tenancy.schema';
import { personSearchText } from '../people';
import { people } from '../people/people.schema';
import {
  analyseKnowHow,
  concentrationOf,
  DEFAULT_REGISTER_SETTINGS,
  isOverseas,
  nextReviewOn,
  technologyNameSearchText,
  technologySearchText,
  tokyoDate,
  tradeSecretVerdict,
} from '../register';
import {
  accessGrants,
  knowHowHoldings,
  knowHowSteps,
  registerSettings,
  technologies,
  tradeSecretRequirements,
} from '../register/register.schema';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD } from './demo.data';
import { DEMO_GRANTS, DEMO_KNOW_HOW_MAPS, DEMO_PEOPLE, DEMO_TECHNOLOGIES } from './demo-register.data';

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

const DAY_MS = 86_400_000;

/** The `YYYY-MM-DD` date `days` after `date` (negative: before). */
const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The demo company's security officer: their tenant receives the register, and they granted the demo access. */
const OFFICER_EMAIL = DEMO_ORGANISATIONS.find((o) => o.kind === 'company')?.users.find((u) =>
  u.roles.includes('security_officer'),
)?.email;

/**
 * Seeds the demo company's people directory, register settings and technology register (demo-register.data.ts) in
 * one tenant transaction, unless the company already has people or technologies: a restart, or a data directory where
 * the officer has started their own register, changes nothing. Dates are offsets from the Asia/Tokyo date of `clock`,
 * and the stored derived columns (trade-secret verdict, next review, concentration, search text, overseas) come from
 * the register's own rules, so the demo shows exactly what a user's edit would produce. No audit event is recorded
 * per seeded record (the demo seed audits only the creation of each organisation): the history of a demo technology
 * starts with the first change a user makes.
 */
const seedDemoRegister = async (db: Database, clock: Clock): Promise<boolean> => {
  if (!OFFICER_EMAIL) return false;
  const officerEmail = OFFICER_EMAIL;
  const [officer] = await db.system((tx) =>
    tx.select({ id: users.id, tenantId: users.tenantId }).from(users).where(eq(users.email, officerEmail)).limit(1),
  );
  if (!officer) return false;
  const tenantId = officer.tenantId;
  const now = clock();
  const today = tokyoDate(now);
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

  return db.tenant(tenantId, async (tx) => {
    // Two instances starting together on one database must not both seed.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('kakine.demo.register'))`);
    const [anyPerson] = await tx.select({ id: people.id }).from(people).limit(1);
    const [anyTechnology] = await tx.select({ id: technologies.id }).from(technologies).limit(1);
    if (anyPerson || anyTechnology) return false;

    await tx
      .insert(registerSettings)
      .values({ tenantId, ...DEFAULT_REGISTER_SETTINGS, updatedAt: now })
      .onConflictDoNothing();

    const personRows = DEMO_PEOPLE.map((p) => ({
      id: randomUUID(),
      tenantId,
      employeeId: p.employeeId,
      name: p.name,
      nameKana: p.nameKana,
      email: p.email?.toLowerCase() ?? null,
      department: p.department,
      jobTitle: p.jobTitle,
      employmentType: p.employmentType,
      employer: p.employer,
      status: p.status,
      lastWorkingDay: p.lastWorkingDayOffset === null ? null : addDays(today, p.lastWorkingDayOffset),
      contractEndDate: p.contractEndOffset === null ? null : addDays(today, p.contractEndOffset),
      notes: p.notes,
      searchText: personSearchText(p),
      createdAt: now,
      updatedAt: now,
    }));
    await tx.insert(people).values(personRows);
    const personIdOf = new Map(personRows.map((p) => [p.employeeId, p.id]));
    const personFacts = new Map(personRows.map((p) => [p.id, { status: p.status, lastWorkingDay: p.lastWorkingDay }]));
    const idOfEmployee = (employeeId: string): string => {
      const id = personIdOf.get(employeeId);
      if (!id) throw new Error(`demo data names an unknown employee ${employeeId}`);
      return id;
    };

    const tenantUsers = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(eq(users.tenantId, tenantId));
    const userIdOf = new Map(tenantUsers.map((u) => [u.email.toLowerCase(), u.id]));

    // Know-how maps first: their analysis is stored on the technology rows.
    const technologyIdOf = new Map(DEMO_TECHNOLOGIES.map((t) => [t.code, randomUUID()]));
    const stepRows: (typeof knowHowSteps.$inferInsert)[] = [];
    const holdingRows: (typeof knowHowHoldings.$inferInsert)[] = [];
    const concentrationByCode = new Map<string, ReturnType<typeof concentrationOf>>();
    for (const map of DEMO_KNOW_HOW_MAPS) {
      const technology = DEMO_TECHNOLOGIES.find((t) => t.code === map.technologyCode);
      const technologyId = technologyIdOf.get(map.technologyCode);
      if (!technology || !technologyId) throw new Error(`demo know-how map of unknown ${map.technologyCode}`);
      const steps = map.steps.map((step, position) => ({
        id: randomUUID(),
        tenantId,
        technologyId,
        position: position + 1,
        name: step.name,
        description: step.description,
      }));
      const holdings = map.holdings.flatMap((h) =>
        h.depths.flatMap((depth, index) =>
          depth === 0
            ? []
            : [{ tenantId, stepId: (steps[index] as { id: string }).id, personId: idOfEmployee(h.employeeId), depth }],
        ),
      );
      stepRows.push(...steps);
      holdingRows.push(...holdings);
      const analysis = analyseKnowHow({
        steps,
        holdings,
        people: personFacts,
        today,
        isCore: technology.isCore,
      });
      concentrationByCode.set(map.technologyCode, concentrationOf(analysis));
    }

    const technologyRows = DEMO_TECHNOLOGIES.map((t) => {
      const lastReviewedOn = t.lastReviewedDaysAgo === null ? null : addDays(today, -t.lastReviewedDaysAgo);
      const concentration = concentrationByCode.get(t.code);
      return {
        id: technologyIdOf.get(t.code) as string,
        tenantId,
        code: t.code,
        nameJa: t.nameJa,
        nameEn: t.nameEn,
        description: t.description,
        products: t.products,
        ownerUserId: t.ownerEmail ? (userIdOf.get(t.ownerEmail) ?? null) : null,
        department: t.department,
        classificationCode: t.classificationCode,
        isCore: t.isCore,
        coreReason: t.coreReason,
        designatedCodes: t.designatedCodes,
        exportControlStatus: t.exportControl.status,
        exportControlRef: t.exportControl.listItemRef,
        exportControlAssessor: t.exportControl.assessorName,
        exportControlAssessedOn:
          t.exportControl.assessedDaysAgo === null ? null : addDays(today, -t.exportControl.assessedDaysAgo),
        locations: t.locations,
        overseas: isOverseas(t.locations),
        reviewIntervalMonths: t.reviewIntervalMonths,
        lastReviewedOn,
        // The company moved its Excel register into Kakine on the seed date: that is each technology's creation.
        nextReviewOn: nextReviewOn(lastReviewedOn, today, t.reviewIntervalMonths),
        tradeSecretQualifies: tradeSecretVerdict(t.requirements).qualifies,
        concentrationLevel: concentration?.level ?? 'none',
        busFactor: concentration?.busFactor ?? null,
        singlePersonAllSteps: concentration?.singlePersonAllSteps ?? false,
        departingHolders: concentration?.departingHolders ?? 0,
        searchText: technologySearchText(t),
        nameSearchText: technologyNameSearchText(t),
        createdBy: officer.id,
        createdAt: now,
        updatedAt: now,
      };
    });
    await tx.insert(technologies).values(technologyRows);

    const requirementRows = DEMO_TECHNOLOGIES.flatMap((t) =>
      t.requirements.map((r) => ({
        tenantId,
        technologyId: technologyIdOf.get(t.code) as string,
        requirement: r.requirement,
        status: r.status,
        note: r.note,
        reviewedOn: r.reviewedDaysAgo === null || r.status === 'unassessed' ? null : addDays(today, -r.reviewedDaysAgo),
        reviewedBy: r.status === 'unassessed' ? null : officer.id,
        updatedAt: now,
      })),
    );
    if (requirementRows.length > 0) await tx.insert(tradeSecretRequirements).values(requirementRows);
    if (stepRows.length > 0) await tx.insert(knowHowSteps).values(stepRows);
    if (holdingRows.length > 0) await tx.insert(knowHowHoldings).values(holdingRows);

    const grantRows = DEMO_GRANTS.map((g) => {
      const technologyId = technologyIdOf.get(g.technologyCode);
      if (!technologyId) throw new Error(`demo grant on unknown ${g.technologyCode}`);
      const toPerson = 'employeeId' in g.grantee;
      return {
        tenantId,
        technologyId,
        granteeKind: toPerson ? ('person' as const) : ('department' as const),
        personId: 'employeeId' in g.grantee ? idOfEmployee(g.grantee.employeeId) : null,
        department: 'department' in g.grantee ? g.grantee.department : null,
        reason: g.reason,
        grantedBy: officer.id,
        grantedAt: daysAgo(g.grantedDaysAgo),
        expiresOn: g.expiresInDays === null ? null : addDays(today, g.expiresInDays),
        revokedAt: g.revoked ? daysAgo(g.revoked.daysAgo) : null,
        revokedBy: g.revoked ? officer.id : null,
        revokeReason: g.revoked?.reason ?? null,
        updatedAt: g.revoked ? daysAgo(g.revoked.daysAgo) : daysAgo(g.grantedDaysAgo),
      };
    });
    await tx.insert(accessGrants).values(grantRows);
    return true;
  });
};

/** Creates the demo service: seeds the demo organisations and users once, and lists the demo accounts. */
export const createDemoService = (deps: { db: Database; clock: Clock; secretBox: SecretBox }) => {
  const { db, clock, secretBox } = deps;

  /**
   * Seeds the demo organisations and users unless they exist, then the demo company's people directory and
   * technology register unless it has any; returns whether anything was created.
   */
  const seed = async (): Promise<boolean> => {
    const organisationsCreated = await seedOrganisations();
    const registerCreated = await seedDemoRegister(db, clock);
    return organisationsCreated || registerCreated;
  };

  /** Seeds the demo organisations and their users unless any demo user exists. */
  const seedOrganisations = async (): Promise<boolean> => {
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
