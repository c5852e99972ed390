import { Anchor, Button, Divider, Group, Stack, Text, TextInput, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate, useRouter } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { PasswordField } from '../../../components/password-field';
import { fieldErrorMap } from '../../../lib/api-client';
import type { DemoAccount } from '../../../lib/api-types';
import { localeOf } from '../../../lib/i18n';
import { organisationKindLabel, roleLabel } from '../../../lib/i18n/labels';
import { startSession, useDemoAccounts, useSignIn } from '../api';
import { AuthCard } from '../components/auth-card';
import { rememberDemoAccount, rememberedDemoAccount } from '../demo-account-memory';
import { looksLikeEmail } from '../validation';

const route = getRouteApi('/public/sign-in');

/** Sign-in with e-mail and password; continues to the second factor or enrolment when the server asks for it. */
export function SignInPage() {
  const { t } = useTranslation();
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const router = useRouter();
  const queryClient = useQueryClient();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [announcement, setAnnouncement] = useState('');
  const submitRef = useRef<HTMLButtonElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!email.trim()) next.email = t('validation.required');
    else if (!looksLikeEmail(email)) next.email = t('validation.email');
    if (!password) next.password = t('validation.required');
    setErrors(next);
    if (next.email || next.password) return;
    if (rememberedDemoAccount() !== email.trim()) rememberDemoAccount(null);
    signIn.mutate(
      { email: email.trim(), password },
      {
        onSuccess: async ({ next: step }) => {
          if (step === 'second_factor') {
            await navigate({ to: '/sign-in/second-factor', search: { redirect } });
          } else if (step === 'enrol_second_factor') {
            await navigate({ to: '/enrol-second-factor', search: { redirect } });
          } else {
            await startSession(queryClient);
            router.history.push(redirect ?? '/');
          }
        },
      },
    );
  };

  const fill = (account: DemoAccount) => {
    rememberDemoAccount(account.email);
    setEmail(account.email);
    setPassword(account.password);
    setErrors({});
    signIn.reset();
    setAnnouncement(t('auth.signIn.demoFilled', { name: account.displayName }));
    submitRef.current?.focus();
  };

  const server = fieldErrorMap(signIn.error);
  return (
    <Stack gap="lg">
      <AuthCard title={t('auth.signIn.title')} description={t('auth.signIn.description')}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <TextInput
              label={t('common.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={errors.email ?? server.email}
            />
            <PasswordField
              label={t('common.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={errors.password ?? server.password}
            />
            {signIn.isError && !server.email && !server.password ? <ErrorAlert error={signIn.error} /> : null}
            <Button type="submit" loading={signIn.isPending} ref={submitRef} fullWidth>
              {t('auth.signIn.submit')}
            </Button>
            <Anchor component={Link} to="/forgot-password" size="sm" ta="center">
              {t('auth.signIn.forgot')}
            </Anchor>
          </Stack>
        </form>
        <VisuallyHidden aria-live="polite">{announcement}</VisuallyHidden>
      </AuthCard>
      <DemoAccounts onPick={fill} />
    </Stack>
  );
}

function DemoAccounts({ onPick }: { onPick: (account: DemoAccount) => void }) {
  const { t, i18n } = useTranslation();
  const accounts = useDemoAccounts();
  const locale = localeOf(i18n);
  if (!accounts.data || accounts.data.length === 0) return null;
  return (
    <section aria-labelledby="demo-accounts-title">
      <Stack gap="xs" p="lg" bg="white" style={{ border: '1px dashed var(--mantine-color-gray-4)', borderRadius: 8 }}>
        <Text component="h2" fw={600} size="md" id="demo-accounts-title">
          {t('auth.signIn.demoTitle')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('auth.signIn.demoDescription')}
        </Text>
        <Divider />
        <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {accounts.data.map((account) => {
            const organisation = locale === 'en' ? account.organisationNameEn : account.organisationNameJa;
            return (
              <li key={account.email}>
                <UnstyledButton
                  onClick={() => onPick(account)}
                  w="100%"
                  p="xs"
                  aria-label={t('auth.signIn.demoFill', { name: account.displayName, organisation })}
                  style={{ borderRadius: 6 }}
                  className="demo-account"
                >
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Stack gap={0}>
                      <Text size="sm" fw={600}>
                        {account.displayName}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {organisation}（{organisationKindLabel(t, account.organisationKind)}）
                      </Text>
                    </Stack>
                    <Text size="xs" c="dimmed" ta="right">
                      {account.roles.map((role) => roleLabel(t, role)).join('・')}
                    </Text>
                  </Group>
                </UnstyledButton>
              </li>
            );
          })}
        </Stack>
      </Stack>
    </section>
  );
}
