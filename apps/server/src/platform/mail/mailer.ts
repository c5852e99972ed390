import type { Tx } from '../db/database';

/** An e-mail to send, already rendered in the recipient's language. */
export type OutgoingMail = { to: string; subject: string; text: string };

/** Queues e-mail in the outbox inside the caller's transaction; a job delivers it (SMTP, or the demo outbox). */
export type Mailer = {
  enqueue: (tx: Tx, tenantId: string, mail: OutgoingMail) => Promise<void>;
};
