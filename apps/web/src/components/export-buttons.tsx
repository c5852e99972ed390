import { Button, Group } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** CSV and XLSX download links for a list; `urlFor` builds the list URL with `format=csv|xlsx` and the filters. */
export function ExportButtons({ urlFor }: { urlFor: (format: 'csv' | 'xlsx') => string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" role="group" aria-label={t('common.export')}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          component="a"
          href={urlFor(format)}
          download
          variant="default"
          size="sm"
          leftSection={<IconDownload size={16} aria-hidden="true" />}
        >
          {t(format === 'csv' ? 'common.exportCsv' : 'common.exportXlsx')}
        </Button>
      ))}
    </Group>
  );
}
