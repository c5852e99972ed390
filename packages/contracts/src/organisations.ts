import { z } from 'zod';
import { NewPassword } from './account';
import { EmailAddress } from './auth';
import { ListQuery, pageOf } from './common';
import type { Bilingual } from './errors';
import { type Role, RoleSchema } from './permissions';

/** The name of every role in both languages, for e-mails, exports and screens. */
export const ROLE_LABELS: Record<Role, Bilingual> = {
  admin: { ja: '管理者', en: 'Administrator' },
  security_officer: { ja: '経済安全保障・輸出管理担当', en: 'Economic-security / export-control officer' },
  technology_owner: { ja: '技術オーナー', en: 'Technology owner' },
  hr: { ja: '人事担当', en: 'HR' },
  legal: { ja: '法務担当', en: 'Legal' },
  executive_approver: { ja: '決裁者（役員）', en: 'Executive approver' },
  employee: { ja: '従業員', en: 'Employee' },
  case_officer: { ja: '案件担当官', en: 'Case officer' },
  licensing_officer: { ja: '許可審査担当官', en: 'Licensing officer' },
  outreach_officer: { ja: 'アウトリーチ担当官（地方経済産業局）', en: 'Outreach officer (regional bureau)' },
  intelligence_analyst: { ja: '技術インテリジェンス分析官', en: 'Technology intelligence analyst' },
  catalogue_admin: { ja: 'カタログ管理者', en: 'Catalogue administrator' },
  auditor: { ja: '審査員', en: 'Auditor' },
  advisor: { ja: '指導・助言担当', en: 'Advisor' },
  decision_maker: { ja: '認証判定者', en: 'Certification decision maker' },
};

/** A person's name as shown in the app: trimmed, 1–200 characters, no control characters. */
export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u);

/** A set of roles: at least one, no duplicates; which roles are valid depends on the organisation kind. */
export const RoleSet = z
  .array(RoleSchema)
  .min(1)
  .max(15)
  .refine((roles) => new Set(roles).size === roles.length, { message: 'duplicate role' });

/** Whether a user may sign in. */
export const UserStatusSchema = z.enum(['active', 'disabled']);
/** Whether a user may sign in. */
export type UserStatus = z.infer<typeof UserStatusSchema>;

/** What the caller may do to a listed user; the server decides, the UI shows only these actions. */
export const UserAbilities = z.object({
  /** Change the user's roles. */
  changeRoles: z.boolean(),
  /** Change the user's status (disable an active user, enable a disabled one). */
  disable: z.boolean(),
  /** Lift a lock caused by failed sign-ins. */
  unlock: z.boolean(),
  /** Remove the user's second factor so that they enrol again at the next sign-in. */
  resetSecondFactor: z.boolean(),
});

/** One user of the caller's organisation, as the users admin screen lists it. */
export const AdminUserView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  status: UserStatusSchema,
  totpEnrolled: z.boolean(),
  lastSignInAt: z.date().nullable(),
  lockedUntil: z.date().nullable(),
  createdAt: z.date(),
  abilities: UserAbilities,
});
/** One user of the caller's organisation. */
export type AdminUserView = z.infer<typeof AdminUserView>;

/** GET /admin/users: paging and export, a free-text filter on name and e-mail, sort column, status filter. */
export const AdminUserListQuery = ListQuery.extend({
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['displayName', 'email', 'lastSignInAt', 'createdAt']).default('displayName'),
  order: z.enum(['asc', 'desc']).default('asc'),
  status: UserStatusSchema.optional(),
});
/** Parsed GET /admin/users query. */
export type AdminUserListQuery = z.infer<typeof AdminUserListQuery>;

/** GET /admin/users response. */
export const AdminUserList = pageOf(AdminUserView);

/** Body of PATCH /admin/users/:id: new roles, a new status, or both. */
export const UpdateUserBody = z
  .object({ roles: RoleSet.optional(), status: UserStatusSchema.optional() })
  .refine((body) => body.roles !== undefined || body.status !== undefined, {
    message: 'roles or status is required',
    path: ['roles'],
  });

/** Where an invitation stands. */
export const InvitationStatusSchema = z.enum(['pending', 'accepted', 'revoked', 'expired']);
/** Where an invitation stands. */
export type InvitationStatus = z.infer<typeof InvitationStatusSchema>;

/** An invitation as the organisation admin sees it. */
export const InvitationView = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  expiresAt: z.date(),
  acceptedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  invitedByName: z.string().nullable(),
  createdAt: z.date(),
  status: InvitationStatusSchema,
  abilities: z.object({ revoke: z.boolean() }),
});
/** An invitation as the organisation admin sees it. */
export type InvitationView = z.infer<typeof InvitationView>;

/** Body of POST /admin/invitations. */
export const CreateInvitationBody = z.object({ email: EmailAddress, displayName: DisplayName, roles: RoleSet });

/** GET /admin/invitations: paging and export, a free-text filter on name and e-mail, a status filter. */
export const InvitationListQuery = ListQuery.extend({
  q: z.string().trim().max(200).optional(),
  status: InvitationStatusSchema.optional(),
});
/** Parsed GET /admin/invitations query. */
export type InvitationListQuery = z.infer<typeof InvitationListQuery>;

/** GET /admin/invitations response. */
export const InvitationList = pageOf(InvitationView);

/** Query of GET /invitations/lookup. */
export const InvitationLookupQuery = z.object({ token: z.string().trim().min(16).max(256) });

/** GET /invitations/lookup: what the invitee sees before accepting. */
export const InvitationLookupView = z.object({
  email: z.string(),
  displayName: z.string(),
  organisationNameJa: z.string(),
  organisationNameEn: z.string(),
  roles: z.array(z.string()),
  expiresAt: z.date(),
});

/** Body of POST /invitations/accept. */
export const AcceptInvitationBody = z.object({
  token: z.string().trim().min(16).max(256),
  displayName: DisplayName,
  password: NewPassword,
});

/** POST /invitations/accept response: the invitee is signed in and must enrol a second factor next. */
export const AcceptInvitationResponse = z.object({ next: z.literal('enrol_second_factor') });

/** Delivery state of an e-mail shown in the demo outbox: queued, sent (or kept in the demo outbox), failed. */
export const OutboxStatusSchema = z.enum(['queued', 'sent', 'failed']);

/** One e-mail of the organisation's outbox (demo mode only), so that demo users can follow the links in it. */
export const OutboxMessageView = z.object({
  id: z.uuid(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: OutboxStatusSchema,
  createdAt: z.date(),
});
/** One e-mail of the organisation's outbox. */
export type OutboxMessageView = z.infer<typeof OutboxMessageView>;

/** GET /outbox query. */
export const OutboxListQuery = ListQuery;
/** GET /outbox response. */
export const OutboxList = pageOf(OutboxMessageView);
