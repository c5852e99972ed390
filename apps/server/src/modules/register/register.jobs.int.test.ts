import { AccessGrantInput, TechnologyInput, type TechnologyInput as TechnologyInputType } from '@kakine/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeededServices, actorFor as seededActor } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Actor } from '../../platform/actor/actor';
import type { Database } from '../../platform/db/database';
import { createJobQueue } from '../../platform/jobs/job-queue';
import { createLogger } from '../../platform/logger/logger';
import { mailOutbox, notifications } from '../../platform/notifications/notifications.schema';
import { people } from '../people/people.schema';
import { createRegisterReminders, REGISTER_REMINDERS_JOB_KIND, registerRegisterJobs } from './register.jobs';
import { addMonths, tokyoDate } from './register.rules';
import { technologies } from './register.schema';

let db: Database;
let services: Services;
let officer: Actor;
let owner: Actor;

// One fixed instant for every run of the job in this file.
const now = new Date();
const clock = () => now;
const today = tokyoDate(now);
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const technology = (overrides: Partial<TechnologyInputType>) =>
  TechnologyInput.parse({ nameJa: '試験技術', classificationCode: 'secret', ...overrides });

/** The notifications of one user that link to a technology. */
const notificationsOf = async (userId: string, technologyId: string) =>
  db.system((tx) =>
    tx
      .select({ kind: notifications.kind, titleJa: notifications.titleJa, titleEn: notifications.titleEn })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.link, `/register/${technologyId}`))),
  );

const count = async (table: 'notifications' | 'mail_outbox' | 'register_reminders') =>
  Number((await db.system((tx) => tx.execute(sql.raw(`select count(*)::int as n from ${table}`)))).rows[0]?.n);

let dueId = '';
let overdueId = '';
let laterId = '';
let soonGrantId = '';
const reminders = () =>
  createRegisterReminders({ db, clock, log: createLogger('silent'), notifier: services.notifier });

beforeAll(async () => {
  ({ db, services } = await createSeededServices({ bundledCatalogues: true }));
  officer = await seededActor(db, 'officer@minato-ceramics.example');
  owner = await seededActor(db, 'tech@minato-ceramics.example');
  // Due within the 30 lead days: reviewed a month ago, reviewed monthly … in ten days.
  dueId = (
    await services.register.createTechnology(
      owner,
      technology({
        code: 'RJ-DUE',
        nameJa: '見直し間近の技術',
        ownerUserId: owner.userId,
        reviewIntervalMonths: 1,
        lastReviewedOn: addMonths(addDays(today, 10), -1),
      }),
    )
  ).id;
  // Overdue and without an owner: the officers are told.
  overdueId = (
    await services.register.createTechnology(
      officer,
      technology({
        code: 'RJ-OVER',
        nameJa: '見直し超過の技術',
        reviewIntervalMonths: 1,
        lastReviewedOn: addMonths(addDays(today, -5), -1),
      }),
    )
  ).id;
  laterId = (
    await services.register.createTechnology(
      owner,
      technology({ code: 'RJ-LATER', ownerUserId: owner.userId, reviewIntervalMonths: 12, lastReviewedOn: today }),
    )
  ).id;
  const [person] = await db.tenant(officer.tenantId, (tx) =>
    tx
      .insert(people)
      .values({ tenantId: officer.tenantId, employeeId: 'RJ-P1', name: '期限 近子', employmentType: 'contractor' })
      .returning({ id: people.id }),
  );
  const personId = (person as { id: string }).id;
  soonGrantId = (
    await services.accessGrants.grant(
      owner,
      laterId,
      AccessGrantInput.parse({ granteeKind: 'person', personId, reason: '委託開発', expiresOn: addDays(today, 7) }),
    )
  ).id;
  await services.accessGrants.grant(
    owner,
    dueId,
    AccessGrantInput.parse({ granteeKind: 'person', personId, reason: '委託開発', expiresOn: addDays(today, 90) }),
  );
});

afterAll(async () => {
  await db?.close();
});

