import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFor as seededActor } from '../../../test/fixtures';
import { createTestApp, type TestApp } from '../../../test/test-app';
import type { Actor } from '../actor/actor';
import { systemClock } from '../clock';
import { AppError } from '../errors/app-error';
import { recordAudit } from './audit.recorder';
import { createAuditService } from './audit.service';
import { GENESIS_HASH, hashEvent } from './hash-chain.rules';

let t: TestApp;
let companyAdmin: Actor;
let metiAdmin: Actor;

const actorFor = (email: string): Promise<Actor> => seededActor(t.db, email);

/** Runs statements as the database owner with the append-only trigger bypassed, as an intruder with owner access would. */
const asIntruder = async (statements: string[], params: unknown[][] = []): Promise<void> => {
  const client = await t.db.pool.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    for (const [i, statement] of statements.entries()) await client.query(statement, params[i] ?? []);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  } finally {
    client.release();
  }
};

/** The stored row of one event as JSON, to put it back after a tamper test. */
const snapshot = async (tenantId: string, seq: number): Promise<Record<string, unknown>> => {
  const result = await t.db.pool.query(
    'select row_to_json(a) as row from audit_events a where tenant_id = $1 and seq = $2',
    [tenantId, seq],
  );
  return result.rows[0].row;
};

const restore = (row: Record<string, unknown>) =>
  asIntruder(
    [
      'delete from audit_events where tenant_id = $1 and seq = $2',
      'insert into audit_events select * from json_populate_record(null::audit_events, $1::json)',
    ],
    [[row.tenant_id, row.seq], [JSON.stringify(row)]],
  );

const seqsOf = async (tenantId: string): Promise<number[]> => {
  const result = await t.db.pool.query('select seq from audit_events where tenant_id = $1 order by seq', [tenantId]);
  return result.rows.map((r) => Number(r.seq));
};

const failSignIn = async (email: string) => {
  await expect(
    t.services.auth.signIn({ email, password: 'not-the-password-9' }, { ip: '203.0.113.9', userAgent: 'test' }, null),
  ).rejects.toBeInstanceOf(AppError);
};

beforeAll(async () => {
  t = await createTestApp();
  // Real events through real services: successful sign-ins (password + TOTP) and failed ones.
  await t.signIn('admin@minato-ceramics.example');
  await t.signIn('officer@minato-ceramics.example');
  await failSignIn('hr@minato-ceramics.example');
  await failSignIn('legal@minato-ceramics.example');
  await t.signIn('legal@minato-ceramics.example');
  await t.signIn('admin@meti.example');
  companyAdmin = await actorFor('admin@minato-ceramics.example');
  metiAdmin = await actorFor('admin@meti.example');
});
afterAll(async () => {
  // pg's Pool.end() does not wait for its connections to close, so dropping the native test database can terminate
  // one of the several this file opens; the pool then emits that expected error, which is all this listener allows.
  t?.db.pool.on('error', (error: Error & { code?: string }) => {
    if (error.code !== '57P01') throw error;
  });
  await t?.close();
});

