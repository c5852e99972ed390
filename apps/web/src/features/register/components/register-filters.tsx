import { Autocomplete, Button, Group, Paper, Select, SimpleGrid, Switch, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { can } from '../../../lib/abilities';
import { api } from '../../../lib/api';
import { localeOf } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import { useOwners, useRegisterSettings } from '../api';
import { countActiveFilters, type RegisterFlagFilter, type RegisterSearch } from '../list-search';

type TriState = 'any' | 'true' | 'false';
const toTri = (value: boolean | undefined): TriState => (value === undefined ? 'any' : value ? 'true' : 'false');
const fromTri = (value: string | null): boolean | undefined =>
  value === 'true' ? true : value === 'false' ? false : undefined;

/** The departments in use (people directory), offered as suggestions when the user may read the directory. */
const useDepartments = (enabled: boolean) =>
  useQuery({
    queryKey: ['people', 'departments'],
    queryFn: () => api.get<{ items: string[] }>('/people/departments'),
    staleTime: 60_000,
    enabled,
  });

/** The register list's filters; every change goes to the URL through `onChange` (which starts again at page 1). */
export function RegisterFilters({
  search,
  onChange,
  onClear,
}: {
  search: RegisterSearch;
  onChange: (patch: Partial<RegisterSearch>) => void;
  onClear: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const session = useSession();
  const settings = useRegisterSettings();
  const owners = useOwners();
  const departments = useDepartments(can(session, 'people:read'));

  const levels = [...(settings.data?.classificationLevels ?? [])].sort((a, b) => a.rank - b.rank);
  const classificationOptions = levels.map((l) => ({ value: l.code, label: locale === 'en' ? l.nameEn : l.nameJa }));
  if (search.classification && !classificationOptions.some((o) => o.value === search.classification)) {
    classificationOptions.push({ value: search.classification, label: search.classification });
  }
  const ownerOptions = (owners.data?.items ?? []).map((o) => ({ value: o.id, label: o.displayName }));
  if (search.owner && !ownerOptions.some((o) => o.value === search.owner)) {
    ownerOptions.push({ value: search.owner, label: t('register.filters.unknownOwner') });
  }
  const triOptions = (yes: string, no: string) => [
    { value: 'any', label: t('register.filters.any') },
    { value: 'true', label: yes },
    { value: 'false', label: no },
  ];
  const flagSwitch = (key: RegisterFlagFilter, label: string, description?: string) => (
    <Switch
      label={label}
      description={description}
      checked={search[key] === true}
      onChange={(e) => onChange({ [key]: e.currentTarget.checked ? true : undefined })}
    />
  );

  return (
    <Paper p="md" component="section" aria-labelledby="register-filters-heading">
      <Group justify="space-between" mb="sm">
        <Text component="h2" fw={600} size="sm" id="register-filters-heading">
          {t('register.filters.heading')}
        </Text>
        {countActiveFilters(search) > 0 ? (
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconFilterOff size={14} aria-hidden="true" />}
            onClick={onClear}
          >
            {t('common.clearFilters')}
          </Button>
        ) : null}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <Select
          label={t('register.filters.core')}
          data={triOptions(t('register.filters.coreOnly'), t('register.filters.coreExcluded'))}
          value={toTri(search.core)}
          onChange={(value) => onChange({ core: fromTri(value) })}
          allowDeselect={false}
        />
        <Select
          label={t('register.filters.designated')}
          data={triOptions(t('register.filters.designatedOnly'), t('register.filters.designatedExcluded'))}
          value={toTri(search.designated)}
          onChange={(value) => onChange({ designated: fromTri(value) })}
          allowDeselect={false}
        />
        <Select
          label={t('register.filters.classification')}
          placeholder={t('register.filters.any')}
          data={classificationOptions}
          value={search.classification ?? null}
          onChange={(value) => onChange({ classification: value ?? undefined })}
          clearable
        />
        <Select
          label={t('register.filters.owner')}
          placeholder={t('register.filters.any')}
          data={ownerOptions}
          value={search.owner ?? null}
          onChange={(value) => onChange({ owner: value ?? undefined })}
          searchable
          clearable
          nothingFoundMessage={t('common.noResults')}
        />
        <Autocomplete
          label={t('register.filters.department')}
          placeholder={t('register.filters.departmentPlaceholder')}
          data={departments.data?.items ?? []}
          defaultValue={search.department ?? ''}
          key={search.department ?? ''}
          onOptionSubmit={(value) => onChange({ department: value })}
          onBlur={(e) => {
            const value = e.currentTarget.value.trim();
            if (value !== (search.department ?? '')) onChange({ department: value || undefined });
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange({ department: e.currentTarget.value.trim() || undefined });
          }}
        />
        <Select
          label={t('register.filters.status')}
          data={[
            { value: 'active', label: t('register.filters.statusActive') },
            { value: 'archived', label: t('register.filters.statusArchived') },
            { value: 'all', label: t('register.filters.statusAll') },
          ]}
          value={search.status ?? 'active'}
          onChange={(value) => onChange({ status: value === 'archived' || value === 'all' ? value : undefined })}
          allowDeselect={false}
        />
      </SimpleGrid>
      <Group gap="xl" mt="md" wrap="wrap" align="flex-start">
        {flagSwitch('reviewOverdue', t('register.filters.reviewOverdue'))}
        {flagSwitch(
          'concentrationRisk',
          t('register.filters.concentrationRisk'),
          t('register.filters.concentrationRiskHint'),
        )}
        {flagSwitch('tradeSecretGap', t('register.filters.tradeSecretGap'), t('register.filters.tradeSecretGapHint'))}
      </Group>
    </Paper>
  );
}
