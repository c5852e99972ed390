import { type Locale, PASSWORD_WEAKNESS_REASONS, type PasswordWeaknessReason } from '@kakine/contracts';
import { Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PasswordField } from '../../../components/password-field';
import { fieldErrorMap, isApiError } from '../../../lib/api-client';
import { isLongEnough } from '../validation';

/**
 * The server's objection to a new password, for the password field: a field error, or for `auth/weak_password`
 * each reason it lists (`details.reasons`) in the UI language, or else the error's message.
 */
export const newPasswordServerError = (error: unknown, field: string, locale: Locale): string | undefined => {
  const fromField = fieldErrorMap(error)[field];
  if (fromField) return fromField;
  if (!isApiError(error, 'auth/weak_password')) return undefined;
  const reasons = (error.details as { reasons?: unknown } | null | undefined)?.reasons;
  const texts = Array.isArray(reasons)
    ? reasons
        .map((r) => PASSWORD_WEAKNESS_REASONS[r as PasswordWeaknessReason]?.[locale])
        .filter((text): text is (typeof PASSWORD_WEAKNESS_REASONS)[PasswordWeaknessReason][Locale] => Boolean(text))
    : [];
  return texts.length > 0 ? texts.join(' ') : error.message;
};

/** The values of a "new password + confirmation" pair. */
export type NewPasswordValue = { password: string; confirm: string };

/** Client-side checks of a new password pair; returns messages keyed by field. */
export const validateNewPassword = (
  value: NewPasswordValue,
  t: (key: 'validation.required' | 'validation.passwordMin' | 'validation.passwordMismatch') => string,
): { password?: string; confirm?: string } => {
  const errors: { password?: string; confirm?: string } = {};
  if (!value.password) errors.password = t('validation.required');
  else if (!isLongEnough(value.password)) errors.password = t('validation.passwordMin');
  if (value.password && value.confirm !== value.password) errors.confirm = t('validation.passwordMismatch');
  return errors;
};

/** A new password with its confirmation, both marked for password managers as a new password. */
export function NewPasswordFields({
  value,
  onChange,
  errors,
  passwordLabel,
}: {
  value: NewPasswordValue;
  onChange: (value: NewPasswordValue) => void;
  errors: { password?: string; confirm?: string };
  passwordLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PasswordField
        label={passwordLabel ?? t('auth.newPassword')}
        description={t('auth.passwordHint')}
        autoComplete="new-password"
        required
        value={value.password}
        onChange={(e) => onChange({ ...value, password: e.currentTarget.value })}
        error={errors.password}
      />
      <PasswordField
        label={t('auth.confirmPassword')}
        autoComplete="new-password"
        required
        value={value.confirm}
        onChange={(e) => onChange({ ...value, confirm: e.currentTarget.value })}
        error={errors.confirm}
      />
    </Stack>
  );
}
