import { ActionIcon, Anchor, Divider, Indicator, Popover, Stack, Text } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DateText } from '../components/date-text';
import { LoadingState } from '../components/loading-state';
import { useNotifications } from '../features/notifications/api';
import { useSession } from '../lib/session';

/** The bell in the header: unread count, and on click the latest notifications with a link to all of them. */
export function NotificationsBell() {
  const { t } = useTranslation();
  const session = useSession();
  const count = session.unreadNotifications;
  return (
    // The indicator wraps the popover so that the popover's ARIA attributes land on the button itself.
    <Indicator label={count > 99 ? '99+' : count} size={18} disabled={count === 0} color="red" offset={4}>
      <Popover position="bottom-end" width={340} shadow="md" trapFocus>
        <Popover.Target>
          <ActionIcon variant="subtle" color="dark" size="lg" aria-label={t('shell.bell', { count })}>
            <IconBell size={20} aria-hidden="true" />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown>
          <RecentNotifications />
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}

function RecentNotifications() {
  const { t } = useTranslation();
  const query = useNotifications(1, 5);
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">
        {t('shell.recentNotifications')}
      </Text>
      {query.isPending ? <LoadingState /> : null}
      {query.isError ? (
        <Text size="sm" c="red.8">
          {query.error.message}
        </Text>
      ) : null}
      {query.data && query.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('shell.noNotifications')}
        </Text>
      ) : null}
      {query.data?.items.map((n) => (
        <Stack key={n.id} gap={2}>
          <Text size="sm" fw={n.readAt ? 400 : 600}>
            {n.title}
          </Text>
          <Text size="xs" c="dimmed">
            <DateText value={n.createdAt} withTime />
          </Text>
        </Stack>
      ))}
      <Divider />
      <Anchor component={Link} to="/notifications" size="sm">
        {t('shell.viewAllNotifications')}
      </Anchor>
    </Stack>
  );
}
