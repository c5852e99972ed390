import { z } from 'zod';
import { EmailAddress } from './auth';
import { LocaleSchema } from './common';

/** The shortest password the platform accepts (characters, not bytes). */
export const PASSWORD_MIN_LENGTH = 12;
/** The longest password the platform accepts; argon2 hashes any length, this only bounds the work per request. */
export const PASSWORD_MAX_LENGTH = 1024;

/** A new password as a form checks it; the server also checks it against common passwords (`auth/weak_password`). */
export const NewPassword = z.string().min(PASSWORD_MIN_LENGTH).max(PASSWORD_MAX_LENGTH);

/** An existing password typed to confirm who is at the keyboard. */
export const CurrentPassword = z.string().min(1).max(PASSWORD_MAX_LENGTH);

/** Why a password was refused; `auth/weak_password` lists these in `details.reasons`. */
export const PASSWORD_WEAKNESS_REASONS = {
  too_short: { ja: '12文字以上にしてください。', en: 'Use at least 12 characters.' },
  too_long: { ja: '1024文字以下にしてください。', en: 'Use at most 1024 characters.' },
  common: {
    ja: 'よく使われているパスワード（またはその語に数字や記号を足しただけのもの）は使えません。',
    en: 'This is a commonly used password (or one with only digits or symbols added).',
  },
  contains_email: {
    ja: 'メールアドレスの@より前の部分を含めないでください。',
    en: 'Do not include the part of your e-mail address before the @.',
  },
  repetitive: {
    ja: '同じ文字の繰り返しや連続した文字（123456…、abcdef…）は使えません。',
    en: 'Do not use repeated or sequential characters (123456…, abcdef…).',
  },
  same_as_current: {
    ja: '現在のパスワードとは異なるパスワードにしてください。',
    en: 'Choose a password different from the current one.',
  },
} as const;
/** A reason why a password was refused. */
export type PasswordWeaknessReason = keyof typeof PASSWORD_WEAKNESS_REASONS;

/** Body of POST /account/password. */
export const ChangePasswordBody = z.object({ currentPassword: CurrentPassword, newPassword: NewPassword });

/** Response of POST /account/totp/setup: the new secret, its otpauth:// URI and the URI as a QR code PNG data URL. */
export const TotpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });

/** Body of POST /account/totp/confirm: the 6-digit code the authenticator app shows. */
export const TotpConfirmBody = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/),
});

/** Responses that hand out new recovery codes; they are shown once and stored only as hashes. */
export const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

/**
 * Body of POST /account/totp/recovery-codes. The password may be left out only shortly after signing in
 * (otherwise `auth/reauthentication_required`).
 */
export const RegenerateRecoveryCodesBody = z.object({ password: CurrentPassword.optional() });

/** Body of POST /account/totp/disable: the current password confirms it. */
export const DisableTotpBody = z.object({ password: CurrentPassword });

/** Body of PATCH /account/preferences. */
export const PreferencesBody = z.object({ locale: LocaleSchema });

/** Body of POST /auth/password-reset/request. The answer is the same whether or not the address has an account. */
export const PasswordResetRequestBody = z.object({ email: EmailAddress });

/** A single-use token from an e-mailed link (invitation or password reset). */
export const LinkToken = z.string().trim().min(16).max(256);

/** Body of POST /auth/password-reset/complete. */
export const PasswordResetCompleteBody = z.object({ token: LinkToken, password: NewPassword });
