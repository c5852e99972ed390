import {
  AcceptInvitationBody,
  AcceptInvitationResponse,
  AdminUserList,
  AdminUserListQuery,
  AdminUserView,
  type AdminUserView as AdminUserViewType,
  CreateInvitationBody,
  IdParams,
  InvitationList,
  InvitationListQuery,
  InvitationLookupQuery,
  InvitationLookupView,
  InvitationView,
  type InvitationView as InvitationViewType,
  type Locale,
  ROLE_LABELS,
  type Role,
  UpdateUserBody,
} from '@kakine/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from '../../http/app';
import { type ExportColumn, sendExport } from '../../http/list-export';
import { actorOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import { setSessionCookie } from '../../platform/auth/auth.routes';

/** Answers a list request: the page as JSON, or the listed rows as a csv/xlsx download named after `baseName`. */
const listOrExport = <T, L extends { items: readonly T[] }>(
  req: FastifyRequest<{ Querystring: { format: 'json' | 'csv' | 'xlsx' } }>,
  reply: FastifyReply,
  result: L,
  download: { columns: readonly ExportColumn<T>[]; baseName: string },
): L | Promise<FastifyReply> => {
  const { format } = req.query;
  if (format === 'json') return result;
  return sendExport(reply, format, { items: result.items, ...download, locale: req.locale, now: new Date() });
};

const originOf = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });

const roleNames = (roles: readonly string[], locale: Locale) =>
  roles.map((r) => ROLE_LABELS[r as Role]?.[locale] ?? r).join(locale === 'ja' ? '、' : ', ');

const yesNo = (value: boolean, locale: Locale) => (locale === 'ja' ? (value ? 'あり' : 'なし') : value ? 'yes' : 'no');

const USER_STATUS = { active: { ja: '有効', en: 'Active' }, disabled: { ja: '無効', en: 'Disabled' } } as const;
const INVITATION_STATUS = {
  pending: { ja: '未承諾', en: 'Pending' },
  accepted: { ja: '承諾済み', en: 'Accepted' },
  revoked: { ja: '取り消し', en: 'Revoked' },
  expired: { ja: '期限切れ', en: 'Expired' },
} as const;

/** The columns of a users export, with role and status names in the export's language. */
const userColumns = (locale: Locale): ExportColumn<AdminUserViewType>[] => [
  { ja: '氏名', en: 'Name', value: (u) => u.displayName },
  { ja: 'メールアドレス', en: 'E-mail address', value: (u) => u.email },
  { ja: 'ロール', en: 'Roles', value: (u) => roleNames(u.roles, locale) },
  { ja: '状態', en: 'Status', value: (u) => USER_STATUS[u.status][locale] },
  { ja: '二要素認証', en: 'Two-factor', value: (u) => yesNo(u.totpEnrolled, locale) },
  { ja: '最終サインイン', en: 'Last sign-in', value: (u) => u.lastSignInAt },
  { ja: 'ロック期限', en: 'Locked until', value: (u) => u.lockedUntil },
  { ja: '登録日時', en: 'Created', value: (u) => u.createdAt },
  { ja: 'ユーザーID', en: 'User ID', value: (u) => u.id },
];

/** The columns of an invitations export. */
const invitationColumns = (locale: Locale): ExportColumn<InvitationViewType>[] => [
  { ja: 'メールアドレス', en: 'E-mail address', value: (i) => i.email },
  { ja: '氏名', en: 'Name', value: (i) => i.displayName },
  { ja: 'ロール', en: 'Roles', value: (i) => roleNames(i.roles, locale) },
  { ja: '状態', en: 'Status', value: (i) => INVITATION_STATUS[i.status][locale] },
  { ja: '招待者', en: 'Invited by', value: (i) => i.invitedByName },
  { ja: '招待日時', en: 'Invited', value: (i) => i.createdAt },
  { ja: '有効期限', en: 'Expires', value: (i) => i.expiresAt },
  { ja: '承諾日時', en: 'Accepted', value: (i) => i.acceptedAt },
  { ja: '取り消し日時', en: 'Revoked', value: (i) => i.revokedAt },
];

/** Routes of the organisation admin (users, invitations) and the invitee's public invitation pages. */
export const registerOrganisationRoutes = (api: Api, services: Services) => {
  const secure = services.config.baseUrl.startsWith('https://');
  const admin = ['organisation admin'];

  api.get(
    '/admin/users',
    {
      config: { permission: 'users:read' },
      schema: { tags: admin, querystring: AdminUserListQuery, response: { 200: AdminUserList } },
    },
    async (req, reply) => {
      const result = await services.organisations.listUsers(actorOf(req), req.query);
      return listOrExport(req, reply, result, { columns: userColumns(req.locale), baseName: 'users' });
    },
  );

  api.patch(
    '/admin/users/:id',
    {
      config: { permission: 'users:manage' },
      schema: { tags: admin, params: IdParams, body: UpdateUserBody, response: { 200: AdminUserView } },
    },
    (req) => services.organisations.updateUser(actorOf(req), req.params.id, req.body),
  );

  api.post(
    '/admin/users/:id/unlock',
    {
      config: { permission: 'users:manage' },
      schema: { tags: admin, params: IdParams, response: { 200: AdminUserView } },
    },
    (req) => services.organisations.unlockUser(actorOf(req), req.params.id),
  );

  api.post(
    '/admin/users/:id/reset-second-factor',
    {
      config: { permission: 'users:manage' },
      schema: { tags: admin, params: IdParams, response: { 200: AdminUserView } },
    },
    (req) => services.organisations.resetSecondFactor(actorOf(req), req.params.id),
  );

  api.post(
    '/admin/invitations',
    {
      config: { permission: 'users:manage' },
      schema: { tags: admin, body: CreateInvitationBody, response: { 200: InvitationView } },
    },
    (req) => services.organisations.invite(actorOf(req), req.body),
  );

  api.get(
    '/admin/invitations',
    {
      config: { permission: 'users:manage' },
      schema: { tags: admin, querystring: InvitationListQuery, response: { 200: InvitationList } },
    },
    async (req, reply) => {
      const result = await services.organisations.listInvitations(actorOf(req), req.query);
      return listOrExport(req, reply, result, { columns: invitationColumns(req.locale), baseName: 'invitations' });
    },
  );

  api.post(
    '/admin/invitations/:id/revoke',
    {
      config: { permission: 'users:manage' },
      schema: { tags: admin, params: IdParams, response: { 200: InvitationView } },
    },
    (req) => services.organisations.revokeInvitation(actorOf(req), req.params.id),
  );

  api.get(
    '/invitations/lookup',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags: ['invitations'], querystring: InvitationLookupQuery, response: { 200: InvitationLookupView } },
    },
    (req) => services.organisations.lookupInvitation(req.query.token),
  );

  api.post(
    '/invitations/accept',
    {
      config: { access: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: { tags: ['invitations'], body: AcceptInvitationBody, response: { 200: AcceptInvitationResponse } },
    },
    async (req, reply) => {
      const result = await services.organisations.acceptInvitation(req.body, {
        locale: req.locale,
        origin: originOf(req),
        previousSession: req.session,
      });
      setSessionCookie(reply, result.token, secure);
      return { next: result.next };
    },
  );
};
