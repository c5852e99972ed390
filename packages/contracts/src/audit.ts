import { z } from 'zod';
import { AUDIT_EVENT_TYPES, type AuditEventType } from './audit-events';
import { ListQuery, pageOf } from './common';
import type { Bilingual } from './errors';

/**
 * A readable name for every audit event type, in Japanese and English, for the trail viewer, filters and exports.
 * Adding an event type to AUDIT_EVENT_PAYLOADS without a label here fails the typecheck.
 */
export const AUDIT_EVENT_LABELS = {
  'organisation.created': { ja: '組織の作成', en: 'Organisation created' },
  'auth.signed_in': { ja: 'サインイン', en: 'Signed in' },
  'auth.sign_in_failed': { ja: 'サインインの失敗', en: 'Sign-in failed' },
  'auth.account_locked': { ja: 'アカウントのロック', en: 'Account locked' },
  'auth.signed_out': { ja: 'サインアウト', en: 'Signed out' },
  'auth.password_changed': { ja: 'パスワードの変更', en: 'Password changed' },
  'auth.password_reset_requested': { ja: 'パスワード再設定の依頼', en: 'Password reset requested' },
  'auth.password_reset_completed': { ja: 'パスワードの再設定', en: 'Password reset completed' },
  'auth.second_factor_enrolled': { ja: '二要素認証の登録', en: 'Second factor enrolled' },
  'auth.second_factor_removed': { ja: '二要素認証の解除', en: 'Second factor removed' },
  'auth.recovery_codes_regenerated': { ja: 'リカバリーコードの再発行', en: 'Recovery codes regenerated' },
  'auth.recovery_code_used': { ja: 'リカバリーコードの使用', en: 'Recovery code used' },
  'user.invited': { ja: 'ユーザーの招待', en: 'User invited' },
  'user.invitation_revoked': { ja: '招待の取り消し', en: 'Invitation revoked' },
  'user.invitation_accepted': { ja: '招待の受諾', en: 'Invitation accepted' },
  'user.roles_changed': { ja: 'ロールの変更', en: 'Roles changed' },
  'user.disabled': { ja: 'ユーザーの無効化', en: 'User disabled' },
  'user.enabled': { ja: 'ユーザーの有効化', en: 'User enabled' },
  'user.preferences_changed': { ja: '表示設定の変更', en: 'Preferences changed' },
  'user.unlocked': { ja: 'アカウントロックの解除', en: 'User unlocked' },
  'user.second_factor_reset': { ja: '二要素認証のリセット（管理者）', en: 'Second factor reset by an admin' },
  'user.list_exported': { ja: 'ユーザー一覧のエクスポート', en: 'User list exported' },
  'catalogue.version_published': { ja: 'カタログ新版の公開', en: 'Catalogue version published' },
  'file.uploaded': { ja: 'ファイルのアップロード', en: 'File uploaded' },
  'file.downloaded': { ja: 'ファイルのダウンロード', en: 'File downloaded' },
  'audit.verified': { ja: '監査証跡の検証', en: 'Audit trail verified' },
  'audit.exported': { ja: '監査証跡のエクスポート', en: 'Audit trail exported' },
  'technology.created': { ja: '技術の登録', en: 'Technology registered' },
  'technology.updated': { ja: '技術の更新', en: 'Technology updated' },
  'technology.archived': { ja: '技術のアーカイブ', en: 'Technology archived' },
  'technology.restored': { ja: '技術の復元', en: 'Technology restored' },
  'technology.deleted': { ja: '技術の削除', en: 'Technology deleted' },
  'technology.requirement_reviewed': { ja: '営業秘密要件の評価', en: 'Trade-secret requirement reviewed' },
  'technology.access_granted': { ja: 'アクセス権の付与', en: 'Access granted' },
  'technology.access_changed': { ja: 'アクセス権の変更', en: 'Access grant changed' },
  'technology.access_revoked': { ja: 'アクセス権の取り消し', en: 'Access revoked' },
  'technology.know_how_changed': { ja: 'ノウハウマップの更新', en: 'Know-how map changed' },
  'register.settings_changed': { ja: '技術台帳の設定変更', en: 'Register settings changed' },
  'register.imported': { ja: '技術台帳の取り込み', en: 'Register imported' },
  'register.exported': { ja: '技術台帳のエクスポート', en: 'Register exported' },
  'person.created': { ja: '人員の登録', en: 'Person added' },
  'person.updated': { ja: '人員情報の更新', en: 'Person updated' },
  'person.deleted': { ja: '人員の削除', en: 'Person deleted' },
  'people.imported': { ja: '人員名簿の取り込み', en: 'People directory imported' },
  'people.exported': { ja: '人員名簿のエクスポート', en: 'People directory exported' },
} as const satisfies Record<AuditEventType, Bilingual>;

/** The label of an event type in one language; a type no longer in the contracts shows as itself. */
export const auditEventLabel = (type: string, locale: 'ja' | 'en'): string =>
  (AUDIT_EVENT_LABELS as Record<string, Bilingual | undefined>)[type]?.[locale] ?? type;

/** Every `<subject>.` prefix of the known event types, such as `'auth.'`, for filtering by group. */
export const AUDIT_EVENT_TYPE_PREFIXES = [...new Set(AUDIT_EVENT_TYPES.map((t) => `${t.split('.')[0]}.`))];

/** The known event types whose type equals `filter`, or that start with it when it is a prefix ending in `.`. */
export const auditTypesMatching = (filter: string): AuditEventType[] =>
  filter.endsWith('.')
    ? AUDIT_EVENT_TYPES.filter((t) => t.startsWith(filter))
    : AUDIT_EVENT_TYPES.filter((t) => t === filter);

