import {
  CONCENTRATION_RISK_LABELS,
  ConcentrationRanking,
  ConcentrationRankingQuery,
  IdParams,
  KnowHowMapInput,
  KnowHowMapView,
  type Locale,
  PERSON_STATUS_LABELS,
} from '@kakine/contracts';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import type { ConcentrationRankingRow } from './know-how.service';

const yesNo = (value: boolean, locale: Locale) =>
  locale === 'ja' ? (value ? 'はい' : 'いいえ') : value ? 'yes' : 'no';

/** The columns of the concentration ranking export, with levels and statuses in the export's language. */
const rankingColumns = (locale: Locale): ExportColumn<ConcentrationRankingRow>[] => [
  { ja: '技術コード', en: 'Technology code', value: (r) => r.code },
  { ja: '技術名', en: 'Name', value: (r) => r.nameJa },
  { ja: 'コア技術', en: 'Core technology', value: (r) => yesNo(r.isCore, locale) },
  { ja: '機密区分', en: 'Classification', value: (r) => r.classificationCode },
  {
    ja: '集中リスク',
    en: 'Concentration risk',
    value: (r) => CONCENTRATION_RISK_LABELS[r.concentration.level][locale],
  },
  { ja: 'バスファクター', en: 'Bus factor', value: (r) => r.concentration.busFactor },
  { ja: '工程数', en: 'Steps', value: (r) => r.steps },
  { ja: 'ノウハウ保有者数', en: 'Holders', value: (r) => r.holders },
  {
    ja: '1人で全工程を保有',
    en: 'One person holds every step',
    value: (r) => yesNo(r.concentration.singlePersonAllSteps, locale),
  },
  { ja: '退職予定・退職済みの保有者', en: 'Departing holders', value: (r) => r.concentration.departingHolders },
  {
    ja: '要となる人',
    en: 'Critical people',
    value: (r) =>
      r.criticalPeople
        .map((p) => (p.status === 'active' ? p.name : `${p.name}（${PERSON_STATUS_LABELS[p.status][locale]}）`))
        .join(locale === 'ja' ? '、' : ', '),
  },
];

/** Routes of the know-how map (工程 × 人) of a technology and the register-wide concentration ranking. */
export const registerKnowHowRoutes = (api: Api, services: Services) => {
  const tags = ['register'];

  api.get(
    '/register/technologies/:id/know-how',
    { config: { permission: 'register:read' }, schema: { tags, params: IdParams, response: { 200: KnowHowMapView } } },
    (req) => services.knowHow.get(actorOf(req), req.params.id),
  );

  api.put(
    '/register/technologies/:id/know-how',
    {
      config: { permission: 'register:create' },
      schema: { tags, params: IdParams, body: KnowHowMapInput, response: { 200: KnowHowMapView } },
    },
    (req) => services.knowHow.save(actorOf(req), req.params.id, req.body),
  );

  api.get(
    '/register/concentration',
    {
      config: { permission: 'register:read' },
      schema: { tags, querystring: ConcentrationRankingQuery, response: { 200: ConcentrationRanking } },
    },
    async (req, reply) => {
      const result = await services.knowHow.ranking(actorOf(req), req.query);
      const { format } = req.query;
      if (format === 'json') return result;
      return sendExport(reply, format, {
        items: result.items,
        columns: rankingColumns(req.locale),
        locale: req.locale,
        baseName: 'concentration',
        now: new Date(),
      });
    },
  );
};
