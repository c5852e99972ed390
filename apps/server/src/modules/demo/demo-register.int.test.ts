import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_CLASSIFICATION_LEVELS } from '@kakine/contracts';
import { asc, eq, ilike } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInOnce } from '../../../test/fixtures';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { createTestDatabase } from '../../../test/test-database';
import type { Services } from '../../http/services';
import { composeServices } from '../../main/compose';
import { users } from '../../platform/auth/auth.schema';
import { loadConfig } from '../../platform/config/config';
import type { Database } from '../../platform/db/database';
import { createLogger } from '../../platform/logger/logger';
import { loadBundledCatalogues } from '../catalogues';
import { people } from '../people/people.schema';
import {
  analyseKnowHow,
  grantFindings,
  grantState,
  isOverseas,
  isReviewOverdue,
  searchPattern,
  tradeSecretVerdict,
} from '../register';
import { designatedCodesOfAnyVersion, validCountryCodes } from '../register/register.repository';
import {
  accessGrants,
  knowHowHoldings,
  knowHowSteps,
  registerSettings,
  technologies,
  tradeSecretRequirements,
} from '../register/register.schema';
import { DEMO_ORGANISATIONS } from './demo.data';
import {
  DEMO_CRITICAL_TECHNOLOGY,
  DEMO_DISPATCHED_WORKER,
  DEMO_LEAVER,
  DEMO_LEAVING_ENGINEER,
  DEMO_NOTICE_DAYS,
} from './demo-register.data';

// The seed date: 2026-03-01 in Tokyo (still 2026-02-28 in UTC), so dates must come from the Tokyo calendar.
const SEED_INSTANT = new Date('2026-02-28T16:30:00Z');
const TODAY = '2026-03-01';

let db: Database;
let services: Services;
let tenantId: string;
let firstSeed: boolean;
let secondSeed: boolean;

type Snapshot = {
  people: (typeof people.$inferSelect)[];
  technologies: (typeof technologies.$inferSelect)[];
  requirements: (typeof tradeSecretRequirements.$inferSelect)[];
  steps: (typeof knowHowSteps.$inferSelect)[];
  holdings: (typeof knowHowHoldings.$inferSelect)[];
  grants: (typeof accessGrants.$inferSelect)[];
  settings: (typeof registerSettings.$inferSelect)[];
};

const snapshot = (): Promise<Snapshot> =>
  db.tenant(tenantId, async (tx) => ({
    people: await tx.select().from(people).orderBy(asc(people.employeeId)),
    technologies: await tx.select().from(technologies).orderBy(asc(technologies.code)),
    requirements: await tx.select().from(tradeSecretRequirements),
    steps: await tx.select().from(knowHowSteps).orderBy(asc(knowHowSteps.technologyId), asc(knowHowSteps.position)),
    holdings: await tx.select().from(knowHowHoldings),
    grants: await tx.select().from(accessGrants),
    settings: await tx.select().from(registerSettings),
  }));

let data: Snapshot;
let countsAfterFirstSeed: Record<keyof Snapshot, number>;

const countsOf = (s: Snapshot) =>
  Object.fromEntries(Object.entries(s).map(([k, v]) => [k, v.length])) as Record<keyof Snapshot, number>;

const technology = (code: string) => {
  const row = data.technologies.find((t) => t.code === code);
  if (!row) throw new Error(`no technology ${code}`);
  return row;
};
const person = (employeeId: string) => {
  const row = data.people.find((p) => p.employeeId === employeeId);
  if (!row) throw new Error(`no person ${employeeId}`);
  return row;
};
const personById = (id: string | null) => data.people.find((p) => p.id === id);

beforeAll(async () => {
  db = await createTestDatabase();
  const config = loadConfig({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'kakine-demo-')), LOG_LEVEL: 'silent' });
  services = composeServices({ config, db, log: createLogger('silent'), clock: () => SEED_INSTANT });
  await loadBundledCatalogues({ db });
  firstSeed = await services.demo.seed();
  const [officer] = await db.system((tx) =>
    tx.select().from(users).where(eq(users.email, 'officer@minato-ceramics.example')),
  );
  tenantId = officer!.tenantId;
  countsAfterFirstSeed = countsOf(await snapshot());
  secondSeed = await services.demo.seed();
  data = await snapshot();
});

