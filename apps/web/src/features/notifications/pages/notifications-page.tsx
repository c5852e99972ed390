import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { notifications as toast } from '@mantine/notifications';
import { IconChecks } from '@tabler/icons-react';
import { useRouter } from '@tanstack/react-router';
import { type MouseEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/date-text';
import { EmptyText } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import type { AppNotification } from '../../../lib/api-types';
import { useMarkAllNotificationsRead, useMarkNotificationRead, useNotifications } from '../api';

const PAGE_SIZE = 20;

/** Whether a notification link points inside this app (a path), so that it opens without reloading the page. */
export const isInternalLink = (link: string): boolean => link.startsWith('/') && !link.startsWith('//');

/** The user's notifications: unread ones stand out; mark one or all as read; open the linked record. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const query = useNotifications(page, PAGE_SIZE);
  const markAll = useMarkAllNotificationsRead();
  const unread = query.data?.unread ?? 0;

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        description={t('notifications.description')}
        actions={
          <Button
            variant="default"
            leftSection={<IconChecks size={18} aria-hidden="true" />}
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() =>
              markAll.mutate(undefined, {
                onSuccess: () => toast.show({ color: 'hedge', message: t('notifications.allMarked') }),
              })
            }
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      {markAll.isError ? <ErrorAlert error={markAll.error} /> : null}
      <QueryState query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyText>{t('notifications.empty')}</EmptyText>
          ) : (
            <Stack gap="sm">
              <Text size="sm" c="dimmed" aria-live="polite">
                {t('notifications.unreadCount', { count: data.unread })}
              </Text>
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {data.items.map((notification) => (
                  <NotificationItem key={notification.id} notification={notification} />
                ))}
              </Stack>
              <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
            </Stack>
          )
        }
      </QueryState>
    </>
  );
}

function NotificationItem({ notification }: { notification: AppNotification }) {
  const { t } = useTranslation();
  const router = useRouter();
  const markRead = useMarkNotificationRead();
  const unread = !notification.readAt;

  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (unread) markRead.mutate(notification.id);
    if (notification.link && isInternalLink(notification.link)) {
      event.preventDefault();
      router.history.push(notification.link);
    }
  };

  return (
    <Paper
      component="li"
      p="md"
      style={unread ? { borderLeft: '4px solid var(--mantine-color-hedge-7)' } : { opacity: 0.95 }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            {unread ? <Badge color="hedge">{t('notifications.unread')}</Badge> : null}
            <Text fw={unread ? 600 : 500} size="sm" component="h2">
              {notification.title}
            </Text>
          </Group>
          {notification.body ? (
            <Text size="sm" c="dark.6" style={{ whiteSpace: 'pre-wrap' }}>
              {notification.body}
            </Text>
          ) : null}
          <Group gap="md">
            <Text size="xs" c="dimmed">
              <DateText value={notification.createdAt} withTime />
            </Text>
            {notification.link ? (
              <Anchor href={notification.link} onClick={open} size="sm">
                {t('notifications.open')}
              </Anchor>
            ) : null}
          </Group>
        </Stack>
        {unread ? (
          <Button
            size="xs"
            variant="default"
            loading={markRead.isPending}
            onClick={() => markRead.mutate(notification.id)}
            aria-label={t('notifications.markReadLabel', { title: notification.title })}
          >
            {t('notifications.markRead')}
          </Button>
        ) : null}
      </Group>
      {markRead.isError ? <ErrorAlert error={markRead.error} /> : null}
    </Paper>
  );
}
