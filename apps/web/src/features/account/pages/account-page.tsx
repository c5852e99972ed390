import { Badge, Button, Divider, Group, Paper, Radio, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageToggle } from '../../../app/language-toggle';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { PasswordField } from '../../../components/password-field';
import { fieldErrorMap, isApiError } from '../../../lib/api-client';
import { setCalendarStyle, useCalendarStyle } from '../../../lib/display-preferences';
import { localeOf } from '../../../lib/i18n';
import { organisationKindLabel, roleLabel } from '../../../lib/i18n/labels';
import { useSession } from '../../../lib/session';
import { reloadSession } from '../../auth/api';
import {
  NewPasswordFields,
  type NewPasswordValue,
  newPasswordServerError,
  validateNewPassword,
} from '../../auth/components/new-password-fields';
import { RecoveryCodesPanel } from '../../auth/components/recovery-codes-panel';
import { TotpEnrolment } from '../../auth/components/totp-enrolment';
import { useChangePassword, useDisableTotp, useRegenerateRecoveryCodes } from '../api';

/** Account settings: profile, language and date style, password, two-factor authentication and recovery codes. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t('account.title')} description={t('account.description')} />
      <Stack gap="lg" maw={760}>
        <ProfileSection />
        <DisplaySection />
        <PasswordSection />
        <TwoFactorSection />
      </Stack>
    </>
  );
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Paper p="lg" component="section" aria-labelledby={id}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="h4" id={id}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </Stack>
        {children}
      </Stack>
    </Paper>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="md" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" w={140} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <div>{children}</div>
    </Group>
  );
}

function ProfileSection() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const organisation = localeOf(i18n) === 'en' ? session.organisation.nameEn : session.organisation.nameJa;
  return (
    <Section id="account-profile" title={t('account.profile.heading')}>
      <Stack gap="xs">
        <Row label={t('account.profile.displayName')}>
          <Text size="sm">{session.user.displayName}</Text>
        </Row>
        <Row label={t('account.profile.email')}>
          <Text size="sm">{session.user.email}</Text>
        </Row>
        <Row label={t('account.profile.organisation')}>
          <Text size="sm">
            {organisation}（{organisationKindLabel(t, session.organisation.kind)}）
          </Text>
        </Row>
        <Row label={t('account.profile.roles')}>
          <Group gap={4}>
            {session.user.roles.map((role) => (
              <Badge key={role} color="gray">
                {roleLabel(t, role)}
              </Badge>
            ))}
          </Group>
        </Row>
      </Stack>
    </Section>
  );
}

function DisplaySection() {
  const { t } = useTranslation();
  const calendar = useCalendarStyle();
  return (
    <Section id="account-display" title={t('account.display.heading')} description={t('account.display.description')}>
      <Group gap="md" align="center">
        <Text size="sm" fw={500} id="account-language-label">
          {t('language.label')}
        </Text>
        <LanguageToggle size="sm" />
      </Group>
      <Radio.Group
        label={t('account.display.dateStyle')}
        description={t('account.display.dateStyleHint')}
        value={calendar}
        onChange={(value) => setCalendarStyle(value === 'japanese' ? 'japanese' : 'gregorian')}
      >
        <Stack gap="xs" mt="xs">
          <Radio value="gregorian" label={t('account.display.gregorian')} />
          <Radio value="japanese" label={t('account.display.japanese')} />
        </Stack>
      </Radio.Group>
    </Section>
  );
}

function PasswordSection() {
  const { t, i18n } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const [errors, setErrors] = useState<{ current?: string; password?: string; confirm?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = { ...validateNewPassword(next, t), current: current ? undefined : t('validation.required') };
    setErrors(found);
    if (found.current || found.password || found.confirm) return;
    change.mutate(
      { currentPassword: current, newPassword: next.password },
      {
        onSuccess: () => {
          setCurrent('');
          setNext({ password: '', confirm: '' });
          notifications.show({ color: 'hedge', message: t('account.password.changed') });
        },
      },
    );
  };

  const server = fieldErrorMap(change.error);
  const wrongCurrent = isApiError(change.error, 'auth/wrong_password');
  const newPasswordError = newPasswordServerError(change.error, 'newPassword', localeOf(i18n));
  return (
    <Section id="account-password" title={t('account.password.heading')}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={420}>
          <PasswordField
            label={t('account.password.current')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.current ?? server.currentPassword ?? (wrongCurrent ? change.error?.message : undefined)}
          />
          <NewPasswordFields
            value={next}
            onChange={setNext}
            errors={{
              password: errors.password ?? newPasswordError,
              confirm: errors.confirm,
            }}
          />
          {change.isError && !wrongCurrent && !newPasswordError && !server.currentPassword ? (
            <ErrorAlert error={change.error} />
          ) : null}
          <Group>
            <Button type="submit" loading={change.isPending}>
              {t('account.password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}

function TwoFactorSection() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'idle' | 'enrolling' | 'codes'>('idle');
  const [codes, setCodes] = useState<string[]>([]);

  const showCodes = (recoveryCodes: string[]) => {
    setCodes(recoveryCodes);
    setMode('codes');
    void reloadSession(queryClient);
  };

  return (
    <Section id="account-2fa" title={t('account.twoFactor.heading')} description={t('account.twoFactor.description')}>
      <Row label={t('account.twoFactor.status')}>
        <Badge color={session.user.totpEnrolled ? 'hedge' : 'gray'}>
          {session.user.totpEnrolled ? t('account.twoFactor.enrolled') : t('account.twoFactor.notEnrolled')}
        </Badge>
      </Row>
      {mode === 'codes' ? (
        <RecoveryCodesPanel
          codes={codes}
          onDone={() => {
            setCodes([]);
            setMode('idle');
          }}
        />
      ) : null}
      {mode === 'enrolling' ? (
        <Stack gap="sm">
          <TotpEnrolment
            onEnrolled={(recoveryCodes) => {
              notifications.show({ color: 'hedge', message: t('account.twoFactor.enrolledDone') });
              showCodes(recoveryCodes);
            }}
          />
          <Group>
            <Button variant="default" onClick={() => setMode('idle')}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      {mode === 'idle' && !session.user.totpEnrolled ? (
        <Group>
          <Button onClick={() => setMode('enrolling')}>{t('account.twoFactor.enrol')}</Button>
        </Group>
      ) : null}
      {mode === 'idle' && session.user.totpEnrolled ? (
        <Stack gap="lg">
          <Divider />
          <RegenerateCodes onCodes={showCodes} />
          <Divider />
          <DisableTotp />
        </Stack>
      ) : null}
    </Section>
  );
}

function RegenerateCodes({ onCodes }: { onCodes: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const regenerate = useRegenerateRecoveryCodes();
  return (
    <PasswordConfirmedForm
      heading={t('account.twoFactor.regenerateHeading')}
      description={t('account.twoFactor.regenerateDescription')}
      passwordLabel={t('account.twoFactor.regeneratePassword')}
      submitLabel={t('account.twoFactor.regenerateSubmit')}
      mutation={regenerate}
      onConfirm={(password, clear) =>
        regenerate.mutate(
          { password },
          {
            onSuccess: (result) => {
              clear();
              onCodes(result.recoveryCodes);
            },
          },
        )
      }
    />
  );
}

function DisableTotp() {
  const { t } = useTranslation();
  const disable = useDisableTotp();
  const queryClient = useQueryClient();
  return (
    <PasswordConfirmedForm
      heading={t('account.twoFactor.disableHeading')}
      description={t('account.twoFactor.disableDescription')}
      passwordLabel={t('account.password.current')}
      submitLabel={t('account.twoFactor.disableSubmit')}
      danger
      mutation={disable}
      onConfirm={(password, clear) =>
        disable.mutate(
          { password },
          {
            onSuccess: async () => {
              clear();
              notifications.show({ color: 'hedge', message: t('account.twoFactor.disabled') });
              await reloadSession(queryClient);
            },
          },
        )
      }
    />
  );
}

/** A two-factor action confirmed with the current password; `clear` empties the field once the action succeeds. */
function PasswordConfirmedForm({
  heading,
  description,
  passwordLabel,
  submitLabel,
  danger = false,
  mutation,
  onConfirm,
}: {
  heading: string;
  description: string;
  passwordLabel: string;
  submitLabel: string;
  danger?: boolean;
  mutation: { error: unknown; isError: boolean; isPending: boolean };
  onConfirm: (password: string, clear: () => void) => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!password) return setError(t('validation.required'));
    setError(undefined);
    onConfirm(password, () => setPassword(''));
  };

  const server = fieldErrorMap(mutation.error);
  const wrong = isApiError(mutation.error, 'auth/wrong_password') ? mutation.error.message : undefined;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" maw={420}>
        <Title order={3} fz="h5">
          {heading}
        </Title>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
        <PasswordField
          label={passwordLabel}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={error ?? server.password ?? wrong}
        />
        {mutation.isError && !server.password && !wrong ? <ErrorAlert error={mutation.error} /> : null}
        <Group>
          <Button
            type="submit"
            {...(danger ? { color: 'red', variant: 'outline' } : { variant: 'default' })}
            loading={mutation.isPending}
          >
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