afterAll(async () => {
  await db.close();
});

describe('demo register seed', () => {
  it('is idempotent: the second run creates nothing', () => {
    expect(firstSeed).toBe(true);
    expect(secondSeed).toBe(false);
    expect(countsOf(data)).toEqual(countsAfterFirstSeed);
  });

  it('gives the company the default register settings', () => {
    expect(data.settings).toHaveLength(1);
    expect(data.settings[0]).toMatchObject({
      classificationLevels: DEFAULT_CLASSIFICATION_LEVELS,
      inaccessibleVisibility: 'names',
    });
  });

  it('seeds nothing into METI or the certification body', async () => {
    const others = await db.system((tx) => tx.select({ tenantId: people.tenantId }).from(people));
    expect(new Set(others.map((r) => r.tenantId))).toEqual(new Set([tenantId]));
    const otherTechnologies = await db.system((tx) =>
      tx.select({ tenantId: technologies.tenantId }).from(technologies),
    );
    expect(new Set(otherTechnologies.map((r) => r.tenantId))).toEqual(new Set([tenantId]));
  });

  it('has a people directory of about 25 that links every company demo user to a person', () => {
    expect(data.people.length).toBeGreaterThanOrEqual(22);
    expect(data.people.length).toBeLessThanOrEqual(30);
    const company = DEMO_ORGANISATIONS.find((o) => o.kind === 'company')!;
    for (const user of company.users) {
      expect(
        data.people.filter((p) => p.email === user.email.toLowerCase()),
        user.email,
      ).toHaveLength(1);
    }
    for (const p of data.people) {
      expect(p.employeeId).toMatch(/^M-\d{4}$/);
      expect(p.nameKana).toMatch(/^[\p{Script=Katakana}ー ]+$/u);
      expect(p.searchText).not.toBe('');
    }
    const types = new Set(data.people.map((p) => p.employmentType));
    expect(types).toEqual(new Set(['employee', 'officer', 'dispatched', 'secondee', 'contractor']));
  });

  it('has an engineer who gave notice leaving 30 days after the seed date, and one person who left', () => {
    const leaving = person(DEMO_LEAVING_ENGINEER);
    expect(leaving).toMatchObject({ status: 'leaving', lastWorkingDay: '2026-03-31' });
    expect(DEMO_NOTICE_DAYS).toBe(30);
    expect(data.people.filter((p) => p.status === 'leaving')).toHaveLength(1);
    const left = person(DEMO_LEAVER);
    expect(left.status).toBe('left');
    expect(left.lastWorkingDay! < TODAY).toBe(true);
    expect(data.people.filter((p) => p.status === 'left')).toHaveLength(1);
  });

  it('has about 30 technologies over every classification level', () => {
    expect(data.technologies).toHaveLength(30);
    for (const t of data.technologies) expect(t.code).toMatch(/^MC-\d{3}$/);
    const levels = new Set(data.technologies.map((t) => t.classificationCode));
    expect(levels).toEqual(new Set(DEFAULT_CLASSIFICATION_LEVELS.map((l) => l.code)));
    expect(data.technologies.every((t) => t.products.length > 0 && t.description !== '')).toBe(true);
  });

  it('has exactly three core technologies, each with its reason', () => {
    const core = data.technologies.filter((t) => t.isCore);
    expect(core.map((t) => t.code).sort()).toEqual(['MC-001', 'MC-011', 'MC-016']);
    for (const t of core) {
      expect(t.coreReason?.length).toBeGreaterThan(10);
      expect(t.classificationCode).toBe('top_secret');
    }
    expect(data.technologies.filter((t) => !t.isCore).every((t) => t.coreReason === null)).toBe(true);
  });

  it('maps two technologies to the designated technologies MLCC and barium titanate of the catalogue', async () => {
    const mapped = data.technologies.filter((t) => t.designatedCodes.length > 0);
    expect(mapped.map((t) => [t.code, t.designatedCodes])).toEqual([
      ['MC-001', ['BARIUM_TITANATE']],
      ['MC-016', ['MLCC']],
    ]);
    const known = await db.tenant(tenantId, (tx) => designatedCodesOfAnyVersion(tx, ['MLCC', 'BARIUM_TITANATE']));
    expect(known).toEqual(new Set(['MLCC', 'BARIUM_TITANATE']));
  });

  it('mixes export-control results, each decided one with its list item and date', () => {
    const statuses = new Set(data.technologies.map((t) => t.exportControlStatus));
    expect(statuses).toEqual(new Set(['applicable', 'not_applicable', 'undetermined']));
    for (const t of data.technologies) {
      if (t.exportControlStatus === 'undetermined') {
        expect(t.exportControlAssessedOn).toBeNull();
      } else {
        expect(t.exportControlRef).toMatch(/外為令別表/);
        expect(t.exportControlAssessor).not.toBeNull();
        expect(t.exportControlAssessedOn! < TODAY).toBe(true);
      }
    }
  });

  it('keeps some technologies at an overseas site of a catalogue country, and others on file servers, PLM and Git', async () => {
    const overseas = data.technologies.filter((t) => t.overseas);
    expect(overseas.length).toBeGreaterThanOrEqual(3);
    expect(overseas.some((t) => t.locations.some((l) => l.countryCode === 'MY'))).toBe(true);
    for (const t of data.technologies) expect(t.overseas, t.code).toBe(isOverseas(t.locations));
    const countries = [...new Set(data.technologies.flatMap((t) => t.locations.flatMap((l) => l.countryCode ?? [])))];
    const valid = await db.tenant(tenantId, (tx) => validCountryCodes(tx, TODAY, countries));
    expect([...valid].sort()).toEqual([...countries].sort());
    const systems = data.technologies.flatMap((t) => t.locations.filter((l) => l.kind === 'system'));
    expect(systems.some((l) => l.detail?.startsWith('\\\\fs01\\'))).toBe(true);
    expect(systems.some((l) => l.name.startsWith('PLM'))).toBe(true);
    expect(systems.some((l) => l.detail?.startsWith('https://git.'))).toBe(true);
  });

  it('has some reviews overdue on the seed date and most not', () => {
    const overdue = data.technologies.filter((t) => isReviewOverdue(t.nextReviewOn, TODAY));
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(overdue.length).toBeLessThan(data.technologies.length / 2);
    expect(overdue.map((t) => t.code)).toContain('MC-011');
    // A never-reviewed technology is due one interval after it entered the register (the seed date).
    const neverReviewed = data.technologies.find((t) => t.lastReviewedOn === null)!;
    expect(neverReviewed.nextReviewOn).toBe('2027-03-01');
  });

  it('stores the trade-secret verdict of the requirements: some qualify, some would not be protected', () => {
    const byTechnology = new Map<string, { requirement: string; status: string }[]>();
    for (const r of data.requirements) {
      byTechnology.set(r.technologyId, [...(byTechnology.get(r.technologyId) ?? []), r]);
    }
    for (const t of data.technologies) {
      const verdict = tradeSecretVerdict((byTechnology.get(t.id) ?? []) as Parameters<typeof tradeSecretVerdict>[0]);
      expect(t.tradeSecretQualifies, t.code).toBe(verdict.qualifies);
    }
    const secret = data.technologies.filter((t) => t.classificationCode !== 'public');
    expect(secret.filter((t) => t.tradeSecretQualifies).length).toBeGreaterThanOrEqual(10);
    const failing = secret.filter((t) => !t.tradeSecretQualifies).map((t) => t.code);
    expect(failing).toEqual(expect.arrayContaining(['MC-007', 'MC-011', 'MC-013', 'MC-026']));
    const notMet = data.requirements.filter((r) => r.status === 'not_met');
    expect(notMet.every((r) => r.note !== null)).toBe(true);
  });

  it('finds technologies by a Japanese substring of their name, description or products', async () => {
    const search = (query: string) =>
      db.tenant(tenantId, async (tx) =>
        (
          await tx
            .select({ code: technologies.code })
            .from(technologies)
            .where(ilike(technologies.searchText, searchPattern(query)))
            .orderBy(asc(technologies.code))
        ).map((r) => r.code),
      );
    expect(await search('コンデンサ')).toEqual([DEMO_CRITICAL_TECHNOLOGY]);
    expect(await search('チタン酸バリウム')).toEqual(expect.arrayContaining(['MC-001', 'MC-002']));
    expect(await search('ｍｐｃ－ａ')).toContain(DEMO_CRITICAL_TECHNOLOGY);
  });

  it('shows the critical concentration of Case 3: the leaving engineer holds every step of a core technology', () => {
    const critical = technology(DEMO_CRITICAL_TECHNOLOGY);
    expect(critical).toMatchObject({
      isCore: true,
      concentrationLevel: 'critical',
      busFactor: 1,
      singlePersonAllSteps: true,
      departingHolders: 1,
    });
    const steps = data.steps.filter((s) => s.technologyId === critical.id);
    expect(steps.map((s) => s.name.split(' ')[0])).toEqual(['開発A', '開発B', '設計C', '試作D', '生産E', '生産F']);
    const leaving = person(DEMO_LEAVING_ENGINEER);
    for (const step of steps) {
      const holders = data.holdings.filter((h) => h.stepId === step.id);
      expect(holders.find((h) => h.personId === leaving.id)?.depth, step.name).toBe(3);
      expect(holders.filter((h) => h.personId !== leaving.id).every((h) => h.depth === 1)).toBe(true);
    }
    const ranked = [...data.technologies].filter((t) => t.concentrationLevel === 'critical');
    expect(ranked.map((t) => t.code)).toEqual([DEMO_CRITICAL_TECHNOLOGY]);
  });

  it('has two healthier know-how maps with a bus factor of 2 and 3', () => {
    const mapped = data.technologies.filter((t) => t.concentrationLevel !== 'none');
    expect(mapped).toHaveLength(3);
    const healthy = mapped.filter((t) => t.code !== DEMO_CRITICAL_TECHNOLOGY);
    expect(healthy.map((t) => [t.code, t.busFactor, t.concentrationLevel, t.singlePersonAllSteps])).toEqual([
      ['MC-001', 2, 'medium', false],
      ['MC-011', 3, 'low', false],
    ]);
    const withoutMap = data.technologies.filter((t) => t.concentrationLevel === 'none');
    expect(withoutMap.every((t) => t.busFactor === null && t.departingHolders === 0)).toBe(true);
  });

  it('stores the concentration the know-how rules compute from the stored map', () => {
    for (const t of data.technologies.filter((x) => x.concentrationLevel !== 'none')) {
      const steps = data.steps.filter((s) => s.technologyId === t.id);
      const stepIds = new Set(steps.map((s) => s.id));
      const analysis = analyseKnowHow({
        steps,
        holdings: data.holdings
          .filter((h) => stepIds.has(h.stepId))
          .map((h) => ({ stepId: h.stepId, personId: h.personId, depth: h.depth as 1 | 2 | 3 })),
        people: new Map(data.people.map((p) => [p.id, { status: p.status, lastWorkingDay: p.lastWorkingDay }])),
        today: TODAY,
        isCore: t.isCore,
      });
      expect([analysis.level, analysis.busFactor], t.code).toEqual([t.concentrationLevel, t.busFactor]);
    }
  });

  it('gives the dispatched maintenance worker an open-ended grant to a 極秘 core technology (Case 4)', () => {
    const worker = person(DEMO_DISPATCHED_WORKER);
    expect(worker).toMatchObject({ employmentType: 'dispatched', department: '設備保全課', status: 'active' });
    expect(worker.employer).toMatch(/株式会社/);
    const grants = data.grants.filter((g) => g.personId === worker.id);
    expect(grants).toHaveLength(1);
    const grant = grants[0]!;
    const target = data.technologies.find((t) => t.id === grant.technologyId)!;
    expect(target).toMatchObject({ isCore: true, classificationCode: 'top_secret' });
    expect(grant).toMatchObject({ expiresOn: null, revokedAt: null });
    const findings = grantFindings(
      { ...grant, person: worker },
      { today: TODAY, technology: target, classificationLevels: DEFAULT_CLASSIFICATION_LEVELS },
    );
    expect(findings).toEqual(['external_on_core', 'external_on_top_level', 'no_expiry_external']);
  });

  it('has need-to-know grants with an expired one and one still held by the person who left', () => {
    const states = data.grants.map((g) => grantState(g, TODAY));
    expect(states.filter((s) => s === 'expired')).toHaveLength(1);
    expect(states.filter((s) => s === 'revoked')).toHaveLength(1);
    expect(data.grants.some((g) => g.granteeKind === 'department' && g.department !== null)).toBe(true);
    const left = person(DEMO_LEAVER);
    const leaverGrants = data.grants.filter((g) => g.personId === left.id && grantState(g, TODAY) === 'active');
    expect(leaverGrants).toHaveLength(1);
    const allFindings = data.grants.flatMap((g) => {
      const target = data.technologies.find((t) => t.id === g.technologyId)!;
      return grantFindings(
        { ...g, person: personById(g.personId) ?? null },
        { today: TODAY, technology: target, classificationLevels: DEFAULT_CLASSIFICATION_LEVELS },
      );
    });
    expect(new Set(allFindings)).toEqual(
      new Set([
        'expired',
        'holder_left',
        'holder_leaving',
        'external_on_core',
        'external_on_top_level',
        'department_on_core',
        'no_expiry_external',
      ]),
    );
  });

  it('lets the employee demo user reach some secret technologies through grants, and not the core ones', () => {
    const engineer = data.people.find((p) => p.email === 'engineer@minato-ceramics.example')!;
    const active = data.grants.filter((g) => grantState(g, TODAY) === 'active');
    const reachable = new Set(
      active
        .filter(
          (g) => g.personId === engineer.id || (g.granteeKind === 'department' && g.department === engineer.department),
        )
        .map((g) => data.technologies.find((t) => t.id === g.technologyId)!.code),
    );
    expect([...reachable].sort()).toEqual(['MC-006', 'MC-008', 'MC-010', 'MC-016']);
  });
});

