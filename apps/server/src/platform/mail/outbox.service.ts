import type { ListQuery, OutboxMessageView } from '@kakine/contracts';
import { EXPORT_ROW_LIMIT } from '../../http/list-export';
import { type Actor, requirePermission } from '../actor/actor';
import type { Database } from '../db/database';
import { AppError } from '../errors/app-error';
import { listOutbox } from './outbox.repository';

/** The outbox row statuses as the demo outbox screen names them. */
const STATUS_VIEW: Record<string, OutboxMessageView['status']> = {
  pending: 'queued',
  outbox: 'sent',
  sent: 'sent',
  failed: 'failed',
};

/** Creates the demo outbox service: lists the organisation's queued and sent e-mails, in demo mode only. */
export const createOutboxService = (deps: { db: Database; demo: boolean }) => {
  /** A page of the actor's organisation's e-mails (or every one up to the export limit for csv/xlsx). */
  const list = async (
    actor: Actor,
    query: ListQuery,
  ): Promise<{ items: OutboxMessageView[]; page: number; pageSize: number; total: number }> => {
    // Outside demo mode the outbox holds real people's links (password resets): it does not exist for the API.
    if (!deps.demo) throw new AppError('outbox/not_available');
    requirePermission(actor, 'outbox:read');
    const exporting = query.format !== 'json';
    const { rows, total } = await deps.db.tenant(actor.tenantId, (tx) =>
      listOutbox(tx, {
        order: query.order,
        limit: exporting ? EXPORT_ROW_LIMIT : query.pageSize,
        offset: exporting ? 0 : (query.page - 1) * query.pageSize,
      }),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        to: r.toAddress,
        subject: r.subject,
        text: r.textBody,
        status: STATUS_VIEW[r.status] ?? 'queued',
        createdAt: r.createdAt,
      })),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  };
  return { list };
};

/** The demo outbox service. */
export type OutboxService = ReturnType<typeof createOutboxService>;
