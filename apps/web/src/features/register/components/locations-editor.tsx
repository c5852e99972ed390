import { LOCATION_KIND_LABELS } from '@kakine/contracts';
import { ActionIcon, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconBuildingFactory2, IconServer, IconTrash, IconWorld } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { todayIsoDate } from '../../../lib/format';
import { localeOf } from '../../../lib/i18n';
import { useCountries } from '../../catalogues/api';
import { emptyLocation, type LocationDraft } from '../technology-form-model';

/** Whether a location row is a site outside Japan (the rows that need attention when technology goes abroad). */
export const isOverseasDraft = (location: Pick<LocationDraft, 'kind' | 'countryCode'>): boolean =>
  location.kind === 'site' && location.countryCode !== null && location.countryCode !== 'JP';

/**
 * Where a technology is kept: sites (工場・拠点) with their country from the countries catalogue — overseas sites are
 * highlighted — and systems or repositories with a path. `errors` holds messages keyed `locations.<i>.<field>`.
 */
export function LocationsEditor({
  value,
  onChange,
  errors,
}: {
  value: LocationDraft[];
  onChange: (locations: LocationDraft[]) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const countries = useCountries({ asOf: todayIsoDate(), pageSize: 500, sort: locale === 'en' ? 'nameEn' : 'nameJa' });
  const countryOptions = (countries.data?.items ?? []).map((c) => ({
    value: c.alpha2,
    label: `${locale === 'en' ? c.nameEn : c.nameJa}（${c.alpha2}）`,
  }));
  // Japan first: most sites are domestic.
  countryOptions.sort((a, b) => (a.value === 'JP' ? -1 : b.value === 'JP' ? 1 : 0));

  const patch = (index: number, change: Partial<LocationDraft>) =>
    onChange(value.map((l, i) => (i === index ? { ...l, ...change } : l)));

  return (
    <Stack gap="sm">
      {value.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('register.locations.empty')}
        </Text>
      ) : null}
      {value.map((location, index) => {
        const overseas = isOverseasDraft(location);
        const number = index + 1;
        const legend = t('register.locations.rowLegend', {
          number,
          kind: LOCATION_KIND_LABELS[location.kind][locale],
        });
        return (
          <Paper
            key={location.key}
            p="sm"
            role="group"
            aria-label={legend}
            style={{
              borderLeft: overseas ? '4px solid var(--mantine-color-orange-7)' : undefined,
              background: overseas ? 'var(--mantine-color-orange-0)' : undefined,
            }}
          >
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Group gap="xs">
                <Text fw={600} size="sm" aria-hidden="true">
                  {legend}
                </Text>
                {overseas ? (
                  <Badge color="orange" leftSection={<IconWorld size={12} aria-hidden="true" />}>
                    {t('register.badges.overseas')}
                  </Badge>
                ) : null}
              </Group>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => onChange(value.filter((_, i) => i !== index))}
                aria-label={t('register.locations.remove', { number })}
              >
                <IconTrash size={16} aria-hidden="true" />
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, sm: location.kind === 'site' ? 3 : 2 }} spacing="sm">
              <TextInput
                label={location.kind === 'site' ? t('register.locations.siteName') : t('register.locations.systemName')}
                placeholder={
                  location.kind === 'site'
                    ? t('register.locations.siteNamePlaceholder')
                    : t('register.locations.systemNamePlaceholder')
                }
                required
                value={location.name}
                onChange={(e) => patch(index, { name: e.currentTarget.value })}
                error={errors[`locations.${index}.name`]}
              />
              {location.kind === 'site' ? (
                <Select
                  label={t('register.locations.country')}
                  data={countryOptions}
                  value={location.countryCode}
                  onChange={(code) => patch(index, { countryCode: code })}
                  searchable
                  required
                  nothingFoundMessage={t('common.noResults')}
                  error={errors[`locations.${index}.countryCode`]}
                />
              ) : null}
              <TextInput
                label={location.kind === 'site' ? t('register.locations.address') : t('register.locations.path')}
                placeholder={location.kind === 'site' ? undefined : t('register.locations.pathPlaceholder')}
                value={location.detail}
                onChange={(e) => patch(index, { detail: e.currentTarget.value })}
                error={errors[`locations.${index}.detail`]}
                ff={location.kind === 'system' ? 'monospace' : undefined}
              />
            </SimpleGrid>
          </Paper>
        );
      })}
      <Group gap="sm">
        <Button
          variant="default"
          size="sm"
          leftSection={<IconBuildingFactory2 size={16} aria-hidden="true" />}
          onClick={() => onChange([...value, emptyLocation('site')])}
        >
          {t('register.locations.addSite')}
        </Button>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconServer size={16} aria-hidden="true" />}
          onClick={() => onChange([...value, emptyLocation('system')])}
        >
          {t('register.locations.addSystem')}
        </Button>
      </Group>
    </Stack>
  );
}