describe('demo register seed on an existing demo database', () => {
  it('adds the register to a demo database seeded before the register existed, once', async () => {
    await db.system(async (tx) => {
      for (const table of [accessGrants, knowHowHoldings, knowHowSteps, tradeSecretRequirements, technologies]) {
        await tx.delete(table);
      }
      await tx.delete(people);
      await tx.delete(registerSettings);
    });
    expect(await services.demo.seed()).toBe(true);
    expect(countsOf(await snapshot())).toEqual(countsAfterFirstSeed);
    expect(await services.demo.seed()).toBe(false);
  });

  it('leaves a company that has started its own directory alone', async () => {
    await db.system(async (tx) => {
      for (const table of [accessGrants, knowHowHoldings, knowHowSteps, tradeSecretRequirements, technologies]) {
        await tx.delete(table);
      }
    });
    expect(await services.demo.seed()).toBe(false);
    const after = await snapshot();
    expect(after.technologies).toHaveLength(0);
    expect(after.people).toHaveLength(countsAfterFirstSeed.people);
  });
});

describe('demo register through the API, as `npm start` in demo mode serves it', () => {
  let t: TestApp;
  const signIn = signInOnce(() => t);
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists the whole register to the officer and the engineer’s granted technologies in full to the engineer', async () => {
    const officer = await signIn('officer@minato-ceramics.example');
    const all = await officer.get('/api/v1/register/technologies?pageSize=100');
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(30);
    expect(all.json().items.every((i: { access: string }) => i.access === 'full')).toBe(true);

    const engineer = await signIn('engineer@minato-ceramics.example');
    const seen = await engineer.get('/api/v1/register/technologies?pageSize=100');
    expect(seen.statusCode).toBe(200);
    const full = seen
      .json()
      .items.filter((i: { access: string }) => i.access === 'full')
      .map((i: { code: string }) => i.code);
    expect(full).toEqual(['MC-006', 'MC-008', 'MC-010', 'MC-016', 'MC-027', 'MC-028', 'MC-029', 'MC-030']);
  });

  it('flags the dispatched worker’s grant in the access review', async () => {
    const officer = await signIn('officer@minato-ceramics.example');
    const review = await officer.get('/api/v1/register/access-review?pageSize=100');
    expect(review.statusCode).toBe(200);
    const worker = review
      .json()
      .items.find((g: { personEmployeeId: string | null }) => g.personEmployeeId === DEMO_DISPATCHED_WORKER);
    expect(worker).toMatchObject({
      technologyCode: 'MC-011',
      personEmploymentType: 'dispatched',
      state: 'active',
      findings: expect.arrayContaining(['external_on_core', 'external_on_top_level']),
    });
  });
});