/** Offset of Japan Standard Time from UTC in milliseconds; Japan has no daylight saving time. */
export const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Turns the `from`/`to` filter values into a half-open interval [from, before). A date without a time is a calendar
 * day in Japan Standard Time: `from=2025-06-09` starts at 00:00 JST that day and `to=2025-06-09` includes the whole
 * day; a date-time with an offset is an exact instant and `to` includes it.
 */
export const auditPeriod = (from?: string, to?: string): { from: Date | null; before: Date | null } => {
  const day = (date: string) => Date.parse(`${date}T00:00:00.000Z`) - JST_OFFSET_MS;
  const start = from === undefined ? null : new Date(DATE_ONLY.test(from) ? day(from) : Date.parse(from));
  const end = to === undefined ? null : new Date(DATE_ONLY.test(to) ? day(to) + 86_400_000 : Date.parse(to) + 1);
  return { from: start, before: end };
};

const IsoDay = z.iso.date();
const IsoInstant = z.iso.datetime({ offset: true });

// One check rather than a union, so that a bad value gets zod's localised "invalid ISO date-time" message.
const DateOrDateTime = z
  .string()
  .superRefine((value, ctx) => {
    if (!IsoDay.safeParse(value).success && !IsoInstant.safeParse(value).success) {
      ctx.addIssue({ code: 'invalid_format', format: 'datetime', input: value });
    }
  })
  .meta({
    description: 'YYYY-MM-DD (a day in Japan Standard Time) or an ISO 8601 date-time with offset',
    examples: ['2025-06-09', '2025-06-09T14:03:21+09:00'],
  });

/**
 * GET /audit/events: the list conventions plus filters. `type` is a known event type or a group prefix such as
 * `auth.`; `q` searches the actor, subject, IP, payload and the event's label.
 */
export const AuditEventQuery = ListQuery.extend({
  type: z.enum([...AUDIT_EVENT_TYPES, ...AUDIT_EVENT_TYPE_PREFIXES] as [string, ...string[]]).optional(),
  actorUserId: z.uuid().optional(),
  subjectType: z.string().trim().min(1).max(100).optional(),
  subjectId: z.string().trim().min(1).max(200).optional(),
  from: DateOrDateTime.optional(),
  to: DateOrDateTime.optional(),
  q: z.string().trim().min(1).max(200).optional(),
}).superRefine((query, ctx) => {
  const period = auditPeriod(query.from, query.to);
  if (period.from && period.before && period.before.getTime() <= period.from.getTime()) {
    ctx.addIssue({
      code: 'too_small',
      origin: 'date',
      // zod's localised message shows the minimum as given: "expected date to be >=2025-06-09".
      minimum: query.from as unknown as number,
      inclusive: true,
      path: ['to'],
      input: query.to,
    });
  }
});
/** Parsed audit event list query. */
export type AuditEventQuery = z.infer<typeof AuditEventQuery>;

/** GET /audit/events/:seq: one event by its position in the organisation's chain. */
export const AuditEventParams = z.object({ seq: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });

// Stored values are shown as they are, even when a direct edit of the database made them odd, so that the viewer
// and exports keep working on a tampered trail: hence a plain string time and an unconstrained payload.
const StoredTime = z.string().meta({ description: 'ISO 8601 date-time in UTC, e.g. 2025-06-09T05:03:21.000Z' });

/** One event of the audit trail as the API shows it. */
export const AuditEventView = z.object({
  seq: z.number().int(),
  id: z.uuid(),
  occurredAt: StoredTime,
  type: z.string(),
  actorUserId: z.uuid().nullable(),
  actorLabel: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  payload: z.unknown().meta({ description: 'The typed payload of the event type (an object), as stored' }),
  ip: z.string().nullable(),
  hash: z.string(),
  prevHash: z.string(),
});
/** One audit event. */
export type AuditEventView = z.infer<typeof AuditEventView>;

/** A page of audit events, ordered by sequence number. */
export const AuditEventPage = pageOf(AuditEventView);
/** A page of audit events. */
export type AuditEventPage = z.infer<typeof AuditEventPage>;

/** GET /audit/event-types: one entry per known event type, for filters. */
export const AuditEventTypeView = z.object({ type: z.string(), labelJa: z.string(), labelEn: z.string() });
/** The list of known event types with their labels. */
export const AuditEventTypeList = z.array(AuditEventTypeView);
/** An event type with its labels. */
export type AuditEventTypeView = z.infer<typeof AuditEventTypeView>;

/** Why verification stopped at an event: its hash, its link to the previous event, or its sequence number. */
export const ChainBreakReason = z.enum(['hash_mismatch', 'prev_hash_mismatch', 'sequence_gap']);
/** A chain break reason. */
export type ChainBreakReason = z.infer<typeof ChainBreakReason>;

/**
 * POST /audit/verify: whether the organisation's chain is intact up to the head it had when verification began.
 * `checked` counts the events examined (including the broken one); `head` is the last event found intact, whose hash
 * an operator can keep outside Kakine to detect a later rewrite or truncation of the trail.
 */
export const AuditVerifyResult = z.object({
  intact: z.boolean(),
  checked: z.number().int(),
  firstBroken: z
    .object({
      seq: z.number().int(),
      id: z.uuid(),
      type: z.string(),
      occurredAt: StoredTime,
      reason: ChainBreakReason,
    })
    .nullable(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  verifiedAt: z.iso.datetime(),
});
/** The result of verifying an audit chain. */
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