describe('audit trail verification', () => {
  it('finds an intact chain and appends an audit.verified event after the walk', async () => {
    const before = await seqsOf(companyAdmin.tenantId);
    expect(before.length).toBeGreaterThanOrEqual(6);
    const result = await t.services.audit.verify(companyAdmin);
    expect(result).toMatchObject({ intact: true, checked: before.length, firstBroken: null });
    expect(result.head?.seq).toBe(before.length);
    const [latest] = (
      await t.services.audit.list(companyAdmin, { page: 1, pageSize: 1, order: 'desc', format: 'json' })
    ).items;
    expect(latest).toMatchObject({
      seq: before.length + 1,
      type: 'audit.verified',
      actorUserId: companyAdmin.userId,
      payload: { intact: true, checked: before.length, firstBrokenSeq: null },
      prevHash: result.head?.hash,
    });
  });

  it('names the event whose payload was changed in the database', async () => {
    const victim = await t.services.audit.get(companyAdmin, 3);
    const original = await snapshot(companyAdmin.tenantId, 3);
    await asIntruder([
      `update audit_events set payload = jsonb_set(payload, '{reason}', '"bad_second_factor"') where tenant_id = '${companyAdmin.tenantId}' and seq = 3`,
    ]);
    try {
      const result = await t.services.audit.verify(companyAdmin);
      expect(result.intact).toBe(false);
      expect(result.firstBroken).toEqual({
        seq: 3,
        id: victim.id,
        type: victim.type,
        occurredAt: victim.occurredAt,
        reason: 'hash_mismatch',
      });
      expect(result.checked).toBe(3);
      expect(result.head?.seq).toBe(2);
      const recorded = await t.services.audit.list(companyAdmin, {
        page: 1,
        pageSize: 1,
        order: 'desc',
        format: 'json',
        type: 'audit.verified',
      });
      expect(recorded.items[0]?.payload).toEqual({ intact: false, checked: 3, firstBrokenSeq: 3 });
    } finally {
      await restore(original);
    }
    expect((await t.services.audit.verify(companyAdmin)).intact).toBe(true);
  });

  it('reports a deleted middle event as a sequence gap at the event after it', async () => {
    const original = await snapshot(companyAdmin.tenantId, 4);
    const next = await t.services.audit.get(companyAdmin, 5);
    await asIntruder([`delete from audit_events where tenant_id = '${companyAdmin.tenantId}' and seq = 4`]);
    try {
      const result = await t.services.audit.verify(companyAdmin);
      expect(result.firstBroken).toEqual({
        seq: 5,
        id: next.id,
        type: next.type,
        occurredAt: next.occurredAt,
        reason: 'sequence_gap',
      });
    } finally {
      await restore(original);
    }
    expect((await t.services.audit.verify(companyAdmin)).intact).toBe(true);
  });

  it('catches an event rewritten with a recomputed hash at the link from the next event', async () => {
    const original = await snapshot(companyAdmin.tenantId, 2);
    const event = await t.services.audit.get(companyAdmin, 2);
    const next = await t.services.audit.get(companyAdmin, 3);
    const forged = {
      ...event,
      tenantId: companyAdmin.tenantId,
      occurredAt: new Date(event.occurredAt),
      actorLabel: 'someone else <x@example.com>',
    };
    await asIntruder(
      ['update audit_events set actor_label = $1, hash = $2 where tenant_id = $3 and seq = 2'],
      [[forged.actorLabel, hashEvent(event.prevHash, forged), companyAdmin.tenantId]],
    );
    try {
      const result = await t.services.audit.verify(companyAdmin);
      expect(result.firstBroken).toMatchObject({ seq: 3, id: next.id, reason: 'prev_hash_mismatch' });
    } finally {
      await restore(original);
    }
  });

  it('walks the chain in batches, carrying the last verified hash across batch boundaries', async () => {
    const small = createAuditService({ db: t.db, clock: systemClock, exportLimit: 10, verifyBatchSize: 3 });
    const total = (await seqsOf(companyAdmin.tenantId)).length;
    const intact = await small.verify(companyAdmin);
    expect(intact).toMatchObject({ intact: true, checked: total });
    // seq 4 opens the second batch: only the carried-over hash of seq 3 can expose a broken link there.
    const original = await snapshot(companyAdmin.tenantId, 4);
    const victim = await small.get(companyAdmin, 4);
    await asIntruder(
      [`update audit_events set prev_hash = $1 where tenant_id = $2 and seq = 4`],
      [['a'.repeat(64), companyAdmin.tenantId]],
    );
    try {
      const result = await small.verify(companyAdmin);
      expect(result.firstBroken).toMatchObject({ seq: 4, id: victim.id, reason: 'prev_hash_mismatch' });
      expect(result.checked).toBe(4);
    } finally {
      await restore(original);
    }
    // A deleted event at the end of the first batch shows as a gap at the start of the second.
    const third = await snapshot(companyAdmin.tenantId, 3);
    await asIntruder([`delete from audit_events where tenant_id = $1 and seq = 3`], [[companyAdmin.tenantId]]);
    try {
      expect((await small.verify(companyAdmin)).firstBroken).toMatchObject({ seq: 4, reason: 'sequence_gap' });
    } finally {
      await restore(third);
    }
    expect((await small.verify(companyAdmin)).intact).toBe(true);
  });

  it('reports, rather than fails on, stored values JavaScript cannot read, and still lists and exports them', async () => {
    const victim = await t.services.audit.get(companyAdmin, 2);
    const original = await snapshot(companyAdmin.tenantId, 2);
    const third = await snapshot(companyAdmin.tenantId, 3);
    await asIntruder(
      [
        `update audit_events set occurred_at = 'infinity' where tenant_id = $1 and seq = 2`,
        `update audit_events set payload = '[1, "x"]' where tenant_id = $1 and seq = 3`,
      ],
      [[companyAdmin.tenantId], [companyAdmin.tenantId]],
    );
    try {
      const result = await t.services.audit.verify(companyAdmin);
      expect(result.firstBroken).toEqual({
        seq: 2,
        id: victim.id,
        type: victim.type,
        occurredAt: 'invalid',
        reason: 'hash_mismatch',
      });
      const listed = await t.services.audit.list(companyAdmin, { page: 1, pageSize: 3, order: 'asc', format: 'json' });
      expect(listed.items.map((e) => [e.occurredAt === 'invalid', e.payload])).toEqual([
        [false, expect.any(Object)],
        [true, expect.any(Object)],
        [false, [1, 'x']],
      ]);
      const exported = await t.services.audit.exportEvents(companyAdmin, {
        page: 1,
        pageSize: 50,
        order: 'asc',
        format: 'csv',
      });
      expect(exported.items[1]?.occurredAt).toBe('invalid');
    } finally {
      await restore(original);
      await restore(third);
    }
    expect((await t.services.audit.verify(companyAdmin)).intact).toBe(true);
  });

  it('keeps one independent chain per tenant', async () => {
    const meti = await seqsOf(metiAdmin.tenantId);
    expect(meti[0]).toBe(1);
    const [first] = (await t.services.audit.list(metiAdmin, { page: 1, pageSize: 1, order: 'asc', format: 'json' }))
      .items;
    expect(first).toMatchObject({ seq: 1, type: 'organisation.created', prevHash: GENESIS_HASH });

    const original = await snapshot(companyAdmin.tenantId, 1);
    await asIntruder(
      [`update audit_events set actor_label = 'x' where tenant_id = $1 and seq = 1`],
      [[companyAdmin.tenantId]],
    );
    try {
      expect((await t.services.audit.verify(companyAdmin)).firstBroken?.seq).toBe(1);
      const metiResult = await t.services.audit.verify(metiAdmin);
      expect(metiResult).toMatchObject({ intact: true, checked: meti.length });
    } finally {
      await restore(original);
    }
  });
});

