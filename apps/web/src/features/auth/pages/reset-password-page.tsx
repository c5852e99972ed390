import { Alert, Anchor, Button, Stack } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { isApiError } from '../../../lib/api-client';
import { localeOf } from '../../../lib/i18n';
import { usePasswordResetComplete } from '../api';
import { AuthCard } from '../components/auth-card';
import {
  NewPasswordFields,
  type NewPasswordValue,
  newPasswordServerError,
  validateNewPassword,
} from '../components/new-password-fields';

const route = getRouteApi('/public/reset-password');

/** Completes a password reset with the token from the e-mail link (`/reset-password?token=…`). */
export function ResetPasswordPage() {
  const { t, i18n } = useTranslation();
  const { token } = route.useSearch();
  const complete = usePasswordResetComplete();
  const [value, setValue] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const [errors, setErrors] = useState<{ password?: string; confirm?: string }>({});

  if (!token) {
    return (
      <AuthCard title={t('auth.reset.title')}>
        <Alert color="red" variant="light">
          {t('auth.reset.missingToken')}
        </Alert>
        <Anchor component={Link} to="/forgot-password" size="sm">
          {t('auth.reset.requestAgain')}
        </Anchor>
      </AuthCard>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = validateNewPassword(value, t);
    setErrors(next);
    if (next.password || next.confirm) return;
    complete.mutate({ token, password: value.password });
  };

  const passwordError = newPasswordServerError(complete.error, 'password', localeOf(i18n));
  const tokenInvalid = isApiError(complete.error, 'auth/token_invalid');
  return (
    <AuthCard title={t('auth.reset.title')} description={t('auth.reset.description')}>
      {complete.isSuccess ? (
        <Stack gap="md">
          <Alert color="hedge" variant="light" icon={<IconCircleCheck aria-hidden="true" />} role="status">
            {t('auth.reset.done')}
          </Alert>
          <Button component={Link} to="/sign-in" fullWidth>
            {t('auth.signIn.title')}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <NewPasswordFields
              value={value}
              onChange={setValue}
              errors={{ password: errors.password ?? passwordError, confirm: errors.confirm }}
            />
            {complete.isError && !passwordError ? <ErrorAlert error={complete.error} /> : null}
            {tokenInvalid ? (
              <Anchor component={Link} to="/forgot-password" size="sm">
                {t('auth.reset.requestAgain')}
              </Anchor>
            ) : null}
            <Button type="submit" loading={complete.isPending} fullWidth>
              {t('auth.reset.submit')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}
