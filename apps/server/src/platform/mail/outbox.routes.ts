import { OutboxList, OutboxListQuery, type OutboxMessageView } from '@kakine/contracts';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';

const COLUMNS: ExportColumn<OutboxMessageView>[] = [
  { ja: '作成日時', en: 'Created', value: (m) => m.createdAt },
  { ja: '宛先', en: 'To', value: (m) => m.to },
  { ja: '件名', en: 'Subject', value: (m) => m.subject },
  { ja: '状態', en: 'Status', value: (m) => m.status },
  { ja: '本文', en: 'Text', value: (m) => m.text },
];

/** GET /outbox: the organisation's e-mails, so that demo users can follow invitation and reset links (demo only). */
export const registerOutboxRoutes = (api: Api, services: Services) => {
  api.get(
    '/outbox',
    {
      config: { permission: 'outbox:read' },
      schema: { tags: ['outbox'], querystring: OutboxListQuery, response: { 200: OutboxList } },
    },
    async (req, reply) => {
      const result = await services.outbox.list(actorOf(req), req.query);
      if (req.query.format === 'json') return result;
      return sendExport(reply, req.query.format, {
        items: result.items,
        columns: COLUMNS,
        locale: req.locale,
        baseName: 'outbox',
        now: new Date(),
      });
    },
  );
};
