import { Alert, Anchor, Button, Stack, TextInput } from '@mantine/core';
import { IconMailCheck } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { fieldErrorMap } from '../../../lib/api-client';
import { usePasswordResetRequest } from '../api';
import { AuthCard } from '../components/auth-card';
import { looksLikeEmail } from '../validation';

/** Requests a password-reset e-mail; the answer is the same whether or not the address exists. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const request = usePasswordResetRequest();
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!email.trim()) return setError(t('validation.required'));
    if (!looksLikeEmail(email)) return setError(t('validation.email'));
    setError(undefined);
    request.mutate({ email: email.trim() });
  };

  const server = fieldErrorMap(request.error);
  return (
    <AuthCard title={t('auth.forgot.title')} description={t('auth.forgot.description')}>
      {request.isSuccess ? (
        <Alert color="hedge" variant="light" icon={<IconMailCheck aria-hidden="true" />} role="status">
          {t('auth.forgot.sent')}
        </Alert>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label={t('common.email')}
              type="email"
              autoComplete="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={error ?? server.email}
            />
            {request.isError && !server.email ? <ErrorAlert error={request.error} /> : null}
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('auth.forgot.submit')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} to="/sign-in" size="sm" ta="center">
        {t('auth.backToSignIn')}
      </Anchor>
    </AuthCard>
  );
}
