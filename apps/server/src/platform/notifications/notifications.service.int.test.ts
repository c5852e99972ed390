import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database';
import type { Actor } from '../actor/actor';
import type { Database } from '../db/database';
import { createMailer } from '../mail/mailer';
import { mailOutbox, notifications } from './notifications.schema';
import { createNotificationsService, type NotificationsService } from './notifications.service';
import { createNotifier, type NewNotification } from './notifier';

let db: Database;
let service: NotificationsService;
const notifier = createNotifier({ mailer: createMailer(), baseUrl: 'https://kakine.test' });
const tenantA = randomUUID();
const tenantB = randomUUID();
const adminA = randomUUID();
const employeeA = randomUUID();
const disabledAdminA = randomUUID();
const officerB = randomUUID();
const now = new Date('2026-06-01T00:00:00Z');

const actorOf = (userId: string, tenantId: string, roles: string[], kind: Actor['organisationKind'] = 'company') => ({
  userId,
  tenantId,
  organisationKind: kind,
  roles,
  label: 'test',
  locale: 'ja' as const,
  ip: null,
  sessionId: null,
});
const query = (overrides: Partial<Parameters<NotificationsService['list']>[1]> = {}) => ({
  page: 1,
  pageSize: 50,
  order: 'desc' as const,
  format: 'json' as const,
  unreadOnly: false,
  ...overrides,
});
const sample = (n: number): NewNotification => ({
  kind: 'test.sample',
  titleJa: `お知らせ${n}`,
  titleEn: `Notice ${n}`,
  bodyJa: `本文${n}`,
  bodyEn: `Body ${n}`,
  link: `/things/${n}`,
});

beforeAll(async () => {
  db = await createTestDatabase();
  service = createNotificationsService({ db, clock: () => now });
  await db.system(async (tx) => {
    await tx.execute(sql`insert into organisations (id, kind, name_ja, name_en) values
      (${tenantA}, 'company', 'A社', 'A Corp'), (${tenantB}, 'meti', '経済産業省', 'METI')`);
    await tx.execute(sql`insert into users (id, tenant_id, email, display_name, roles, status, locale) values
      (${adminA}, ${tenantA}, 'admin@a.example', '管理者', '{admin}', 'active', 'ja'),
      (${employeeA}, ${tenantA}, 'staff@a.example', 'Staff', '{employee}', 'active', 'en'),
      (${disabledAdminA}, ${tenantA}, 'old-admin@a.example', '旧管理者', '{admin}', 'disabled', 'ja'),
      (${officerB}, ${tenantB}, 'case@b.example', '担当官', '{case_officer}', 'active', 'ja')`);
  });
});

afterAll(async () => {
  await db?.close();
});

describe('the notifier', () => {
  it('notifies a user in the caller transaction and e-mails them in their language', async () => {
    await db.tenant(tenantA, (tx) => notifier.notify(tx, tenantA, employeeA, { ...sample(0), email: true }));
    const rows = await db.tenant(tenantA, (tx) =>
      tx.select().from(notifications).where(eq(notifications.userId, employeeA)),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ titleJa: 'お知らせ0', titleEn: 'Notice 0', link: '/things/0', readAt: null });
    const mail = await db.tenant(tenantA, (tx) =>
      tx.select().from(mailOutbox).where(eq(mailOutbox.toAddress, 'staff@a.example')),
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ subject: '[Kakine] Notice 0', status: 'pending' });
    expect(mail[0]?.textBody).toContain('https://kakine.test/things/0');
  });

  it('rolls back with the caller’s transaction', async () => {
    await expect(
      db.tenant(tenantA, async (tx) => {
        await notifier.notify(tx, tenantA, adminA, sample(99));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await db.tenant(tenantA, (tx) =>
      tx.select().from(notifications).where(eq(notifications.titleEn, 'Notice 99')),
    );
    expect(rows).toEqual([]);
  });

  it('cannot reach a user of another organisation', async () => {
    await expect(db.tenant(tenantA, (tx) => notifier.notify(tx, tenantA, officerB, sample(1)))).rejects.toThrow();
  });

  it('notifies the active holders of a permission, except the one named', async () => {
    const toAll = await db.tenant(tenantA, (tx) => notifier.notifyRoleHolders(tx, tenantA, 'users:manage', sample(2)));
    expect(toAll).toEqual([adminA]);
    const everyone = await db.tenant(tenantA, (tx) =>
      notifier.notifyRoleHolders(tx, tenantA, 'notifications:read', sample(3), { exceptUserId: employeeA }),
    );
    expect(everyone).toEqual([adminA]);
    const nobody = await db.tenant(tenantB, (tx) => notifier.notifyRoleHolders(tx, tenantB, 'users:manage', sample(4)));
    expect(nobody).toEqual([]);
  });

  it('refuses a link that leaves the app', async () => {
    await expect(
      db.tenant(tenantA, (tx) => notifier.notify(tx, tenantA, adminA, { ...sample(5), link: '//evil.example' })),
    ).rejects.toThrow(/inside the app/);
  });
});

describe('the notifications service', () => {
  it('lists only the actor’s own notifications, in the requested language, with the unread count', async () => {
    const admin = actorOf(adminA, tenantA, ['admin']);
    await db.tenant(tenantA, async (tx) => {
      for (const n of [10, 11, 12]) await notifier.notify(tx, tenantA, adminA, sample(n));
    });
    const page = await service.list(admin, query(), 'en');
    expect(page.total).toBe(5);
    expect(page.unread).toBe(5);
    expect(page.items.map((i) => i.title)).toEqual(
      expect.arrayContaining(['Notice 2', 'Notice 3', 'Notice 10', 'Notice 11', 'Notice 12']),
    );
    const ja = await service.list(admin, query({ pageSize: 2, page: 2, order: 'asc' }), 'ja');
    expect(ja.items).toHaveLength(2);
    expect(ja.items.every((i) => i.title.startsWith('お知らせ'))).toBe(true);
    const staff = await service.list(actorOf(employeeA, tenantA, ['employee']), query(), 'en');
    expect(staff.items.map((i) => i.title)).toEqual(['Notice 0']);
  });

  it('marks one read, idempotently, and refuses other users’ notifications', async () => {
    const admin = actorOf(adminA, tenantA, ['admin']);
    const [first] = (await service.list(admin, query(), 'ja')).items;
    expect(await service.markRead(admin, first!.id)).toEqual({ ok: true, unread: 4 });
    expect(await service.markRead(admin, first!.id)).toEqual({ ok: true, unread: 4 });
    const read = (await service.list(admin, query(), 'ja')).items.find((i) => i.id === first!.id);
    expect(read?.readAt).toBe(now.toISOString());
    expect((await service.list(admin, query({ unreadOnly: true }), 'ja')).total).toBe(4);

    const staff = actorOf(employeeA, tenantA, ['employee']);
    await expect(service.markRead(staff, first!.id)).rejects.toMatchObject({ code: 'notifications/not_found' });
    const officer = actorOf(officerB, tenantB, ['case_officer'], 'meti');
    await expect(service.markRead(officer, first!.id)).rejects.toMatchObject({ code: 'notifications/not_found' });
  });

  it('marks all of the actor’s notifications read and no one else’s', async () => {
    const admin = actorOf(adminA, tenantA, ['admin']);
    expect(await service.markAllRead(admin)).toEqual({ ok: true, unread: 0 });
    expect(await service.unreadCount(admin)).toBe(0);
    expect(await service.unreadCount(actorOf(employeeA, tenantA, ['employee']))).toBe(1);
  });
});
