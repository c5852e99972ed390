import type { Clock } from '../../platform/clock';
import type { Database, Tx } from '../../platform/db/database';
import type { JobQueue } from '../../platform/jobs/job-queue';
import type { Logger } from '../../platform/logger/logger';
import type { NewNotification, Notifier } from '../../platform/notifications/notifier';
import * as grants from './access.repository';
import { refreshConcentration } from './know-how.service';
import { tokyoDate } from './register.rules';
import * as repo from './register-reminders.repository';
import { loadRegisterSettings } from './technology-access';

/** Kind of the daily register job: review and grant-expiry reminders, and the date-driven concentration refresh. */
export const REGISTER_REMINDERS_JOB_KIND = 'register.reminders';

/** What one run of the reminders did. */
export type RegisterRemindersResult = {
  tenants: number;
  reviewReminders: number;
  grantReminders: number;
  concentrationUpdates: number;
};

/** A `YYYY-MM-DD` date moved by whole days. */
const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A date the way Japanese readers expect it: 2026/09/01. */
const jaDate = (date: string): string => date.replaceAll('-', '/');

/** Names can be 200 characters long; a notification title may not. */
const short = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The notification about a technology's review that is due soon or overdue. */
export const reviewDueNotification = (technology: repo.ReviewDueRow, today: string): NewNotification => {
  const overdue = technology.nextReviewOn < today;
  const nameJa = short(technology.nameJa);
  const nameEn = short(technology.nameEn ?? technology.nameJa);
  const code = short(technology.code, 40);
  return {
    kind: 'register.review_due',
    titleJa: overdue
      ? `技術「${nameJa}」（${code}）の見直し期限（${jaDate(technology.nextReviewOn)}）を過ぎています`
      : `技術「${nameJa}」（${code}）の見直し期限が近づいています（${jaDate(technology.nextReviewOn)}）`,
    titleEn: overdue
      ? `The review of "${nameEn}" (${code}) was due on ${technology.nextReviewOn}`
      : `The review of "${nameEn}" (${code}) is due on ${technology.nextReviewOn}`,
    bodyJa:
      '技術台帳で機密区分、営業秘密の3要件（秘密管理性・有用性・非公知性）、アクセス権とノウハウの保有状況を確認し、見直し日を記録してください。',
    bodyEn:
      'Check its classification, the three trade-secret requirements, who has access and who holds the know-how in the register, then record the review date.',
    link: `/register/${technology.id}`,
    email: true,
  };
};

/** The notification about an access grant that expires soon or has expired without being revoked. */
export const grantExpiringNotification = (grant: grants.GrantRow, today: string): NewNotification => {
  const expiresOn = grant.expiresOn as string;
  const expired = expiresOn < today;
  const grantee = short(
    grant.granteeKind === 'person'
      ? `${grant.personName ?? ''}（${grant.personEmployeeId ?? ''}）`
      : (grant.department ?? ''),
  );
  const granteeEn = short(
    grant.granteeKind === 'person'
      ? `${grant.personName ?? ''} (${grant.personEmployeeId ?? ''})`
      : (grant.department ?? ''),
  );
  const technology = `${short(grant.technologyNameJa)}（${short(grant.technologyCode, 40)}）`;
  const technologyEn = `${short(grant.technologyNameJa)} (${short(grant.technologyCode, 40)})`;
  return {
    kind: 'register.grant_expiring',
    titleJa: expired
      ? `${grantee}の「${technology}」へのアクセス権が期限切れです（${jaDate(expiresOn)}）`
      : `${grantee}の「${technology}」へのアクセス権の期限が近づいています（${jaDate(expiresOn)}）`,
    titleEn: expired
      ? `Access of ${granteeEn} to ${technologyEn} expired on ${expiresOn}`
      : `Access of ${granteeEn} to ${technologyEn} expires on ${expiresOn}`,
    bodyJa: expired
      ? '期限切れのアクセス権は取り消すか、必要であれば理由を確認して期限を延長してください。'
      : '引き続き必要か（ニード・トゥ・ノウ）を確認し、不要なら取り消し、必要なら期限を延長してください。',
    bodyEn: expired
      ? 'Revoke the expired grant, or extend it after checking that it is still needed.'
      : 'Check that the access is still needed (need-to-know): revoke it if not, extend it if so.',
    link: `/register/${grant.technologyId}`,
    email: true,
  };
};

