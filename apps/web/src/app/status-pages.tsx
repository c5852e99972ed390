import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { type ErrorComponentProps, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BRAND } from '../components/brand';
import { ErrorAlert } from '../components/error-alert';
import type { AccessRequirement } from '../lib/abilities';
import { meets } from '../lib/abilities';
import { useSession } from '../lib/session';

function StatusCard({ title, body }: { title: string; body: string }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} | ${BRAND}`);
  return (
    <Paper p="xl" maw={560} mx="auto" mt="xl">
      <Stack gap="sm" align="flex-start">
        <Title order={1} fz="h3">
          {title}
        </Title>
        <Text c="dimmed">{body}</Text>
        <Button component={Link} to="/" variant="default" mt="sm">
          {t('errors.goHome')}
        </Button>
      </Stack>
    </Paper>
  );
}

/** Shown for an address that matches no page. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <main id="main-content">
      <StatusCard title={t('errors.notFoundTitle')} body={t('errors.notFoundBody')} />
    </main>
  );
}

/** Shown inside the shell when the user lacks the permission a page needs. */
export function ForbiddenPage() {
  const { t } = useTranslation();
  return <StatusCard title={t('errors.forbiddenTitle')} body={t('errors.forbiddenBody')} />;
}

/** Shown in place of a page whose loading failed; the surrounding frame stays. */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  useDocumentTitle(`${t('errors.title')} | ${BRAND}`);
  return (
    <Stack maw={560} mx="auto" mt="xl" p="md">
      <Title order={1} fz="h3">
        {t('errors.title')}
      </Title>
      <ErrorAlert error={error} onRetry={reset} />
    </Stack>
  );
}

/** Shown when the app cannot start a route at all (for example, the server is down while checking the session). */
export function RootErrorPage(props: ErrorComponentProps) {
  return (
    <main id="main-content">
      <RouteErrorPage {...props} />
    </main>
  );
}

/** Renders its children only if the signed-in user meets the requirement, the forbidden page otherwise. */
export function RequireAccess({ requirement, children }: { requirement?: AccessRequirement; children: ReactNode }) {
  const session = useSession();
  return meets(session, requirement) ? children : <ForbiddenPage />;
}
