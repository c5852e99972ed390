import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api-client';

/** The message to show for any thrown value: the server's localised message, or a generic one. */
export const useErrorMessage = () => {
  const { t } = useTranslation();
  return (error: unknown): string => (isApiError(error) ? error.message : t('errors.unexpected'));
};

/** Shows an error's message (as sent by the server, already in the user's language), with an optional retry. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const message = useErrorMessage()(error);
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden="true" />} title={title ?? t('errors.title')}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{message}</Text>
        {onRetry ? (
          <Button size="xs" variant="default" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : null}
      </Stack>
    </Alert>
  );
}
