import { z } from 'zod';

/** A user-facing text in both languages. */
export type Bilingual = { readonly ja: string; readonly en: string };

/**
 * Every stable error code with its HTTP status and bilingual message; clients branch on the code, never the text.
 * Modules add their codes here, prefixed with the module name.
 */
export const ERROR_CODES = {
  'request/invalid': { status: 400, ja: '入力内容に誤りがあります。', en: 'The request is invalid.' },
  'request/unsupported_media_type': {
    status: 415,
    ja: 'このファイル形式には対応していません。',
    en: 'This content type is not supported.',
  },
  'request/too_large': { status: 413, ja: 'ファイルが大きすぎます。', en: 'The upload is too large.' },
  'request/rate_limited': {
    status: 429,
    ja: '短時間に多くのリクエストがありました。しばらくしてからお試しください。',
    en: 'Too many requests. Please try again later.',
  },
  'request/not_found': { status: 404, ja: '指定されたページが見つかりません。', en: 'No such route.' },
  'auth/unauthenticated': { status: 401, ja: 'サインインしてください。', en: 'Please sign in.' },
  'auth/csrf_failed': {
    status: 403,
    ja: 'セキュリティトークンが無効です。ページを再読み込みしてください。',
    en: 'The security token is invalid. Please reload the page.',
  },
  'auth/forbidden': {
    status: 403,
    ja: 'この操作を行う権限がありません。',
    en: 'You do not have permission to do this.',
  },
  'auth/invalid_credentials': {
    status: 401,
    ja: 'メールアドレスまたはパスワードが正しくありません。',
    en: 'The e-mail address or password is incorrect.',
  },
  'auth/account_locked': {
    status: 423,
    ja: 'サインインの失敗が続いたため、アカウントを一時的にロックしました。',
    en: 'The account is temporarily locked after repeated failed sign-ins.',
  },
  'auth/account_disabled': { status: 403, ja: 'このアカウントは無効です。', en: 'This account is disabled.' },
  'auth/second_factor_required': {
    status: 401,
    ja: '確認コードを入力してください。',
    en: 'Enter your verification code.',
  },
  'auth/invalid_second_factor': {
    status: 401,
    ja: '確認コードが正しくありません。',
    en: 'The verification code is incorrect.',
  },
  'auth/second_factor_already_enrolled': {
    status: 409,
    ja: '二要素認証はすでに登録されています。',
    en: 'A second factor is already enrolled.',
  },
  'auth/second_factor_not_enrolled': {
    status: 409,
    ja: '二要素認証が登録されていません。',
    en: 'No second factor is enrolled.',
  },
  'auth/enrolment_required': {
    status: 403,
    ja: '続行するには二要素認証を登録してください。',
    en: 'Enrol a second factor to continue.',
  },
  'auth/weak_password': {
    status: 422,
    ja: 'パスワードが弱すぎます。12文字以上で、よく使われるパスワードは避けてください。',
    en: 'The password is too weak: use at least 12 characters and avoid common passwords.',
  },
  'auth/wrong_password': {
    status: 422,
    ja: '現在のパスワードが正しくありません。',
    en: 'The current password is incorrect.',
  },
  'auth/reauthentication_required': {
    status: 403,
    ja: '安全のため、現在のパスワードを入力してください。',
    en: 'For your security, enter your current password.',
  },
  'auth/totp_setup_missing': {
    status: 409,
    ja: '二要素認証の設定が開始されていません。QRコードの発行からやり直してください。',
    en: 'Two-factor set-up has not been started. Issue a new QR code and try again.',
  },
  'auth/token_invalid': {
    status: 400,
    ja: 'リンクが無効か、有効期限が切れています。',
    en: 'The link is invalid or has expired.',
  },
  'users/email_taken': {
    status: 409,
    ja: 'このメールアドレスはすでに登録されています。',
    en: 'This e-mail address is already registered.',
  },
  'users/invalid_role': {
    status: 422,
    ja: 'この組織では使えないロールです。',
    en: 'This role does not exist for this organisation.',
  },
  'users/last_admin': {
    status: 409,
    ja: '最後の管理者の権限は外せません。無効にすることもできません。',
    en: 'The last active administrator cannot lose the admin role or be disabled.',
  },
  'users/cannot_disable_self': {
    status: 409,
    ja: '自分自身のアカウントは無効にできません。',
    en: 'You cannot disable your own account.',
  },
  'users/not_locked': { status: 409, ja: 'このユーザーはロックされていません。', en: 'This user is not locked.' },
  'users/second_factor_not_enrolled': {
    status: 409,
    ja: 'このユーザーは二要素認証を登録していません。',
    en: 'This user has no second factor enrolled.',
  },
  'users/not_found': { status: 404, ja: 'ユーザーが見つかりません。', en: 'No such user.' },
  'invitations/not_found': { status: 404, ja: '招待が見つかりません。', en: 'No such invitation.' },
  'invitations/not_pending': {
    status: 409,
    ja: 'この招待はすでに承諾・取り消し済みか、有効期限が切れています。',
    en: 'This invitation has already been accepted, revoked or has expired.',
  },
  'outbox/not_available': {
    status: 404,
    ja: '送信メールの一覧はデモ環境でのみ表示できます。',
    en: 'The e-mail outbox is shown in demo mode only.',
  },
  'audit/not_found': { status: 404, ja: '監査イベントが見つかりません。', en: 'No such audit event.' },
  'audit/export_too_large': {
    status: 422,
    ja: 'エクスポートする件数が上限を超えています。条件を絞り込んでください。',
    en: 'Too many events to export at once. Narrow the filters.',
  },
  'catalogue/not_found': { status: 404, ja: 'カタログが見つかりません。', en: 'No such catalogue.' },
  'catalogue/invalid_file': {
    status: 422,
    ja: 'カタログファイルを読み込めません。',
    en: 'The catalogue file cannot be read.',
  },
  'catalogue/version_exists': {
    status: 409,
    ja: '同じ発効日のバージョンがすでにあります。',
    en: 'A version with this effective date already exists.',
  },
  'catalogue/version_not_found': {
    status: 404,
    ja: '指定されたカタログのバージョンが見つかりません。',
    en: 'No such version of this catalogue.',
  },
  'files/not_found': { status: 404, ja: 'ファイルが見つかりません。', en: 'No such file.' },
  'files/empty': { status: 422, ja: '空のファイルはアップロードできません。', en: 'The file is empty.' },
  'files/unknown_record_type': {
    status: 422,
    ja: 'この種類の記録にはファイルを添付できません。',
    en: 'Files cannot be attached to this kind of record.',
  },
  'files/content_missing': {
    status: 500,
    ja: 'ファイルの内容が保存領域に見つからないか、改ざんされています。管理者に連絡してください。',
    en: 'The stored content of this file is missing or altered. Please contact the administrator.',
  },
  'jobs/not_found': { status: 404, ja: 'ジョブが見つかりません。', en: 'No such job.' },
  'jobs/failed': {
    status: 500,
    ja: 'ジョブの処理中に予期しないエラーが発生しました。',
    en: 'The job failed with an unexpected error.',
  },
  'jobs/interrupted': {
    status: 503,
    ja: 'ジョブの処理が中断されました。もう一度実行してください。',
    en: 'The job was interrupted. Please run it again.',
  },
  'notifications/not_found': { status: 404, ja: '通知が見つかりません。', en: 'No such notification.' },
  'server/unavailable': {
    status: 503,
    ja: 'サービスを一時的に利用できません。',
    en: 'The service is temporarily unavailable.',
  },
  'server/internal': {
    status: 500,
    ja: 'サーバーで予期しないエラーが発生しました。',
    en: 'An unexpected server error occurred.',
  },
} as const satisfies Record<string, Bilingual & { status: number }>;

/** A stable error code, such as `'auth/forbidden'`. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The one error shape every API error response has. */
export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
/** The body of every API error response. */
export type ErrorResponse = z.infer<typeof ErrorResponse>;
