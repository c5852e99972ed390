import type { AuditEventType } from '@kakine/contracts';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { actorFor, createSeededServices } from '../../../test/fixtures';
import type { Services } from '../../http/services';
import type { Actor } from '../actor/actor';
import type { Database, Tx } from '../db/database';
import { organisations } from '../tenancy/tenancy.schema';
import { type AuditEntry, recordAudit, recordAudits } from './audit.recorder';
import { auditEvents } from './audit.schema';
import { GENESIS_HASH } from './hash-chain.rules';

let db: Database;
let services: Services;
let officer: Actor;

beforeAll(async () => {
  ({ db, services } = await createSeededServices());
  officer = await actorFor(db, 'officer@minato-ceramics.example');
});
afterAll(async () => {
  await db?.close();
});

const headOf = (tx: Tx, tenantId: string) =>
  tx
    .select({ seq: sql<number>`coalesce(max(${auditEvents.seq}), 0)::int` })
    .from(auditEvents)
    .where(eq(auditEvents.tenantId, tenantId))
    .then(([row]) => row!.seq);

const eventsAfter = (tx: Tx, tenantId: string, seq: number) =>
  tx
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.tenantId, tenantId), gt(auditEvents.seq, seq)))
    .orderBy(asc(auditEvents.seq));

const exported = (rows: number): AuditEntry<'people.exported'> => ({
  type: 'people.exported',
  payload: { format: 'csv', rows },
});

describe('recordAudits', () => {
  it('appends a batch between single events as one verifiable chain, in order and across insert chunks', async () => {
    const batchSize = 1_201; // three insert statements of at most 500 rows
    const { start, single, batch, last } = await db.tenant(officer.tenantId, async (tx) => {
      const start = await headOf(tx, officer.tenantId);
      const single = await recordAudit(tx, officer, exported(-1));
      const entries: AuditEntry<AuditEventType>[] = Array.from({ length: batchSize }, (_, i) => ({
        type: 'technology.created',
        // A NUL and an unpaired surrogate must be stored and hashed in the same storable form as recordAudit's.
        payload: { code: `T-${i}`, nameJa: i === 7 ? 'bad\u0000name\uD800' : `技術${i}`, source: 'import' },
        subjectType: 'technology',
        subjectId: `subject-${i}`,
      }));
      const batch = await recordAudits(tx, officer, entries);
      const last = await recordAudit(tx, officer, exported(-2));
      return { start, single, batch, last };
    });

    expect(single.seq).toBe(start + 1);
    expect(batch.map((e) => e.seq)).toEqual(Array.from({ length: batchSize }, (_, i) => start + 2 + i));
    expect(last.seq).toBe(start + batchSize + 2);

    const stored = await db.tenant(officer.tenantId, (tx) => eventsAfter(tx, officer.tenantId, start));
    expect(stored.map((e) => e.id)).toEqual([single.id, ...batch.map((e) => e.id), last.id]);
    expect(stored.map((e) => e.type)).toEqual([
      'people.exported',
      ...Array(batchSize).fill('technology.created'),
      'people.exported',
    ]);
    for (const [i, event] of stored.entries()) {
      if (i > 0) expect(event.prevHash).toBe(stored[i - 1]!.hash);
    }
    expect(stored[8]).toMatchObject({
      subjectType: 'technology',
      subjectId: 'subject-7',
      actorUserId: officer.userId,
      payload: { code: 'T-7', nameJa: 'bad\uFFFDname\uFFFD', source: 'import' },
    });

    const verified = await services.audit.verifyTenant(officer);
    expect(verified).toMatchObject({ intact: true, checked: start + batchSize + 2, firstBroken: null });
    expect(verified.head).toEqual({ seq: last.seq, hash: stored.at(-1)!.hash });
  });

  it('starts a chain at the genesis hash when the tenant has no event yet', async () => {
    const tenantId = await db.system(async (tx) => {
      const [row] = await tx
        .insert(organisations)
        .values({ kind: 'company', nameJa: '新設株式会社', nameEn: 'Newly Founded KK' })
        .returning({ id: organisations.id });
      return row!.id;
    });
    const origin = { tenantId, userId: null, label: 'job', ip: null };
    await db.tenant(tenantId, (tx) => recordAudits(tx, origin, [exported(1), exported(2)]));
    const stored = await db.tenant(tenantId, (tx) => eventsAfter(tx, tenantId, 0));
    expect(stored.map((e) => [e.seq, e.prevHash])).toEqual([
      [1, GENESIS_HASH],
      [2, stored[0]!.hash],
    ]);
    expect(await services.audit.verifyTenant(origin)).toMatchObject({ intact: true, checked: 2 });
  });

  it('rejects a batch with one invalid payload before writing any of it', async () => {
    const outcome = await db.tenant(officer.tenantId, async (tx) => {
      const before = await headOf(tx, officer.tenantId);
      const bad = {
        type: 'people.exported',
        payload: { format: 'pdf', rows: 1 },
      } as unknown as AuditEntry<'people.exported'>;
      const error = await recordAudits(tx, officer, [exported(1), bad, exported(3)]).catch((e: unknown) => e);
      // Still inside the same transaction: a partial write would show here even though the caller rolls back.
      return { error, before, after: await headOf(tx, officer.tenantId) };
    });
    expect(outcome.error).toBeInstanceOf(ZodError);
    expect(outcome.after).toBe(outcome.before);
  });

  it('writes nothing for no entries', async () => {
    const outcome = await db.tenant(officer.tenantId, async (tx) => {
      const before = await headOf(tx, officer.tenantId);
      const recorded = await recordAudits(tx, officer, []);
      return { recorded, before, after: await headOf(tx, officer.tenantId) };
    });
    expect(outcome.recorded).toEqual([]);
    expect(outcome.after).toBe(outcome.before);
  });
});