describe('register reminders', () => {
  it('the first run tells the owner, or the officers, of reviews due and grants expiring, in app and by e-mail', async () => {
    const mailsBefore = await count('mail_outbox');
    const result = await reminders().run();
    expect(result.tenants).toBeGreaterThanOrEqual(1);
    expect(result.reviewReminders).toBeGreaterThanOrEqual(2);
    expect(result.grantReminders).toBeGreaterThanOrEqual(1);

    const [due] = await notificationsOf(owner.userId, dueId);
    expect(due?.kind).toBe('register.review_due');
    expect(due?.titleJa).toContain('見直し間近の技術');
    expect(due?.titleJa).toContain('近づいています');
    expect(due?.titleEn).toContain('RJ-DUE');
    // An owned technology's review goes to its owner only, and its grant expiring in 90 days is not due yet.
    expect(await notificationsOf(officer.userId, dueId)).toEqual([]);

    const [overdue] = await notificationsOf(officer.userId, overdueId);
    expect(overdue?.kind).toBe('register.review_due');
    expect(overdue?.titleJa).toContain('過ぎています');

    // The grant expiring in a week reaches the officer and the technology's owner; the later review does not.
    const laterOfOwner = await notificationsOf(owner.userId, laterId);
    expect(laterOfOwner.map((n) => n.kind)).toEqual(['register.grant_expiring']);
    expect(laterOfOwner[0]?.titleJa).toContain('期限 近子');
    expect((await notificationsOf(officer.userId, laterId)).map((n) => n.kind)).toEqual(['register.grant_expiring']);

    // Each notification was queued as e-mail as well, in the recipient's language.
    expect(await count('mail_outbox')).toBeGreaterThan(mailsBefore);
    const mails = await db.system((tx) =>
      tx
        .select({ subject: mailOutbox.subject, textBody: mailOutbox.textBody })
        .from(mailOutbox)
        .where(eq(mailOutbox.toAddress, 'tech@minato-ceramics.example')),
    );
    const dueMail = mails.find((m) => m.subject.includes('見直し間近の技術'));
    expect(dueMail?.subject.startsWith('【垣根】')).toBe(true);
    expect(dueMail?.textBody).toContain(`/register/${dueId}`);
    expect(mails.some((m) => m.subject.includes('期限 近子'))).toBe(true);
  });

  it('a second run the same day sends nothing again', async () => {
    const notificationsBefore = await count('notifications');
    const mailsBefore = await count('mail_outbox');
    const result = await reminders().run();
    expect(result).toMatchObject({ reviewReminders: 0, grantReminders: 0 });
    expect(await count('notifications')).toBe(notificationsBefore);
    expect(await count('mail_outbox')).toBe(mailsBefore);
    expect(await notificationsOf(owner.userId, dueId)).toHaveLength(1);
  });

  it('a new due date is a new reminder', async () => {
    // The grant's expiry is moved: its new date deserves its own reminder.
    await services.accessGrants.update(owner, soonGrantId, { expiresOn: addDays(today, 3) });
    const result = await reminders().run();
    expect(result).toMatchObject({ reviewReminders: 0, grantReminders: 1 });
    expect(await notificationsOf(owner.userId, laterId)).toHaveLength(2);
  });

  it('runs as the daily register.reminders job', async () => {
    const id = (
      await services.register.createTechnology(
        officer,
        technology({ code: 'RJ-JOB', reviewIntervalMonths: 1, lastReviewedOn: addMonths(today, -1) }),
      )
    ).id;
    const jobs = createJobQueue({ db, log: createLogger('silent'), clock });
    registerRegisterJobs(jobs, reminders());
    await jobs.trigger(REGISTER_REMINDERS_JOB_KIND);
    await jobs.drain();
    expect((await notificationsOf(officer.userId, id)).map((n) => n.kind)).toEqual(['register.review_due']);
  });

  it('also refreshes concentration, which changes with the date when a last working day passes', async () => {
    await db.tenant(officer.tenantId, (tx) =>
      tx.update(technologies).set({ concentrationLevel: 'low', busFactor: 5 }).where(eq(technologies.id, laterId)),
    );
    const result = await reminders().run();
    expect(result.concentrationUpdates).toBeGreaterThanOrEqual(1);
    const [row] = await db.system((tx) =>
      tx
        .select({ level: technologies.concentrationLevel, busFactor: technologies.busFactor })
        .from(technologies)
        .where(eq(technologies.id, laterId)),
    );
    expect(row).toEqual({ level: 'none', busFactor: null });
  });
});
