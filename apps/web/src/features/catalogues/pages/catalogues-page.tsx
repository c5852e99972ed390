import { Button, Group, Tabs, TextInput } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/page-header';
import { isIsoDate, todayIsoDate } from '../../../lib/format';
import { useFormat } from '../../../lib/use-format';
import { CountriesPanel } from '../components/countries-panel';
import { EndUsersPanel } from '../components/end-users-panel';
import { TechnologiesPanel } from '../components/technologies-panel';
import { VersionsPanel } from '../components/versions-panel';

const route = getRouteApi('/app/catalogues');

/** The catalogue tabs, also used as the `tab` search parameter. */
export const CATALOGUE_TABS = ['technologies', 'countries', 'end-users', 'versions'] as const;
/** One catalogue tab. */
export type CatalogueTab = (typeof CATALOGUE_TABS)[number];

/**
 * The catalogue browser: designated technologies, countries and Group A, the End User List and version history,
 * all as of a date (default today, kept in the URL so that a view can be shared).
 */
export function CataloguesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const search = route.useSearch();
  const navigate = useNavigate();
  const today = todayIsoDate();
  const asOf = search.asOf && isIsoDate(search.asOf) ? search.asOf : today;
  const tab: CatalogueTab = search.tab ?? 'technologies';

  const setSearch = (patch: { tab?: CatalogueTab; asOf?: string }) =>
    void navigate({
      from: '/catalogues',
      to: '/catalogues',
      search: (prev) => ({ ...prev, ...patch }),
      replace: true,
    });

  return (
    <>
      <PageHeader
        title={t('catalogues.title')}
        description={t('catalogues.description')}
        actions={
          <Group align="flex-end" gap="xs">
            <TextInput
              type="date"
              label={t('catalogues.asOf')}
              description={format.date(asOf)}
              leftSection={<IconCalendar size={16} aria-hidden="true" />}
              value={asOf}
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (isIsoDate(value)) setSearch({ asOf: value === today ? undefined : value });
              }}
              w={200}
            />
            <Button variant="default" onClick={() => setSearch({ asOf: undefined })} disabled={asOf === today}>
              {t('catalogues.today')}
            </Button>
          </Group>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) => setSearch({ tab: (value as CatalogueTab | null) ?? 'technologies' })}
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="technologies">{t('catalogues.tabs.technologies')}</Tabs.Tab>
          <Tabs.Tab value="countries">{t('catalogues.tabs.countries')}</Tabs.Tab>
          <Tabs.Tab value="end-users">{t('catalogues.tabs.endUsers')}</Tabs.Tab>
          <Tabs.Tab value="versions">{t('catalogues.tabs.versions')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="technologies">
          <TechnologiesPanel asOf={asOf} />
        </Tabs.Panel>
        <Tabs.Panel value="countries">
          <CountriesPanel asOf={asOf} />
        </Tabs.Panel>
        <Tabs.Panel value="end-users">
          <EndUsersPanel asOf={asOf} />
        </Tabs.Panel>
        <Tabs.Panel value="versions">
          <VersionsPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
