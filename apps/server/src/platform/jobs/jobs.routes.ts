import {
  ErrorResponse,
  IdParams,
  JobListQuery,
  JobRunPage,
  type JobRunView,
  JobRunView as JobRunViewSchema,
  type Locale,
} from '@kakine/contracts';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';

const STATUS_LABELS = {
  queued: { ja: '待機中', en: 'Queued' },
  running: { ja: '実行中', en: 'Running' },
  succeeded: { ja: '完了', en: 'Succeeded' },
  failed: { ja: '失敗', en: 'Failed' },
} as const;

/** The columns of a job-run export, with states in the export's language. */
export const jobRunExportColumns = (locale: Locale): ExportColumn<JobRunView>[] => [
  { ja: 'ID', en: 'ID', value: (r) => r.id },
  { ja: '種別', en: 'Kind', value: (r) => r.kind },
  { ja: '状態', en: 'Status', value: (r) => STATUS_LABELS[r.status][locale] },
  { ja: '処理済み', en: 'Done', value: (r) => r.progressDone },
  { ja: '全体', en: 'Total', value: (r) => r.progressTotal },
  { ja: 'エラーコード', en: 'Error code', value: (r) => r.errorCode },
  { ja: 'エラー', en: 'Error', value: (r) => r.errorMessage },
  { ja: '登録日時', en: 'Created at', value: (r) => r.createdAt },
  { ja: '開始日時', en: 'Started at', value: (r) => r.startedAt },
  { ja: '終了日時', en: 'Finished at', value: (r) => r.finishedAt },
];

/** Routes of the job API: follow one run, list the organisation's runs. */
export const registerJobRoutes = (api: Api, services: Services) => {
  const tags = ['jobs'];

  api.get(
    '/jobs',
    {
      config: { permission: 'jobs:read' },
      schema: {
        tags,
        description: 'The organisation’s background job runs; `format=csv|xlsx` downloads every match.',
        querystring: JobListQuery,
        response: { 200: JobRunPage },
      },
    },
    async (req, reply) => {
      const { format } = req.query;
      if (format === 'json') return services.jobRuns.list(actorOf(req), req.query, req.locale);
      const exported = await services.jobRuns.exportRuns(actorOf(req), req.query, req.locale);
      return sendExport(reply, format, {
        items: exported.items,
        columns: jobRunExportColumns(req.locale),
        locale: req.locale,
        baseName: 'jobs',
        now: exported.exportedAt,
      });
    },
  );

  api.get(
    '/jobs/:id',
    {
      schema: {
        tags,
        description: 'A job run with its progress and outcome: the run’s creator, or anyone holding jobs:read.',
        params: IdParams,
        response: { 200: JobRunViewSchema, 404: ErrorResponse },
      },
    },
    (req) => services.jobRuns.get(actorOf(req), req.params.id, req.locale),
  );
};