describe('recording audit events', () => {
  it('yields a gapless, intact chain when several transactions of one tenant record at once', async () => {
    const origin = {
      tenantId: companyAdmin.tenantId,
      userId: companyAdmin.userId,
      label: companyAdmin.label,
      ip: null,
    };
    const metiOrigin = { tenantId: metiAdmin.tenantId, userId: metiAdmin.userId, label: metiAdmin.label, ip: null };
    const companyBefore = (await seqsOf(companyAdmin.tenantId)).length;
    const metiBefore = (await seqsOf(metiAdmin.tenantId)).length;
    await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const o = i % 3 === 0 ? metiOrigin : origin;
        return t.db.tenant(o.tenantId, async (tx) => {
          // Some work before the event, so that transactions overlap on several connections.
          await tx.execute(sql`select pg_sleep(0.01)`);
          await recordAudit(tx, o, { type: 'user.preferences_changed', payload: { locale: i % 2 ? 'ja' : 'en' } });
        });
      }),
    );
    const company = await seqsOf(companyAdmin.tenantId);
    expect(company).toEqual(Array.from({ length: companyBefore + 16 }, (_, i) => i + 1));
    expect(await seqsOf(metiAdmin.tenantId)).toEqual(Array.from({ length: metiBefore + 8 }, (_, i) => i + 1));
    expect(await t.services.audit.verify(companyAdmin)).toMatchObject({ intact: true, checked: companyBefore + 16 });
    expect(await t.services.audit.verify(metiAdmin)).toMatchObject({ intact: true, checked: metiBefore + 8 });
  });

  it('leaves no trace of an event whose transaction rolled back', async () => {
    const before = await seqsOf(companyAdmin.tenantId);
    const origin = { tenantId: companyAdmin.tenantId, userId: null, label: 'test', ip: null };
    await expect(
      t.db.tenant(companyAdmin.tenantId, async (tx) => {
        await recordAudit(tx, origin, { type: 'user.disabled', payload: {} });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await seqsOf(companyAdmin.tenantId)).toEqual(before);
    await t.db.tenant(companyAdmin.tenantId, (tx) => recordAudit(tx, origin, { type: 'user.enabled', payload: {} }));
    expect((await seqsOf(companyAdmin.tenantId)).length).toBe(before.length + 1);
    expect((await t.services.audit.verify(companyAdmin)).intact).toBe(true);
  });

  it('stores text PostgreSQL cannot hold in a form that still verifies', async () => {
    const origin = { tenantId: companyAdmin.tenantId, userId: null, label: 'upload\u0000bot', ip: null };
    const { seq } = await t.db.tenant(companyAdmin.tenantId, (tx) =>
      recordAudit(tx, origin, {
        type: 'file.uploaded',
        subjectType: 'file',
        subjectId: 'f\u0000',
        payload: { fileId: 'f1', name: 'a\u0000b\uD800.pdf', sha256: '0'.repeat(64), size: 1, contentType: 'x' },
      }),
    );
    const event = await t.services.audit.get(companyAdmin, seq);
    expect(event).toMatchObject({ actorLabel: 'upload\uFFFDbot', subjectId: 'f\uFFFD' });
    expect((event.payload as { name: string }).name).toBe('a\uFFFDb\uFFFD.pdf');
    expect((await t.services.audit.verify(companyAdmin)).intact).toBe(true);
  });
});