/**
 * Creates the daily register job. For every company: technologies whose next review is within the tenant's
 * `reminderLeadDays` or overdue notify their owner (or, without an active owner, every register:manage holder);
 * grants that expire within the lead days or have expired without being revoked notify the officers and the
 * technology's owner — in app and by e-mail, once per subject and due date (`register_reminders`). It also
 * recomputes concentration, which changes with the date alone when a leaver's last working day passes.
 */
export const createRegisterReminders = (deps: { db: Database; clock: Clock; log: Logger; notifier: Notifier }) => {
  const { db, clock, log, notifier } = deps;

  const remindReviews = async (tx: Tx, tenantId: string, today: string, until: string, now: Date) => {
    let sent = 0;
    for (const technology of await repo.technologiesDueBy(tx, tenantId, until)) {
      const claimed = await repo.claimReminder(tx, {
        tenantId,
        kind: 'review_due',
        subjectId: technology.id,
        dueOn: technology.nextReviewOn,
        sentAt: now,
      });
      if (!claimed) continue;
      const notification = reviewDueNotification(technology, today);
      if (technology.ownerUserId && (await repo.isActiveUser(tx, tenantId, technology.ownerUserId))) {
        await notifier.notify(tx, tenantId, technology.ownerUserId, notification);
      } else {
        await notifier.notifyRoleHolders(tx, tenantId, 'register:manage', notification);
      }
      sent += 1;
    }
    return sent;
  };

  const remindGrants = async (tx: Tx, tenantId: string, today: string, until: string, now: Date) => {
    let sent = 0;
    for (const grant of await grants.grantsExpiringBy(tx, tenantId, until)) {
      const claimed = await repo.claimReminder(tx, {
        tenantId,
        kind: 'grant_expiring',
        subjectId: grant.id,
        dueOn: grant.expiresOn as string,
        sentAt: now,
      });
      if (!claimed) continue;
      const notification = grantExpiringNotification(grant, today);
      const officers = await notifier.notifyRoleHolders(tx, tenantId, 'register:manage', notification);
      const owner = grant.technologyOwnerUserId;
      if (owner && !officers.includes(owner) && (await repo.isActiveUser(tx, tenantId, owner))) {
        await notifier.notify(tx, tenantId, owner, notification);
      }
      sent += 1;
    }
    return sent;
  };

  /** Runs one pass over every company; a tenant that fails is logged and the run fails after the others. */
  const run = async (): Promise<RegisterRemindersResult> => {
    const now = clock();
    const today = tokyoDate(now);
    const tenantIds = await db.system((tx) => repo.companyTenantIds(tx));
    const result: RegisterRemindersResult = {
      tenants: 0,
      reviewReminders: 0,
      grantReminders: 0,
      concentrationUpdates: 0,
    };
    const failed: string[] = [];
    for (const tenantId of tenantIds) {
      try {
        const done = await db.tenant(tenantId, async (tx) => {
          const settings = await loadRegisterSettings(tx, tenantId);
          const until = addDays(today, settings.reminderLeadDays);
          return {
            reviews: await remindReviews(tx, tenantId, today, until, now),
            grants: await remindGrants(tx, tenantId, today, until, now),
            concentration: await refreshConcentration(tx, tenantId, {}, today),
          };
        });
        result.tenants += 1;
        result.reviewReminders += done.reviews;
        result.grantReminders += done.grants;
        result.concentrationUpdates += done.concentration;
      } catch (error) {
        log.error({ err: error, tenantId }, 'register reminders failed for a tenant');
        failed.push(tenantId);
      }
    }
    log.info(result, 'register reminders done');
    if (failed.length > 0) throw new Error(`register reminders failed for ${failed.length} tenant(s)`);
    return result;
  };

  return { run };
};

/** The register's daily job. */
export type RegisterReminders = ReturnType<typeof createRegisterReminders>;

/** Registers the daily register job (08:00 Japan time, before the working day starts) on the queue. */
export const registerRegisterJobs = (jobs: Pick<JobQueue, 'registerSystem'>, reminders: RegisterReminders): void => {
  jobs.registerSystem(REGISTER_REMINDERS_JOB_KIND, () => reminders.run(), {
    cron: '0 8 * * *',
    timeZone: 'Asia/Tokyo',
  });
};
