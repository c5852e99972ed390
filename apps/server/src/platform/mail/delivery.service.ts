import nodemailer from 'nodemailer';
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import type { Database } from '../db/database';
import type { JobQueue } from '../jobs/job-queue';
import type { Logger } from '../logger/logger';
import * as repo from './delivery.repository';
import { afterFailedAttempt, DELIVERY_LEASE_MINUTES, describeDeliveryError } from './delivery.rules';

/** Kind of the system job that delivers the e-mail outbox. */
export const MAIL_DELIVERY_JOB_KIND = 'mail.deliver';
/** How many rows one claim takes; each row is sent and recorded on its own. */
export const DELIVERY_BATCH_SIZE = 20;
/** The most batches one job run works through before leaving the rest to the next run. */
export const MAX_BATCHES_PER_RUN = 50;

/** What one delivery run did. */
export type DeliveryReport = { sent: number; outbox: number; retrying: number; failed: number };

/** The part of a nodemailer transport the delivery uses. */
export type MailTransport = {
  sendMail: (message: {
    from: string;
    to: string;
    subject: string;
    text: string;
    messageId: string;
    headers: Record<string, string>;
  }) => Promise<unknown>;
  close?: () => void;
};

const secretsOf = (smtpUrl: string): string[] => {
  try {
    const url = new URL(smtpUrl);
    return [url.password, decodeURIComponent(url.password)].filter((s) => s.length > 0);
  } catch {
    return [];
  }
};

/**
 * Creates the delivery of the e-mail outbox. With `config.smtpUrl` set it sends due rows through SMTP, retrying
 * with backoff (delivery.rules.ts) and recording only a sanitised `last_error`; without it, it moves them to the
 * in-app outbox (status `outbox`) that demo mode shows. Rows are claimed in short transactions and sent outside
 * them, so a slow SMTP server never holds the database connection.
 */
export const createMailDelivery = (deps: {
  db: Database;
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'baseUrl'>;
  clock: Clock;
  log: Logger;
  /** The SMTP transport; by default nodemailer over `config.smtpUrl`. */
  transport?: MailTransport;
}) => {
  const { db, config, clock, log } = deps;
  const secrets = config.smtpUrl ? secretsOf(config.smtpUrl) : [];
  const messageIdHost = (() => {
    try {
      return new URL(config.baseUrl).hostname || 'kakine.invalid';
    } catch {
      return 'kakine.invalid';
    }
  })();
  let transport = deps.transport ?? null;
  const transportOf = (smtpUrl: string): MailTransport => {
    transport ??= nodemailer.createTransport({
      url: smtpUrl,
      connectionTimeout: 30_000,
      greetingTimeout: 30_000,
      socketTimeout: 60_000,
    }) as unknown as MailTransport;
    return transport;
  };

  /** Whether any pending e-mail is due now. */
  const hasDue = (): Promise<boolean> => db.system((tx) => repo.hasDue(tx, clock()));

  /** Delivers (or, without SMTP, files in the outbox) every e-mail that is due, and reports what happened. */
  const deliverDue = async (): Promise<DeliveryReport> => {
    const report: DeliveryReport = { sent: 0, outbox: 0, retrying: 0, failed: 0 };
    const smtpUrl = config.smtpUrl;
    if (!smtpUrl) {
      report.outbox = await db.system((tx) => repo.moveDueToOutbox(tx, clock()));
      if (report.outbox > 0) {
        log.warn({ count: report.outbox }, 'SMTP_URL is not set: e-mail kept in the in-app outbox, not sent');
      }
      return report;
    }
    const smtp = transportOf(smtpUrl);
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const now = clock();
      const claimed = await db.system((tx) =>
        repo.claimDue(tx, now, new Date(now.getTime() + DELIVERY_LEASE_MINUTES * 60_000), DELIVERY_BATCH_SIZE),
      );
      if (claimed.length === 0) break;
      for (const mail of claimed) {
        try {
          await smtp.sendMail({
            from: config.mailFrom,
            to: mail.toAddress,
            subject: mail.subject,
            text: mail.textBody,
            messageId: `<${mail.id}@${messageIdHost}>`,
            headers: { 'Auto-Submitted': 'auto-generated' },
          });
          await db.system((tx) => repo.markSent(tx, mail.id, clock()));
          report.sent++;
        } catch (error) {
          const outcome = afterFailedAttempt(mail.attempts, describeDeliveryError(error, secrets), clock());
          await db.system((tx) => repo.markAttemptFailed(tx, mail.id, outcome));
          log.warn(
            { mailId: mail.id, attempts: mail.attempts, status: outcome.status, error: outcome.lastError },
            'e-mail not delivered',
          );
          if (outcome.status === 'failed') report.failed++;
          else report.retrying++;
        }
      }
    }
    if (report.sent + report.failed + report.retrying > 0) log.info(report, 'e-mail delivery done');
    return report;
  };

  /** Closes the SMTP transport, if one was opened. */
  const close = () => transport?.close?.();

  return { deliverDue, hasDue, close };
};

/** The e-mail delivery. */
export type MailDelivery = ReturnType<typeof createMailDelivery>;

/**
 * Registers e-mail delivery on the job queue: every minute, whenever the five-second watch sees due mail, and on
 * `jobs.trigger(MAIL_DELIVERY_JOB_KIND)` — which a caller may use right after its e-mail's transaction commits.
 */
export const registerMailDelivery = (jobs: JobQueue, delivery: MailDelivery): void => {
  jobs.registerSystem(MAIL_DELIVERY_JOB_KIND, () => delivery.deliverDue(), {
    cron: '* * * * *',
    watch: { everySeconds: 5, due: delivery.hasDue },
  });
};
