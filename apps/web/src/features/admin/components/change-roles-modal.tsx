import { Button, Group, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/app-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { fieldErrorMap } from '../../../lib/api-client';
import type { AdminUser } from '../../../lib/api-types';
import { useSession } from '../../../lib/session';
import { useUpdateUser } from '../api';
import { RoleCheckboxes } from './role-checkboxes';

/** The dialog that changes one user's roles. */
export function ChangeRolesModal({ user, onClose }: { user: AdminUser | null; onClose: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const update = useUpdateUser();
  const [roles, setRoles] = useState<string[]>([]);
  const [error, setError] = useState<string | undefined>();
  const { reset } = update;

  useEffect(() => {
    setRoles(user?.roles ?? []);
    setError(undefined);
    reset();
  }, [user, reset]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!user) return;
    if (roles.length === 0) return setError(t('validation.rolesRequired'));
    setError(undefined);
    update.mutate(
      { id: user.id, roles },
      {
        onSuccess: () => {
          notifications.show({ color: 'hedge', message: t('admin.rolesSaved') });
          onClose();
        },
      },
    );
  };

  const server = fieldErrorMap(update.error);
  return (
    <AppModal
      opened={user !== null}
      onClose={onClose}
      title={user ? t('admin.changeRolesTitle', { name: user.displayName }) : ''}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <RoleCheckboxes
            kind={session.organisation.kind}
            value={roles}
            onChange={setRoles}
            error={error ?? server.roles}
          />
          {update.isError && !server.roles ? <ErrorAlert error={update.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
