import { Alert, Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBell, IconShieldLock } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { type ScreenId, visibleNavItems } from '../../app/navigation';
import { PageHeader } from '../../components/page-header';
import { localeOf } from '../../lib/i18n';
import { organisationKindLabel, roleLabel } from '../../lib/i18n/labels';
import { useSession } from '../../lib/session';

/** The start page: who you are, what needs attention, and the screens you can open. */
export function HomePage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const organisation = localeOf(i18n) === 'en' ? session.organisation.nameEn : session.organisation.nameJa;
  const sections = visibleNavItems(session).filter((item) => item.id !== 'home');

  return (
    <>
      <PageHeader
        title={t('home.title')}
        description={t('home.organisation', {
          organisation,
          kind: organisationKindLabel(t, session.organisation.kind),
        })}
      />
      <Stack gap="lg">
        <Card>
          <Stack gap="xs">
            <Text fw={600} size="lg">
              {t('home.welcome', { name: session.user.displayName })}
            </Text>
            <Group gap="xs">
              <Text size="sm" c="dimmed">
                {t('home.yourRoles')}
              </Text>
              {session.user.roles.map((role) => (
                <Badge key={role} color="hedge">
                  {roleLabel(t, role)}
                </Badge>
              ))}
            </Group>
            {session.unreadNotifications > 0 ? (
              <Group gap={6}>
                <IconBell size={16} aria-hidden="true" />
                <Anchor component={Link} to="/notifications" size="sm">
                  {t('home.unread', { count: session.unreadNotifications })}
                </Anchor>
              </Group>
            ) : null}
          </Stack>
        </Card>
        {!session.user.totpEnrolled ? (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconShieldLock aria-hidden="true" />}
            title={t('home.twoFactorMissingTitle')}
            role="note"
            styles={{ message: { color: 'var(--mantine-color-dark-7)' } }}
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t('home.twoFactorMissingBody')}</Text>
              <Button component={Link} to="/account" size="xs" variant="default">
                {t('home.twoFactorMissingAction')}
              </Button>
            </Stack>
          </Alert>
        ) : null}
        <section aria-labelledby="home-sections">
          <Title order={2} fz="h4" mb="sm" id="home-sections">
            {t('home.sections')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
            {sections.map((item) => (
              <Card key={item.id} component={Link} to={item.to} className="home-card">
                <Stack gap={6}>
                  <Text fw={600} c="hedge.9">
                    {t(`nav.${item.id}`)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t(`home.descriptions.${item.id as Exclude<ScreenId, 'home'>}`)}
                  </Text>
                </Stack>
              </Card>
            ))}
          </SimpleGrid>
        </section>
      </Stack>
    </>
  );
}
