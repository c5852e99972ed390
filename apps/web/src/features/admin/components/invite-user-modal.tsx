import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/app-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { fieldErrorMap, isApiError } from '../../../lib/api-client';
import { useSession } from '../../../lib/session';
import { looksLikeEmail } from '../../auth/validation';
import { useInviteUser } from '../api';
import { RoleCheckboxes } from './role-checkboxes';

/** The "invite user" dialog: e-mail, display name and roles allowed for the organisation's kind. */
export function InviteUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const invite = useInviteUser();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ email?: string; displayName?: string; roles?: string }>({});

  const close = () => {
    setEmail('');
    setDisplayName('');
    setRoles([]);
    setErrors({});
    invite.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      email: !email.trim() ? t('validation.required') : looksLikeEmail(email) ? undefined : t('validation.email'),
      displayName: displayName.trim() ? undefined : t('validation.required'),
      roles: roles.length > 0 ? undefined : t('validation.rolesRequired'),
    };
    setErrors(found);
    if (found.email || found.displayName || found.roles) return;
    invite.mutate(
      { email: email.trim(), displayName: displayName.trim(), roles },
      {
        onSuccess: () => {
          notifications.show({ color: 'hedge', message: t('admin.invited', { email: email.trim() }) });
          close();
        },
      },
    );
  };

  const server = fieldErrorMap(invite.error);
  const emailTaken = isApiError(invite.error, 'users/email_taken');
  return (
    <AppModal opened={opened} onClose={close} title={t('admin.inviteTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('admin.inviteDescription')}
          </Text>
          <TextInput
            label={t('common.email')}
            type="email"
            autoComplete="off"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={errors.email ?? server.email ?? (emailTaken ? invite.error?.message : undefined)}
          />
          <TextInput
            label={t('common.displayName')}
            autoComplete="off"
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.currentTarget.value)}
            error={errors.displayName ?? server.displayName}
          />
          <RoleCheckboxes
            kind={session.organisation.kind}
            value={roles}
            onChange={setRoles}
            error={errors.roles ?? server.roles}
          />
          {invite.isError && !emailTaken && Object.keys(server).length === 0 ? (
            <ErrorAlert error={invite.error} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t('admin.inviteSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
