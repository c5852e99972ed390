import { Button, Menu, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconDeviceDesktopOff, IconLogout, IconSettings, IconUserCircle } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../components/confirm-modal';
import { isApiError } from '../lib/api-client';
import { useSession } from '../lib/session';
import { useSignOut } from './sign-out';

/** The signed-in user's menu: account settings, sign out, sign out everywhere (after confirmation). */
export function UserMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const signOut = useSignOut();
  const [confirmOpened, confirm] = useDisclosure(false);

  const run = (everywhere: boolean) =>
    signOut.mutate(everywhere, {
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: t('errors.title'),
          message: isApiError(error) ? error.message : t('errors.unexpected'),
        }),
    });

  return (
    <>
      <Menu position="bottom-end" width={260} shadow="md">
        <Menu.Target>
          <Button
            variant="subtle"
            color="dark"
            leftSection={<IconUserCircle size={20} aria-hidden="true" />}
            rightSection={<IconChevronDown size={14} aria-hidden="true" />}
            styles={{ section: { marginInline: 4 } }}
            aria-label={t('shell.userMenu', { name: session.user.displayName })}
            px="xs"
          >
            <Text span size="sm" fw={600} className="nowrap" visibleFrom="sm">
              {session.user.displayName}
            </Text>
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{session.user.email}</Menu.Label>
          <Menu.Item component={Link} to="/account" leftSection={<IconSettings size={16} aria-hidden="true" />}>
            {t('nav.account')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden="true" />} onClick={() => run(false)}>
            {t('shell.signOut')}
          </Menu.Item>
          <Menu.Item
            color="red"
            leftSection={<IconDeviceDesktopOff size={16} aria-hidden="true" />}
            onClick={confirm.open}
          >
            {t('shell.signOutEverywhere')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ConfirmModal
        opened={confirmOpened}
        onClose={confirm.close}
        title={t('shell.signOutEverywhereTitle')}
        body={t('shell.signOutEverywhereBody')}
        confirmLabel={t('shell.signOutEverywhere')}
        danger
        loading={signOut.isPending}
        error={signOut.error}
        onConfirm={() => signOut.mutate(true)}
      />
    </>
  );
}
