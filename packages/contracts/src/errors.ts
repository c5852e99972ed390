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
  'import/unreadable_file': {
    status: 422,
    ja: 'ファイルを読み込めません。CSV（UTF-8 または Shift_JIS）か Excel（.xlsx）のファイルを指定してください。',
    en: 'The file cannot be read. Use a CSV (UTF-8 or Shift_JIS) or Excel (.xlsx) file.',
  },
  'import/unsupported_encoding': {
    status: 422,
    ja: 'CSV の文字コードを判別できません。UTF-8 または Shift_JIS で保存してください。',
    en: 'The CSV encoding is not recognised. Save it as UTF-8 or Shift_JIS.',
  },
  'import/missing_columns': {
    status: 422,
    ja: '必須の列が見つかりません。テンプレートの見出し行を使ってください。',
    en: 'Required columns are missing. Use the header row of the template.',
  },
  'import/empty_file': { status: 422, ja: 'ファイルにデータ行がありません。', en: 'The file has no data rows.' },
  'import/too_many_rows': {
    status: 422,
    ja: '行数が上限を超えています。ファイルを分割してください。',
    en: 'The file has too many rows. Split it into smaller files.',
  },
  'import/rejected': {
    status: 422,
    ja: 'エラーのある行があるため、何も取り込みませんでした。エラーを直すか、正しい行だけを取り込んでください。',
    en: 'Some rows have errors, so nothing was imported. Fix them or import the valid rows only.',
  },
  'people/not_found': { status: 404, ja: '人員が見つかりません。', en: 'No such person.' },
  'people/employee_id_taken': {
    status: 409,
    ja: 'この社員番号はすでに登録されています。',
    en: 'This employee ID is already registered.',
  },
  'people/version_conflict': {
    status: 409,
    ja: 'ほかの人がこの人員情報を更新しました。再読み込みしてからやり直してください。',
    en: 'Someone else changed this person. Reload and try again.',
  },
  'people/in_use': {
    status: 409,
    ja: 'この人員はアクセス権やノウハウの記録で使われているため削除できません。退職済みにしてください。',
    en: 'This person is referred to by access grants or know-how records and cannot be deleted. Mark them as left.',
  },
  'register/not_found': { status: 404, ja: '技術が見つかりません。', en: 'No such technology.' },
  'register/code_taken': {
    status: 409,
    ja: 'この技術コードはすでに使われています。',
    en: 'This technology code is already in use.',
  },
  'register/version_conflict': {
    status: 409,
    ja: 'ほかの人がこの技術を更新しました。再読み込みしてからやり直してください。',
    en: 'Someone else changed this technology. Reload and try again.',
  },
  'register/unknown_classification': {
    status: 422,
    ja: 'この機密区分は設定されていません。',
    en: 'This classification level is not configured.',
  },
  'register/unknown_designated_technology': {
    status: 422,
    ja: '重要管理対象技術のカタログにないコードです。',
    en: 'This code is not in the designated technologies catalogue.',
  },
  'register/unknown_country': {
    status: 422,
    ja: '国・地域コードがカタログにありません。',
    en: 'This country code is not in the countries catalogue.',
  },
  'register/unknown_owner': {
    status: 422,
    ja: '技術オーナーには、この組織の有効なユーザーを指定してください。',
    en: 'The owner must be an active user of this organisation.',
  },
  'register/unknown_file': {
    status: 422,
    ja: '添付ファイルが見つかりません。アップロードし直してください。',
    en: 'An attached file was not found. Upload it again.',
  },
  'register/unknown_person': {
    status: 422,
    ja: '人員名簿にない人が指定されています。',
    en: 'A person who is not in the directory was given.',
  },
  'register/classification_in_use': {
    status: 409,
    ja: '使用中の機密区分は削除できません。先に該当する技術の区分を変更してください。',
    en: 'A classification level in use cannot be removed. Reclassify its technologies first.',
  },
  'register/technology_in_use': {
    status: 409,
    ja: 'この技術は案件や事前報告から参照されているため削除できません。アーカイブしてください。',
    en: 'This technology is referred to by a deal or report and cannot be deleted. Archive it instead.',
  },
  'register/archived': {
    status: 409,
    ja: 'アーカイブ済みの技術は変更できません。先に復元してください。',
    en: 'An archived technology cannot be changed. Restore it first.',
  },
  'register/not_archived': {
    status: 409,
    ja: 'この技術はアーカイブされていません。',
    en: 'This technology is not archived.',
  },
  'register/grant_not_found': { status: 404, ja: 'アクセス権が見つかりません。', en: 'No such access grant.' },
  'register/grant_revoked': {
    status: 409,
    ja: 'このアクセス権はすでに取り消されています。',
    en: 'This access grant has already been revoked.',
  },
  'register/grant_exists': {
    status: 409,
    ja: '同じ相手への有効なアクセス権がすでにあります。',
    en: 'An active grant to the same grantee already exists.',
  },
  'register/step_unknown': {
    status: 422,
    ja: 'ノウハウの記録が存在しない工程を指しています。',
    en: 'A know-how holding refers to a step that does not exist.',
  },
  'register/person_left': {
    status: 422,
    ja: '退職済みの人にはアクセス権を付与できません。',
    en: 'Access cannot be granted to someone who has left.',
  },
  'register/unknown_department': {
    status: 422,
    ja: '人員名簿にない部署です。部署名を確認してください。',
    en: 'No one in the directory belongs to this department. Check its name.',
  },
  'register/expiry_in_past': {
    status: 422,
    ja: '有効期限には今日以降の日付を指定してください。',
    en: 'The expiry date must be today or later.',
  },
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
