import { Anchor, Group, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CatalogueVersion } from '../../../lib/api-types';
import { useFormat } from '../../../lib/use-format';

/** Which catalogue version is shown (label, effective date, source), or that none is in force on the date. */
export function VersionLine({ version }: { version: CatalogueVersion | null | undefined }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!version) {
    return (
      <Text size="sm" c="dimmed" role="status">
        {t('catalogues.noVersion')}
      </Text>
    );
  }
  return (
    <Group gap="xs" wrap="wrap">
      <IconInfoCircle size={16} aria-hidden="true" color="var(--mantine-color-dimmed)" />
      <Text size="sm" c="dimmed">
        {t('catalogues.version', { label: version.label, date: format.date(version.effectiveFrom) })}
      </Text>
      {version.source ? (
        <Text size="sm" c="dimmed">
          {t('catalogues.sourceLabel')}：
          {version.sourceUrl ? (
            <Anchor href={version.sourceUrl} target="_blank" rel="noreferrer" size="sm">
              {version.source}
              <span className="visually-hidden">{t('common.openInNewTab')}</span>
            </Anchor>
          ) : (
            version.source
          )}
        </Text>
      ) : null}
    </Group>
  );
}
