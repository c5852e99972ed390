import { Anchor, Button, Stack, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { fieldErrorMap, isApiError } from '../../../lib/api-client';
import { startSession, useDemoAccounts, useSecondFactor } from '../api';
import { AuthCard } from '../components/auth-card';
import { CodeInput } from '../components/code-input';
import { rememberedDemoAccount } from '../demo-account-memory';
import { isTotpCode, normaliseCode } from '../validation';

const route = getRouteApi('/public/sign-in/second-factor');

/** The second sign-in step: a 6-digit code from the authenticator app, or one recovery code. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  const { redirect } = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const verify = useSecondFactor();
  const [mode, setMode] = useState<'totp' | 'recovery'>('totp');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);

  const switchMode = () => {
    setMode((m) => (m === 'totp' ? 'recovery' : 'totp'));
    setCode('');
    setError(undefined);
    verify.reset();
    setTimeout(() => inputRef.current?.focus(), 0);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = mode === 'totp' ? normaliseCode(code) : code.trim();
    if (mode === 'totp' && !isTotpCode(value)) return setError(t('validation.totp'));
    if (mode === 'recovery' && !value) return setError(t('validation.recoveryCode'));
    setError(undefined);
    verify.mutate(
      { code: value },
      {
        onSuccess: async () => {
          await startSession(queryClient);
          router.history.push(redirect ?? '/');
        },
      },
    );
  };

  const wrong = isApiError(verify.error, 'auth/invalid_second_factor') ? verify.error.message : undefined;
  const fieldError = error ?? fieldErrorMap(verify.error).code ?? wrong;
  return (
    <AuthCard
      title={t('auth.secondFactor.title')}
      description={mode === 'totp' ? t('auth.secondFactor.description') : t('auth.secondFactor.recoveryDescription')}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <CodeInput
            key={mode}
            inputRef={inputRef}
            autoFocus
            recovery={mode === 'recovery'}
            label={mode === 'totp' ? t('auth.secondFactor.codeLabel') : t('auth.secondFactor.recoveryLabel')}
            value={code}
            onChange={setCode}
            error={fieldError}
          />
          {verify.isError && !fieldError ? <ErrorAlert error={verify.error} /> : null}
          <Button type="submit" loading={verify.isPending} fullWidth>
            {t('auth.secondFactor.submit')}
          </Button>
          {mode === 'totp' ? (
            <DemoCodeButton
              onCode={(demoCode) => {
                setCode(demoCode);
                setError(undefined);
                verify.reset();
              }}
            />
          ) : null}
          <Button variant="subtle" size="sm" onClick={switchMode}>
            {mode === 'totp' ? t('auth.secondFactor.useRecovery') : t('auth.secondFactor.useTotp')}
          </Button>
          <Anchor component={Link} to="/sign-in" size="sm" ta="center">
            {t('auth.backToSignIn')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}

/** Demo mode only: fills in the current TOTP code of the demo account chosen on the sign-in page. */
function DemoCodeButton({ onCode }: { onCode: (code: string) => void }) {
  const { t } = useTranslation();
  const accounts = useDemoAccounts();
  const email = rememberedDemoAccount();
  const [announcement, setAnnouncement] = useState('');
  const account = accounts.data?.find((a) => a.email === email);
  if (!account?.totpCode) return null;

  const fill = async () => {
    const fresh = await accounts.refetch();
    const code = fresh.data?.find((a) => a.email === email)?.totpCode;
    if (code) {
      onCode(code);
      setAnnouncement(t('auth.secondFactor.demoCodeFilled'));
    }
  };

  return (
    <>
      <Button
        variant="light"
        color="yellow"
        c="dark.7"
        size="sm"
        onClick={() => void fill()}
        loading={accounts.isFetching}
      >
        {t('auth.secondFactor.demoCode')}
      </Button>
      <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
    </>
  );
}
