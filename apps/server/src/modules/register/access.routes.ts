import {
  ACCESS_FINDING_LABELS,
  AccessGrantInput,
  AccessGrantList,
  AccessGrantView,
  AccessReviewList,
  AccessReviewQuery,
  EMPLOYMENT_TYPE_LABELS,
  IdParams,
  type Locale,
  PERSON_STATUS_LABELS,
  RevokeAccessGrantBody,
  UpdateAccessGrantBody,
} from '@kakine/contracts';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';

const GRANTEE_KIND = { person: { ja: '個人', en: 'Person' }, department: { ja: '部署', en: 'Department' } } as const;
const GRANT_STATE = {
  active: { ja: '有効', en: 'Active' },
  expired: { ja: '期限切れ', en: 'Expired' },
  revoked: { ja: '取り消し', en: 'Revoked' },
} as const;

/** The columns of the access review export, with every label in the export's language. */
const reviewColumns = (locale: Locale): ExportColumn<AccessGrantView>[] => [
  { ja: '技術コード', en: 'Technology code', value: (g) => g.technologyCode },
  { ja: '技術名', en: 'Technology', value: (g) => g.technologyNameJa },
  { ja: '付与先', en: 'Grantee kind', value: (g) => GRANTEE_KIND[g.granteeKind][locale] },
  { ja: '氏名', en: 'Name', value: (g) => g.personName },
  { ja: '社員番号', en: 'Employee ID', value: (g) => g.personEmployeeId },
  {
    ja: '雇用区分',
    en: 'Employment type',
    value: (g) => (g.personEmploymentType ? EMPLOYMENT_TYPE_LABELS[g.personEmploymentType][locale] : null),
  },
  {
    ja: '在籍状況',
    en: 'Status',
    value: (g) => (g.personStatus ? PERSON_STATUS_LABELS[g.personStatus][locale] : null),
  },
  { ja: '部署', en: 'Department', value: (g) => g.department },
  { ja: '理由', en: 'Reason', value: (g) => g.reason },
  { ja: '付与者', en: 'Granted by', value: (g) => g.grantedByName },
  { ja: '付与日時', en: 'Granted', value: (g) => g.grantedAt },
  { ja: '有効期限', en: 'Expires', value: (g) => g.expiresOn },
  { ja: '状態', en: 'State', value: (g) => GRANT_STATE[g.state][locale] },
  {
    ja: '指摘事項',
    en: 'Findings',
    value: (g) => g.findings.map((f) => ACCESS_FINDING_LABELS[f][locale]).join(locale === 'ja' ? '、' : '; '),
  },
];

/** Routes of need-to-know access: grants per technology, changes and revocation, and the access review. */
export const registerAccessRoutes = (api: Api, services: Services) => {
  const tags = ['register'];

  api.get(
    '/register/technologies/:id/grants',
    { config: { permission: 'register:read' }, schema: { tags, params: IdParams, response: { 200: AccessGrantList } } },
    (req) => services.accessGrants.list(actorOf(req), req.params.id),
  );

  api.post(
    '/register/technologies/:id/grants',
    {
      config: { permission: 'register:create' },
      schema: { tags, params: IdParams, body: AccessGrantInput, response: { 200: AccessGrantView } },
    },
    (req) => services.accessGrants.grant(actorOf(req), req.params.id, req.body),
  );

  api.patch(
    '/register/grants/:id',
    {
      config: { permission: 'register:create' },
      schema: { tags, params: IdParams, body: UpdateAccessGrantBody, response: { 200: AccessGrantView } },
    },
    (req) => services.accessGrants.update(actorOf(req), req.params.id, req.body),
  );

  api.post(
    '/register/grants/:id/revoke',
    {
      config: { permission: 'register:create' },
      schema: { tags, params: IdParams, body: RevokeAccessGrantBody, response: { 200: AccessGrantView } },
    },
    (req) => services.accessGrants.revoke(actorOf(req), req.params.id, req.body),
  );

  api.get(
    '/register/access-review',
    {
      config: { permission: 'register:create' },
      schema: { tags, querystring: AccessReviewQuery, response: { 200: AccessReviewList } },
    },
    async (req, reply) => {
      const result = await services.accessGrants.review(actorOf(req), req.query);
      const { format } = req.query;
      if (format === 'json') return result;
      return sendExport(reply, format, {
        items: result.items,
        columns: reviewColumns(req.locale),
        locale: req.locale,
        baseName: 'access-review',
        now: new Date(),
      });
    },
  );
};
