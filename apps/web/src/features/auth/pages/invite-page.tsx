import { Alert, Anchor, Badge, Button, Group, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, useRouter } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadingState } from '../../../components/loading-state';
import { fieldErrorMap } from '../../../lib/api-client';
import type { InvitationLookup } from '../../../lib/api-types';
import { localeOf } from '../../../lib/i18n';
import { roleLabel } from '../../../lib/i18n/labels';
import { startSession, useAcceptInvitation, useInvitationLookup } from '../api';
import { AuthCard } from '../components/auth-card';
import {
  NewPasswordFields,
  type NewPasswordValue,
  newPasswordServerError,
  validateNewPassword,
} from '../components/new-password-fields';
import { RecoveryCodesPanel } from '../components/recovery-codes-panel';
import { TotpEnrolment } from '../components/totp-enrolment';
import { isDisplayName } from '../validation';

const route = getRouteApi('/public/invite');

/**
 * Invitation acceptance (`/invite?token=…`): shows the organisation and e-mail, sets display name and password,
 * then enrols TOTP and shows the recovery codes once.
 */
export function InvitePage() {
  const { t } = useTranslation();
  const { token } = route.useSearch();
  const lookup = useInvitationLookup(token);

  if (!token) {
    return (
      <AuthCard title={t('auth.invite.title')}>
        <Alert color="red" variant="light">
          {t('auth.invite.missingToken')}
        </Alert>
      </AuthCard>
    );
  }
  if (lookup.isPending) return <LoadingState />;
  if (lookup.isError) {
    return (
      <AuthCard title={t('auth.invite.title')}>
        <ErrorAlert error={lookup.error} />
        <Anchor component={Link} to="/sign-in" size="sm">
          {t('auth.backToSignIn')}
        </Anchor>
      </AuthCard>
    );
  }
  return <InviteSteps token={token} invitation={lookup.data} />;
}

function InviteSteps({ token, invitation }: { token: string; invitation: InvitationLookup }) {
  const { t, i18n } = useTranslation();
  const [step, setStep] = useState(0);
  const [codes, setCodes] = useState<string[]>([]);
  const queryClient = useQueryClient();
  const router = useRouter();
  const organisation = localeOf(i18n) === 'en' ? invitation.organisationNameEn : invitation.organisationNameJa;

  const finish = async () => {
    await startSession(queryClient);
    router.history.push('/');
  };

  return (
    <AuthCard title={t('auth.invite.title')} description={t('auth.invite.description', { organisation })}>
      <Stepper active={step} size="sm" allowNextStepsSelect={false}>
        <Stepper.Step label={t('auth.invite.stepAccount')}>
          <AccountStep token={token} invitation={invitation} organisation={organisation} onDone={() => setStep(1)} />
        </Stepper.Step>
        <Stepper.Step label={t('auth.invite.stepSecondFactor')}>
          <TotpEnrolment
            onEnrolled={(recoveryCodes) => {
              setCodes(recoveryCodes);
              setStep(2);
            }}
          />
        </Stepper.Step>
        <Stepper.Step label={t('auth.invite.stepRecovery')}>
          <RecoveryCodesPanel codes={codes} onDone={() => setStep(3)} />
        </Stepper.Step>
        <Stepper.Completed>
          <Stack gap="md">
            <Alert color="hedge" variant="light" icon={<IconCircleCheck aria-hidden="true" />} role="status">
              {t('auth.invite.done')}
            </Alert>
            <Button onClick={() => void finish()} fullWidth>
              {t('auth.invite.start')}
            </Button>
          </Stack>
        </Stepper.Completed>
      </Stepper>
    </AuthCard>
  );
}

function AccountStep({
  token,
  invitation,
  organisation,
  onDone,
}: {
  token: string;
  invitation: InvitationLookup;
  organisation: string;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const accept = useAcceptInvitation();
  const [displayName, setDisplayName] = useState(invitation.displayName);
  const [password, setPassword] = useState<NewPasswordValue>({ password: '', confirm: '' });
  const [errors, setErrors] = useState<{ displayName?: string; password?: string; confirm?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      ...validateNewPassword(password, t),
      displayName: isDisplayName(displayName) ? undefined : t('validation.required'),
    };
    setErrors(next);
    if (next.displayName || next.password || next.confirm) return;
    accept.mutate({ token, displayName: displayName.trim(), password: password.password }, { onSuccess: onDone });
  };

  const server = fieldErrorMap(accept.error);
  const passwordError = newPasswordServerError(accept.error, 'password', localeOf(i18n));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" mt="md">
        <Stack gap={6} p="sm" bg="gray.0" style={{ borderRadius: 8 }}>
          <Group gap="xs">
            <Text size="sm" c="dimmed" w={120}>
              {t('auth.invite.organisation')}
            </Text>
            <Text size="sm" fw={600}>
              {organisation}
            </Text>
          </Group>
          <Group gap="xs">
            <Text size="sm" c="dimmed" w={120}>
              {t('common.email')}
            </Text>
            <Text size="sm">{invitation.email}</Text>
          </Group>
          <Group gap="xs" align="flex-start">
            <Text size="sm" c="dimmed" w={120}>
              {t('auth.invite.roles')}
            </Text>
            <Group gap={4}>
              {invitation.roles.map((role) => (
                <Badge key={role} color="gray">
                  {roleLabel(t, role)}
                </Badge>
              ))}
            </Group>
          </Group>
        </Stack>
        {/* Lets password managers store the new credentials under the invited address. */}
        <input type="email" name="username" autoComplete="username" value={invitation.email} readOnly hidden />
        <TextInput
          label={t('common.displayName')}
          autoComplete="name"
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.currentTarget.value)}
          error={errors.displayName ?? server.displayName}
        />
        <NewPasswordFields
          value={password}
          onChange={setPassword}
          errors={{ password: errors.password ?? passwordError, confirm: errors.confirm }}
        />
        {accept.isError && !passwordError && !server.displayName ? <ErrorAlert error={accept.error} /> : null}
        <Button type="submit" loading={accept.isPending} fullWidth>
          {t('auth.invite.submit')}
        </Button>
      </Stack>
    </form>
  );
}
