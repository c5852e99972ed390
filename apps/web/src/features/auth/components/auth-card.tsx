import { Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { BRAND } from '../../../components/brand';

/** The card that holds each sign-in related page, with the page's one `<h1>`. */
export function AuthCard({
  title,
  description,
  children,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  useDocumentTitle(`${title} | ${BRAND}`);
  return (
    <Paper p={{ base: 'lg', sm: 'xl' }} shadow="xs">
      <Stack gap="lg">
        <Stack gap={6}>
          <Title order={1} fz="h3">
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
