import { Anchor, Stack, Text } from '@mantine/core';
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
    <Stack gap={2} p="sm" bg="white" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 6 }}>
      <Text size="sm" fw={500}>
        {t('catalogues.version', { label: version.label, date: format.date(version.effectiveFrom) })}
      </Text>
      {version.source ? (
        <Text size="xs" c="dimmed">
          {t('catalogues.sourceLabel')}：{version.source}
          {version.sourceUrl ? (
            <>
              {' '}
              <Anchor href={version.sourceUrl} target="_blank" rel="noreferrer" size="xs">
                {version.sourceUrl}
                <span className="visually-hidden">{t('common.openInNewTab')}</span>
              </Anchor>
            </>
          ) : null}
        </Text>
      ) : null}
    </Stack>
  );
}
