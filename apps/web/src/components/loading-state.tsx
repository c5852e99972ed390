import { Center, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A centred spinner that screen readers announce as "loading". */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Loader size="sm" aria-hidden="true" />
      <Text size="sm" c="dimmed" ml="sm">
        {label ?? t('common.loading')}
      </Text>
    </Center>
  );
}
