import { MultiSelect, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { todayIsoDate } from '../../../lib/format';
import { localeOf } from '../../../lib/i18n';
import { useFormat } from '../../../lib/use-format';
import { useDesignatedTechnologies } from '../../catalogues/api';
import type { Technology } from '../api';

/**
 * The designated technologies (重要管理対象技術) a technology maps to, chosen from the catalogue version in force
 * today; each option shows the catalogue number and name, and the catalogue version and its effective date are
 * stated under the field. A mapping no longer in the catalogue stays selectable so that it can be seen and removed.
 */
export function DesignatedSelect({
  value,
  onChange,
  current,
  error,
}: {
  value: string[];
  onChange: (codes: string[]) => void;
  /** What the technology maps to now (for codes the catalogue in force no longer lists). */
  current: Technology['designated'];
  error?: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const format = useFormat();
  const catalogue = useDesignatedTechnologies(todayIsoDate());
  const items = [...(catalogue.data?.items ?? [])].sort((a, b) => a.number - b.number);
  const options = items.map((item) => ({
    value: item.code,
    label: `${item.number}. ${locale === 'en' ? item.nameEn : item.nameJa}`,
  }));
  for (const code of value) {
    if (options.some((o) => o.value === code)) continue;
    const known = current.find((d) => d.code === code);
    const name = known ? (locale === 'en' ? known.nameEn : known.nameJa) : code;
    options.push({ value: code, label: t('register.designated.notInForce', { name }) });
  }
  const version = catalogue.data?.version;
  return (
    <Stack gap={4}>
      <MultiSelect
        label={t('register.fields.designated')}
        description={
          version
            ? t('register.designated.version', { label: version.label, date: format.date(version.effectiveFrom) })
            : t('register.designated.hint')
        }
        placeholder={value.length === 0 ? t('register.designated.placeholder') : undefined}
        data={options}
        value={value}
        onChange={onChange}
        searchable
        clearable
        hidePickedOptions={false}
        nothingFoundMessage={t('common.noResults')}
        error={error}
        maxDropdownHeight={320}
      />
      {value.length > 0 ? (
        <Text size="xs" c="dimmed">
          {t('register.designated.selectedHint')}
        </Text>
      ) : null}
    </Stack>
  );
}