describe('browsing and exporting the trail', () => {
  const page = { page: 1, pageSize: 500, order: 'asc' as const, format: 'json' as const };

  it('filters by type, group, actor, subject, period and free text', async () => {
    const all = await t.services.audit.list(companyAdmin, page);
    expect(all.total).toBe(all.items.length);
    expect(all.items.map((e) => e.seq)).toEqual(Array.from({ length: all.total }, (_, i) => i + 1));

    const failed = await t.services.audit.list(companyAdmin, { ...page, type: 'auth.sign_in_failed' });
    expect(failed.total).toBe(2);
    const auth = await t.services.audit.list(companyAdmin, { ...page, type: 'auth.' });
    expect(auth.items.every((e) => e.type.startsWith('auth.'))).toBe(true);
    expect(auth.total).toBe(all.items.filter((e) => e.type.startsWith('auth.')).length);

    const mine = await t.services.audit.list(companyAdmin, { ...page, actorUserId: companyAdmin.userId });
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.items.every((e) => e.actorUserId === companyAdmin.userId)).toBe(true);

    const files = await t.services.audit.list(companyAdmin, { ...page, subjectType: 'file' });
    expect(files.items.map((e) => e.type)).toEqual(['file.uploaded']);

    const byLabel = await t.services.audit.list(companyAdmin, { ...page, q: 'サインインの失敗' });
    expect(byLabel.items.map((e) => e.type)).toEqual(['auth.sign_in_failed', 'auth.sign_in_failed']);
    const byText = await t.services.audit.list(companyAdmin, { ...page, q: 'LEGAL@minato' });
    expect(byText.total).toBeGreaterThan(0);
    expect(byText.items.every((e) => e.actorLabel.includes('legal@minato'))).toBe(true);
    const literal = await t.services.audit.list(companyAdmin, { ...page, q: '%' });
    expect(literal.total).toBe(0);

    const middle = all.items[Math.floor(all.items.length / 2)]!;
    const since = await t.services.audit.list(companyAdmin, { ...page, from: middle.occurredAt });
    expect(since.items.every((e) => e.occurredAt >= middle.occurredAt)).toBe(true);
    const until = await t.services.audit.list(companyAdmin, { ...page, to: middle.occurredAt });
    expect(until.items.every((e) => e.occurredAt <= middle.occurredAt)).toBe(true);
    expect(since.total + until.total).toBe(
      all.total + all.items.filter((e) => e.occurredAt === middle.occurredAt).length,
    );
    const tomorrow = new Date(Date.now() + 86_400_000 + 9 * 3_600_000).toISOString().slice(0, 10);
    expect((await t.services.audit.list(companyAdmin, { ...page, from: tomorrow })).total).toBe(0);
  });

  it('pages in sequence order, newest first by default', async () => {
    const all = await t.services.audit.list(companyAdmin, page);
    const second = await t.services.audit.list(companyAdmin, { ...page, page: 2, pageSize: 3, order: 'desc' });
    expect(second.items.map((e) => e.seq)).toEqual([all.total - 3, all.total - 4, all.total - 5]);
    expect(second.total).toBe(all.total);
    const beyond = await t.services.audit.list(companyAdmin, { ...page, page: 1000, pageSize: 3 });
    expect(beyond).toMatchObject({ items: [], total: all.total });
  });

  it('records every export with its filters, and refuses one larger than the limit', async () => {
    const small = createAuditService({ db: t.db, clock: systemClock, exportLimit: 2 });
    const exported = await small.exportEvents(companyAdmin, { ...page, format: 'csv', type: 'auth.sign_in_failed' });
    expect(exported.items).toHaveLength(2);
    const [event] = (await small.list(companyAdmin, { ...page, order: 'desc', pageSize: 1 })).items;
    expect(event).toMatchObject({
      type: 'audit.exported',
      actorUserId: companyAdmin.userId,
      payload: { format: 'csv', rows: 2, filters: { type: 'auth.sign_in_failed', order: 'asc' } },
    });
    await expect(small.exportEvents(companyAdmin, { ...page, format: 'xlsx' })).rejects.toMatchObject({
      code: 'audit/export_too_large',
      details: { limit: 2 },
    });
  });

  it('refuses an actor without the permission, in the service as well as the route', async () => {
    const legal = await actorFor('legal@minato-ceramics.example');
    const engineer = await actorFor('engineer@minato-ceramics.example');
    await expect(t.services.audit.exportEvents(legal, { ...page, format: 'csv' })).rejects.toMatchObject({
      code: 'auth/forbidden',
    });
    await expect(t.services.audit.verify(legal)).rejects.toMatchObject({ code: 'auth/forbidden' });
    await expect(t.services.audit.list(engineer, page)).rejects.toMatchObject({ code: 'auth/forbidden' });
    expect(() => t.services.audit.eventTypes(engineer)).toThrow(AppError);
  });
});
