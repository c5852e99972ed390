import {
  AUDIT_EVENT_LABELS,
  AUDIT_EVENT_TYPES,
  type AuditEventPage,
  type AuditEventQuery,
  type AuditEventTypeView,
  type AuditEventView,
  type AuditVerifyResult,
} from '@kakine/contracts';
import { type Actor, requirePermission } from '../actor/actor';
import type { Clock } from '../clock';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { type AuditOrigin, recordAudit } from './audit.recorder';
import * as repo from './audit.repository';
import { describeFilters, isUnfiltered, toAuditFilter } from './audit-query.rules';
import { findChainBreak, GENESIS_HASH, instantText } from './hash-chain.rules';

/** How many events verification reads per batch (and per transaction) by default. */
export const VERIFY_BATCH_SIZE = 5_000;

const toView = (event: repo.StoredAuditEvent): AuditEventView => ({
  seq: event.seq,
  id: event.id,
  occurredAt: instantText(event.occurredAt),
  type: event.type,
  actorUserId: event.actorUserId,
  actorLabel: event.actorLabel,
  subjectType: event.subjectType,
  subjectId: event.subjectId,
  payload: event.payload,
  ip: event.ip,
  hash: event.hash,
  prevHash: event.prevHash,
});

/** The event origin of a signed-in actor. */
const originOf = (actor: Actor): AuditOrigin => ({
  tenantId: actor.tenantId,
  userId: actor.userId,
  label: actor.label,
  ip: actor.ip,
});

/**
 * Creates the audit trail service: browse and export a tenant's events, list event types, and verify the tenant's
 * hash chain. `exportLimit` caps one export; `verifyBatchSize` is how many events each verification step reads.
 */
