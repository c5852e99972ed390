import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database';
import type { Database } from '../db/database';
import { createJobQueue } from '../jobs/job-queue';
import { createLogger } from '../logger/logger';
import { mailOutbox } from '../notifications/notifications.schema';
import { createMailDelivery, MAIL_DELIVERY_JOB_KIND, registerMailDelivery } from './delivery.service';

type Received = { from: string; to: string[]; data: string };

/** A tiny SMTP server on 127.0.0.1 that speaks just enough SMTP for nodemailer, with scripted refusals. */
const startSmtpServer = async (script: { rcpt?: (address: string) => string | null; auth?: string } = {}) => {
  const received: Received[] = [];
  const credentials: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let current: Received = { from: '', to: [], data: '' };
    const reply = (...lines: string[]) => socket.write(`${lines.join('\r\n')}\r\n`);
    reply('220 smtp.test ESMTP ready');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: '', to: [], data: '' };
          reply('250 2.0.0 Ok: queued');
          continue;
        }
        const newline = buffer.indexOf('\r\n');
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        const verb = line.split(' ')[0]!.toUpperCase();
        if (verb === 'EHLO') reply('250-smtp.test', '250-AUTH PLAIN', '250 8BITMIME');
        else if (verb === 'HELO') reply('250 smtp.test');
        else if (verb === 'AUTH') {
          credentials.push(Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8'));
          reply(script.auth ?? '235 2.7.0 Authentication successful');
        } else if (verb === 'MAIL') {
          current.from = /<([^>]*)>/.exec(line)?.[1] ?? '';
          reply('250 2.1.0 Ok');
        } else if (verb === 'RCPT') {
          const address = /<([^>]*)>/.exec(line)?.[1] ?? '';
          const refusal = script.rcpt?.(address) ?? null;
          if (!refusal) current.to.push(address);
          reply(refusal ?? '250 2.1.5 Ok');
        } else if (verb === 'DATA') {
          inData = true;
          reply('354 End data with <CR><LF>.<CR><LF>');
        } else if (verb === 'RSET' || verb === 'NOOP') reply('250 2.0.0 Ok');
        else if (verb === 'QUIT') {
          reply('221 2.0.0 Bye');
          socket.end();
        } else reply('502 5.5.2 Command not recognised');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    received,
    credentials,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

/** Decodes RFC 2047 encoded words (adjacent words joined before decoding, so split characters survive). */
const decodeHeader = (value: string): string =>
  value.replace(/\?=\s+=\?/g, '?==?').replace(/((?:=\?[^?]+\?[BbQq]\?[^?]*\?=)+)/g, (run) => {
    const bytes: Buffer[] = [];
    for (const [, , encoding, text] of run.matchAll(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g)) {
      if (encoding!.toUpperCase() === 'B') bytes.push(Buffer.from(text!, 'base64'));
      else {
        const q = text!
          .replaceAll('_', ' ')
          .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
        bytes.push(Buffer.from(q, 'latin1'));
      }
    }
    return Buffer.concat(bytes).toString('utf8');
  });

/** Splits a received message into unfolded headers and the decoded text body. */
const parseMessage = (data: string): { headers: Map<string, string>; body: string } => {
  const split = data.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  for (const line of data
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  const raw = data.slice(split + 4);
  const encoding = headers.get('content-transfer-encoding')?.toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            raw
              .replace(/=\r\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : raw;
  return { headers, body };
};

let db: Database;
const tenantA = randomUUID();
const tenantB = randomUUID();
let now = new Date('2026-05-11T01:00:00Z');
const clock = () => now;
const log = createLogger('silent');
const baseConfig = { mailFrom: 'Kakine <no-reply@kakine.test>', baseUrl: 'https://kakine.test' };

const queueMail = (tenantId: string, toAddress: string, subject = '【垣根】ユーザー招待のお知らせ') =>
  db.tenant(tenantId, async (tx) => {
    const [row] = await tx
      .insert(mailOutbox)
      .values({
        tenantId,
        toAddress,
        subject,
        textBody: '山田様\n\n垣根への招待が届いています。\nhttps://kakine.test/invite',
        nextAttemptAt: now,
      })
      .returning({ id: mailOutbox.id });
    return row!.id;
  });

const rowOf = async (id: string) => {
  const [row] = await db.system((tx) => tx.select().from(mailOutbox).where(eq(mailOutbox.id, id)));
  return row!;
};

beforeAll(async () => {
  db = await createTestDatabase();
  await db.system((tx) =>
    tx.execute(sql`insert into organisations (id, kind, name_ja, name_en) values
      (${tenantA}, 'company', 'A社', 'A Corp'), (${tenantB}, 'meti', '経済産業省', 'METI')`),
  );
});

afterAll(async () => {
  await db?.close();
});

describe('without SMTP', () => {
  it('moves due e-mail of every tenant to the in-app outbox', async () => {
    const a = await queueMail(tenantA, 'a@example.jp');
    const b = await queueMail(tenantB, 'b@example.jp');
    const delivery = createMailDelivery({ db, config: { ...baseConfig, smtpUrl: undefined }, clock, log });
    expect(await delivery.hasDue()).toBe(true);
    expect(await delivery.deliverDue()).toEqual({ sent: 0, outbox: 2, retrying: 0, failed: 0 });
    expect((await rowOf(a)).status).toBe('outbox');
    expect((await rowOf(b)).status).toBe('outbox');
    expect(await delivery.hasDue()).toBe(false);
  });
});

describe('through SMTP', () => {
  it('sends a Japanese subject encoded as UTF-8 to the right recipient and marks the row sent', async () => {
    const smtp = await startSmtpServer();
    try {
      const id = await queueMail(tenantA, 'yamada@example.jp');
      const delivery = createMailDelivery({
        db,
        config: { ...baseConfig, smtpUrl: `smtp://127.0.0.1:${smtp.port}` },
        clock,
        log,
      });
      expect(await delivery.deliverDue()).toEqual({ sent: 1, outbox: 0, retrying: 0, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      const message = smtp.received[0]!;
      expect(message.to).toEqual(['yamada@example.jp']);
      expect(message.from).toBe('no-reply@kakine.test');
      const { headers, body } = parseMessage(message.data);
      expect(headers.get('subject')).toMatch(/^=\?UTF-8\?[BQ]\?/i);
      expect(decodeHeader(headers.get('subject')!)).toBe('【垣根】ユーザー招待のお知らせ');
      expect(headers.get('to')).toBe('yamada@example.jp');
      expect(headers.get('message-id')).toBe(`<${id}@kakine.test>`);
      expect(headers.get('auto-submitted')).toBe('auto-generated');
      expect(body).toContain('垣根への招待が届いています。');
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
      expect(row.sentAt?.toISOString()).toBe(now.toISOString());
    } finally {
      await smtp.close();
    }
  });

  it('retries a refused message with backoff and gives up after five attempts, without the password', async () => {
    const smtp = await startSmtpServer({
      rcpt: (address) => (address.startsWith('later@') ? '451 4.3.0 Mailbox busy, try again later' : null),
    });
    try {
      const id = await queueMail(tenantA, 'later@example.jp');
      const delivery = createMailDelivery({
        db,
        config: { ...baseConfig, smtpUrl: `smtp://kakine:s3cret-pass@127.0.0.1:${smtp.port}` },
        clock,
        log,
      });
      const delays: number[] = [];
      for (let attempt = 1; attempt <= 4; attempt++) {
        expect(await delivery.deliverDue()).toMatchObject({ sent: 0, retrying: 1, failed: 0 });
        const row = await rowOf(id);
        expect(row).toMatchObject({ status: 'pending', attempts: attempt });
        expect(row.lastError).toContain('451');
        delays.push((row.nextAttemptAt.getTime() - now.getTime()) / 60_000);
        // Not due yet: nothing happens until the backoff has passed.
        expect(await delivery.deliverDue()).toEqual({ sent: 0, outbox: 0, retrying: 0, failed: 0 });
        now = row.nextAttemptAt;
      }
      expect(delays).toEqual([1, 5, 30, 120]);
      expect(await delivery.deliverDue()).toMatchObject({ failed: 1 });
      const row = await rowOf(id);
      expect(row).toMatchObject({ status: 'failed', attempts: 5 });
      expect(row.lastError).toMatch(/^EENVELOPE 451: /);
      expect(row.lastError).not.toContain('s3cret');
      expect(smtp.credentials.some((c) => c.includes('s3cret-pass'))).toBe(true);
      expect(smtp.received).toHaveLength(0);
    } finally {
      await smtp.close();
    }
  });

  it('fails a message at once when the server refuses the recipient for good', async () => {
    const smtp = await startSmtpServer({
      rcpt: (address) => (address.startsWith('nobody@') ? '550 5.1.1 No such user here' : null),
    });
    try {
      const refused = await queueMail(tenantB, 'nobody@example.jp');
      const accepted = await queueMail(tenantB, 'case@meti.example');
      const delivery = createMailDelivery({
        db,
        config: { ...baseConfig, smtpUrl: `smtp://127.0.0.1:${smtp.port}` },
        clock,
        log,
      });
      expect(await delivery.deliverDue()).toEqual({ sent: 1, outbox: 0, retrying: 0, failed: 1 });
      expect(await rowOf(refused)).toMatchObject({ status: 'failed', attempts: 1 });
      expect((await rowOf(refused)).lastError).toContain('550');
      expect((await rowOf(accepted)).status).toBe('sent');
    } finally {
      await smtp.close();
    }
  });

  it('keeps a message pending when authentication fails, and when the server cannot be reached', async () => {
    const smtp = await startSmtpServer({ auth: '535 5.7.8 Authentication credentials invalid' });
    const closed = await startSmtpServer();
    await closed.close();
    try {
      const id = await queueMail(tenantA, 'sato@example.jp');
      const badAuth = createMailDelivery({
        db,
        config: { ...baseConfig, smtpUrl: `smtp://kakine:Wr0ng%21pass@127.0.0.1:${smtp.port}` },
        clock,
        log,
      });
      expect(await badAuth.deliverDue()).toMatchObject({ retrying: 1 });
      const afterAuth = await rowOf(id);
      expect(afterAuth).toMatchObject({ status: 'pending', attempts: 1 });
      expect(afterAuth.lastError).toContain('535');
      expect(afterAuth.lastError).not.toMatch(/Wr0ng/);

      now = afterAuth.nextAttemptAt;
      const unreachable = createMailDelivery({
        db,
        config: { ...baseConfig, smtpUrl: `smtp://127.0.0.1:${closed.port}` },
        clock,
        log,
      });
      expect(await unreachable.deliverDue()).toMatchObject({ retrying: 1 });
      expect(await rowOf(id)).toMatchObject({ status: 'pending', attempts: 2 });
      expect((await rowOf(id)).lastError).toMatch(/ECONNREFUSED|ECONNECTION/);
    } finally {
      await smtp.close();
    }
  });

  it('runs as the mail.deliver job when triggered', async () => {
    const smtp = await startSmtpServer();
    try {
      // Earlier tests left rows pending; finish them so that this test sees only its own.
      await db.system((tx) => tx.update(mailOutbox).set({ status: 'failed' }).where(eq(mailOutbox.status, 'pending')));
      const id = await queueMail(tenantB, 'outreach@meti.example', 'アウトリーチ訪問の予定');
      const jobs = createJobQueue({ db, log, clock });
      registerMailDelivery(
        jobs,
        createMailDelivery({ db, config: { ...baseConfig, smtpUrl: `smtp://127.0.0.1:${smtp.port}` }, clock, log }),
      );
      await jobs.trigger(MAIL_DELIVERY_JOB_KIND);
      await jobs.drain();
      expect((await rowOf(id)).status).toBe('sent');
      expect(smtp.received.map((m) => m.to)).toEqual([['outreach@meti.example']]);
      expect(decodeHeader(parseMessage(smtp.received[0]!.data).headers.get('subject')!)).toBe('アウトリーチ訪問の予定');
    } finally {
      await smtp.close();
    }
  });
});
