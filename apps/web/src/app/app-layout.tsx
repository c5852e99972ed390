import { Alert, AppShell, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  type Icon,
  IconAddressBook,
  IconBell,
  IconBooks,
  IconBuildingWarehouse,
  IconChartBar,
  IconHome,
  IconInfoCircle,
  IconKey,
  IconListCheck,
  IconMail,
  IconSettings,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { BrandLogo } from '../components/brand';
import { LoadingState } from '../components/loading-state';
import { can } from '../lib/abilities';
import { isLocale, localeOf, storeLocale } from '../lib/i18n';
import { organisationKindLabel } from '../lib/i18n/labels';
import { SessionContext, sessionQueryOptions, useSession } from '../lib/session';
import { LanguageToggle } from './language-toggle';
import { activeNavTarget, groupNavItems, type ScreenId, visibleNavItems } from './navigation';
import { NotificationsBell } from './notifications-bell';
import { takePendingLocale } from './pending-locale';
import { signedOutTarget } from './route-guards';
import { saveAccountLocale } from './use-change-language';
import { UserMenu } from './user-menu';

const NAV_ICONS: Record<ScreenId, Icon> = {
  home: IconHome,
  register: IconBuildingWarehouse,
  catalogues: IconBooks,
  users: IconUsers,
  audit: IconListCheck,
  notifications: IconBell,
  outbox: IconMail,
  account: IconSettings,
  concentration: IconChartBar,
  accessReview: IconKey,
  people: IconAddressBook,
};

/**
 * The signed-in frame: header (product, organisation, language, notifications, user menu), navigation built from
 * the session's permissions, and the page. Without a session it sends the user to sign in.
 */
export function AppLayout() {
  const query = useQuery(sessionQueryOptions);
  const navigate = useNavigate();
  const location = useRouterState({ select: (s) => s.location.href });
  const state = query.data;

  useEffect(() => {
    if (state?.status === 'signed_out') {
      const target = signedOutTarget(state.code);
      void navigate({ to: target, search: { redirect: location } });
    }
  }, [state, navigate, location]);

  if (state?.status !== 'signed_in') return <LoadingState />;
  return (
    <SessionContext.Provider value={state.session}>
      <SignedInShell />
    </SessionContext.Provider>
  );
}

/**
 * Once per signed-in user: a language picked on the sign-in pages in this tab is saved to the account; otherwise
 * the account's language applies (the language is an account preference shared by every device).
 */
function useAccountLanguage() {
  const session = useSession();
  const { i18n } = useTranslation();
  const queryClient = useQueryClient();
  const appliedFor = useRef<string | null>(null);
  useEffect(() => {
    if (appliedFor.current === session.user.id) return;
    appliedFor.current = session.user.id;
    const pending = takePendingLocale();
    if (isLocale(pending) && pending === localeOf(i18n)) {
      void saveAccountLocale(queryClient, pending).catch(() => {
        // Not saved: the choice still applies on this device, and the account keeps its language.
      });
      return;
    }
    const preferred = session.user.locale;
    if (isLocale(preferred) && preferred !== localeOf(i18n)) {
      void i18n.changeLanguage(preferred);
      storeLocale(preferred);
    }
  }, [session.user.id, session.user.locale, i18n, queryClient]);
}

function SignedInShell() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  useAccountLanguage();

  const locale = localeOf(i18n);
  const organisationName = locale === 'en' ? session.organisation.nameEn : session.organisation.nameJa;
  const groups = groupNavItems(visibleNavItems(session));
  const activeTo = activeNavTarget(
    groups.flatMap((group) => group.items),
    pathname,
  );
  const sectionLabels = {
    work: t('nav.sectionWork'),
    admin: t('nav.sectionAdmin'),
    personal: t('nav.sectionPersonal'),
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a className="skip-link" href="#main-content">
        {t('common.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Link to="/" aria-label={t('shell.homeLink')} style={{ color: 'inherit', textDecoration: 'none' }}>
              <BrandLogo />
            </Link>
            <Text size="sm" c="dimmed" visibleFrom="md" truncate maw={360}>
              <Text span fw={500} c="dark.7">
                {organisationName}
              </Text>{' '}
              （{organisationKindLabel(t, session.organisation.kind)}）
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageToggle />
            {can(session, 'notifications:read') ? <NotificationsBell /> : null}
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar id="main-navigation" aria-label={t('nav.label')} p="sm">
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap="md">
            {groups.map((group) => (
              <div key={group.section}>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase" px="sm" mb={4} id={`nav-${group.section}`}>
                  {sectionLabels[group.section]}
                </Text>
                <ul aria-labelledby={`nav-${group.section}`} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {group.items.map((item) => {
                    const ItemIcon = NAV_ICONS[item.id];
                    const active = item.to === activeTo;
                    return (
                      <li key={item.id}>
                        <NavLink
                          component={Link}
                          to={item.to}
                          label={t(`nav.${item.id}`)}
                          active={active}
                          // Only the one entry chosen above is current; the router would also mark every prefix.
                          activeOptions={{ exact: true }}
                          variant="light"
                          onClick={close}
                          leftSection={<ItemIcon size={18} stroke={1.6} aria-hidden="true" />}
                          style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                        />
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <Text size="xs" c="dimmed" px="sm" pt="sm" hiddenFrom="md">
            {organisationName}
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <div style={{ maxWidth: 1280, margin: '0 auto' }}>
          {session.demo ? <DemoBanner>{t('shell.demoBanner')}</DemoBanner> : null}
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}

function DemoBanner({ children }: { children: ReactNode }) {
  return (
    <Alert
      variant="light"
      color="yellow"
      icon={<IconInfoCircle aria-hidden="true" />}
      role="note"
      mb="md"
      py={8}
      styles={{ message: { color: 'var(--mantine-color-dark-7)' } }}
    >
      {children}
    </Alert>
  );
}