export const createAuditService = (deps: {
  db: Database;
  clock: Clock;
  exportLimit: number;
  verifyBatchSize?: number;
}) => {
  const { db, clock, exportLimit } = deps;
  const batchSize = deps.verifyBatchSize ?? VERIFY_BATCH_SIZE;

  /** One page of the actor's organisation's events with the total that match the filters. */
  const list = async (actor: Actor, query: AuditEventQuery): Promise<AuditEventPage> => {
    requirePermission(actor, 'audit:read');
    const filter = toAuditFilter(actor.tenantId, query);
    const offset = (query.page - 1) * query.pageSize;
    if (isUnfiltered(filter) && query.order === 'desc' && offset === 0) {
      // The default view. The newest page starts at the head, so its first seq is the total; being one statement, it
      // runs in a single round trip (bench/audit-list.ts).
      const rows = await db.tenantRead(
        actor.tenantId,
        repo.listEventsQuery(filter, { order: 'desc', limit: query.pageSize, offset: 0 }),
      );
      const items = repo.toStoredEvents(rows);
      return { items: items.map(toView), page: query.page, pageSize: query.pageSize, total: items[0]?.seq ?? 0 };
    }
    return db.tenant(actor.tenantId, async (tx) => {
      // Unfiltered, the count is the head's sequence number: seq is assigned gaplessly under the chain lock and rows
      // cannot be deleted, so this is exact for an intact chain and avoids counting every row (30 ms at 100k).
      const total = isUnfiltered(filter)
        ? ((await repo.chainHead(tx, actor.tenantId))?.seq ?? 0)
        : await repo.countEvents(tx, filter);
      const items =
        offset < total ? await repo.listEvents(tx, filter, { order: query.order, limit: query.pageSize, offset }) : [];
      return { items: items.map(toView), page: query.page, pageSize: query.pageSize, total };
    });
  };

  /**
   * Every event matching the filters, for a CSV or XLSX download, and an `audit.exported` event recorded in the
   * same transaction, so that no export leaves without a trace. Fails when more than `exportLimit` events match.
   */
  const exportEvents = async (
    actor: Actor,
    query: Omit<AuditEventQuery, 'format'> & { format: 'csv' | 'xlsx' },
  ): Promise<{ items: AuditEventView[]; exportedAt: Date }> => {
    requirePermission(actor, 'audit:read');
    requirePermission(actor, 'audit:export');
    const filter = toAuditFilter(actor.tenantId, query);
    return db.tenant(actor.tenantId, async (tx) => {
      const rows = await repo.listEvents(tx, filter, { order: query.order, limit: exportLimit + 1, offset: 0 });
      if (rows.length > exportLimit) throw new AppError('audit/export_too_large', { limit: exportLimit });
      await recordAudit(
        tx,
        originOf(actor),
        {
          type: 'audit.exported',
          payload: { format: query.format, rows: rows.length, filters: describeFilters(query) },
        },
        clock,
      );
      return { items: rows.map(toView), exportedAt: clock() };
    });
  };

  /** One event of the actor's organisation by sequence number. */
  const get = async (actor: Actor, seq: number): Promise<AuditEventView> => {
    requirePermission(actor, 'audit:read');
    const event = await db.tenant(actor.tenantId, (tx) => repo.findEvent(tx, actor.tenantId, seq));
    if (!event) throw new AppError('audit/not_found', { seq });
    return toView(event);
  };

  /** The known event types with their Japanese and English labels, for filters. */
  const eventTypes = (actor: Actor): AuditEventTypeView[] => {
    requirePermission(actor, 'audit:read');
    return AUDIT_EVENT_TYPES.map((type) => ({
      type,
      labelJa: AUDIT_EVENT_LABELS[type].ja,
      labelEn: AUDIT_EVENT_LABELS[type].en,
    }));
  };

  /**
   * Walks a tenant's chain from the first event to the head it had when the walk began, in batches of
   * `batchSize` events, each in its own short transaction so that memory stays flat and other work interleaves.
   * Each batch continues from the previous batch's last verified (seq, hash). Stops at the first break.
   */
  const walkChain = async (tenantId: string): Promise<Pick<AuditVerifyResult, 'checked' | 'firstBroken' | 'head'>> => {
    const head = await db.tenant(tenantId, (tx) => repo.chainHead(tx, tenantId));
    let prev = { seq: 0, hash: GENESIS_HASH };
    let checked = 0;
    if (!head) return { checked, firstBroken: null, head: null };
    for (;;) {
      const batch = await db.tenant(tenantId, (tx) =>
        repo.readChain(tx, tenantId, { afterSeq: prev.seq, throughSeq: head.seq, limit: batchSize }),
      );
      if (batch.length === 0) break;
      const broken = findChainBreak(batch, prev);
      if (broken) {
        const index = batch.findIndex((e) => e.seq === broken.seq);
        const event = batch[index]!;
        const lastIntact = index > 0 ? batch[index - 1]! : prev;
        return {
          checked: checked + index + 1,
          firstBroken: {
            seq: event.seq,
            id: event.id,
            type: event.type,
            occurredAt: instantText(event.occurredAt),
            reason: broken.reason,
          },
          head: lastIntact.seq > 0 ? { seq: lastIntact.seq, hash: lastIntact.hash } : null,
        };
      }
      checked += batch.length;
      const last = batch[batch.length - 1]!;
      prev = { seq: last.seq, hash: last.hash };
      if (batch.length < batchSize) break;
    }
    return { checked, firstBroken: null, head: prev.seq > 0 ? prev : null };
  };

  /**
   * Verifies one tenant's chain and appends an `audit.verified` event (after the walk) attributed to `origin`.
   * For the CLI and jobs, which act without a signed-in user; requests use `verify`.
   */
  const verifyTenant = async (origin: AuditOrigin): Promise<AuditVerifyResult> => {
    const walked = await walkChain(origin.tenantId);
    const verifiedAt = clock();
    await db.tenant(origin.tenantId, (tx) =>
      recordAudit(
        tx,
        origin,
        {
          type: 'audit.verified',
          payload: {
            intact: walked.firstBroken === null,
            checked: walked.checked,
            firstBrokenSeq: walked.firstBroken?.seq ?? null,
          },
        },
        () => verifiedAt,
      ),
    );
    return { intact: walked.firstBroken === null, ...walked, verifiedAt: verifiedAt.toISOString() };
  };

  /** Verifies the actor's organisation's chain and records who verified it. */
  const verify = async (actor: Actor): Promise<AuditVerifyResult> => {
    requirePermission(actor, 'audit:verify');
    return verifyTenant(originOf(actor));
  };

  return { list, exportEvents, get, eventTypes, verify, verifyTenant };
};

/** The audit trail service. */
export type AuditService = ReturnType<typeof createAuditService>;
