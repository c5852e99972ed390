import {
  AuditEventPage,
  AuditEventParams,
  AuditEventQuery,
  AuditEventTypeList,
  type AuditEventView,
  AuditEventView as AuditEventViewSchema,
  AuditVerifyResult,
  auditEventLabel,
  type Locale,
} from '@kakine/contracts';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import { formatJst } from './audit-query.rules';

/** The columns of an audit trail export, with the event label in the export's language. */
export const auditExportColumns = (locale: Locale): ExportColumn<AuditEventView>[] => [
  { ja: '連番', en: 'Seq', value: (e) => e.seq },
  { ja: '日時（日本時間）', en: 'Time (JST)', value: (e) => formatJst(new Date(e.occurredAt)) },
  { ja: '日時（ISO 8601）', en: 'Time (ISO 8601)', value: (e) => e.occurredAt },
  { ja: '種別', en: 'Type', value: (e) => e.type },
  { ja: '内容', en: 'Event', value: (e) => auditEventLabel(e.type, locale) },
  { ja: '実行者', en: 'Actor', value: (e) => e.actorLabel },
  { ja: '実行者ID', en: 'Actor ID', value: (e) => e.actorUserId },
  { ja: '対象種別', en: 'Subject type', value: (e) => e.subjectType },
  { ja: '対象ID', en: 'Subject ID', value: (e) => e.subjectId },
  { ja: '詳細（JSON）', en: 'Payload (JSON)', value: (e) => JSON.stringify(e.payload) },
  { ja: 'IPアドレス', en: 'IP address', value: (e) => e.ip },
  { ja: 'イベントID', en: 'Event ID', value: (e) => e.id },
  { ja: 'ハッシュ', en: 'Hash', value: (e) => e.hash },
  { ja: '直前のハッシュ', en: 'Previous hash', value: (e) => e.prevHash },
];

/** Routes of the audit trail: browse and export events, list event types, verify the chain. */
export const registerAuditRoutes = (api: Api, services: Services) => {
  const tags = ['audit'];

  api.get(
    '/audit/events',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags,
        description: 'The organisation’s audit trail; `format=csv|xlsx` downloads every match and needs audit:export.',
        querystring: AuditEventQuery,
        response: { 200: AuditEventPage },
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      if (format === 'json') return services.audit.list(actorOf(req), req.query);
      const exported = await services.audit.exportEvents(actorOf(req), { ...req.query, format });
      return sendExport(reply, format, {
        items: exported.items,
        columns: auditExportColumns(req.locale),
        locale: req.locale,
        baseName: 'audit-events',
        now: exported.exportedAt,
      });
    },
  );

  api.get(
    '/audit/events/:seq',
    {
      config: { permission: 'audit:read' },
      schema: { tags, params: AuditEventParams, response: { 200: AuditEventViewSchema } },
    },
    (req) => services.audit.get(actorOf(req), req.params.seq),
  );

  api.get(
    '/audit/event-types',
    { config: { permission: 'audit:read' }, schema: { tags, response: { 200: AuditEventTypeList } } },
    async (req) => services.audit.eventTypes(actorOf(req)),
  );

  api.post(
    '/audit/verify',
    {
      config: { permission: 'audit:verify', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags, response: { 200: AuditVerifyResult } },
    },
    (req) => services.audit.verify(actorOf(req)),
  );
};
