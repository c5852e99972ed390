import type { Tx } from '../db/database';
import { insertOutgoingMail } from './outbox.repository';

/** An e-mail to send, already rendered in the recipient's language. */
export type OutgoingMail = { to: string; subject: string; text: string };

/** Queues e-mail in the outbox inside the caller's transaction; a job delivers it (SMTP, or the demo outbox). */
export type Mailer = {
  enqueue: (tx: Tx, tenantId: string, mail: OutgoingMail) => Promise<void>;
};

const LINE_BREAK = /[\r\n]+/g;

/**
 * Creates the mailer that writes to the `mail_outbox` table in the caller's transaction, so that an e-mail is queued
 * exactly when the change it reports commits. Header fields are folded to one line (no header injection).
 */
export const createMailer = (): Mailer => ({
  enqueue: async (tx, tenantId, mail) => {
    const to = mail.to.replace(LINE_BREAK, ' ').trim();
    if (!/^[^\s@]+@[^\s@]+$/.test(to)) throw new Error('mail recipient is not an e-mail address');
    await insertOutgoingMail(tx, {
      tenantId,
      toAddress: to,
      subject: mail.subject.replace(LINE_BREAK, ' ').trim(),
      textBody: mail.text.replace(/\r\n?/g, '\n'),
    });
  },
});
