import { Badge, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../../components/empty-state';
import { ExportButtons } from '../../../components/export-buttons';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { SearchField } from '../../../components/search-field';
import { SortableTh, type SortState } from '../../../components/sortable-th';
import { localeOf } from '../../../lib/i18n';
import { useFormat } from '../../../lib/use-format';
import { type CountryParams, countriesExportUrl, useCountries } from '../api';
import { CertaintyBadge } from './certainty-badge';
import { VersionLine } from './version-line';

const PAGE_SIZE = 500;

/** Countries and regions with their Group A membership on the as-of date; searchable, Group A only on demand. */
export function CountriesPanel({ asOf }: { asOf: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const en = localeOf(i18n) === 'en';
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [groupAOnly, setGroupAOnly] = useState(false);
  const [sort, setSort] = useState<SortState<'alpha2' | 'name'>>({ field: 'name', order: 'asc' });
  const [page, setPage] = useState(1);
  const params: CountryParams = {
    asOf,
    q,
    groupA: groupAOnly,
    sort: sort.field === 'name' ? (en ? 'nameEn' : 'nameJa') : 'alpha2',
    order: sort.order,
  };
  const query = useCountries({ ...params, page, pageSize: PAGE_SIZE });
  const onSort = (next: SortState<'alpha2' | 'name'>) => {
    setSort(next);
    setPage(1);
  };

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="lg" wrap="wrap">
        <SearchField
          label={t('catalogues.countries.searchLabel')}
          placeholder={t('catalogues.countries.searchPlaceholder')}
          value={search}
          onSearch={(text) => {
            setSearch(text);
            setPage(1);
          }}
        />
        <Switch
          label={t('catalogues.countries.groupAOnly')}
          checked={groupAOnly}
          onChange={(e) => {
            setGroupAOnly(e.currentTarget.checked);
            setPage(1);
          }}
          mb={8}
        />
        <Group ml="auto">
          <ExportButtons urlFor={(format) => countriesExportUrl(params, format)} />
        </Group>
      </Group>
      <QueryState query={query}>
        {(data) => (
          <Stack gap="sm">
            <VersionLine version={data.version} />
            {data.items.length === 0 ? (
              <EmptyText>{t('common.noResults')}</EmptyText>
            ) : (
              <Table.ScrollContainer minWidth={900}>
                <Table>
                  <caption className="visually-hidden">{t('catalogues.countries.caption')}</caption>
                  <Table.Thead>
                    <Table.Tr>
                      <SortableTh field="name" sort={sort} onSort={onSort}>
                        {t('catalogues.countries.name')}
                      </SortableTh>
                      <SortableTh field="alpha2" sort={sort} onSort={onSort}>
                        {t('catalogues.countries.codes')}
                      </SortableTh>
                      <Table.Th scope="col" className="nowrap">
                        {t('catalogues.countries.groupA')}
                      </Table.Th>
                      <Table.Th scope="col" className="nowrap">
                        {t('catalogues.countries.since')}
                      </Table.Th>
                      <Table.Th scope="col">{t('catalogues.countries.source')}</Table.Th>
                      <Table.Th scope="col" className="nowrap">
                        {t('catalogues.status.label')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((country) => {
                      const membership = country.groupAMembership;
                      return (
                        <Table.Tr key={country.alpha2}>
                          <Table.Td>
                            <Text size="sm" fw={500}>
                              {en ? country.nameEn : country.nameJa}
                            </Text>
                            <Text size="xs" c="dimmed" lang={en ? 'ja' : 'en'}>
                              {en ? country.nameJa : country.nameEn}
                            </Text>
                          </Table.Td>
                          <Table.Td className="nowrap">
                            <Text size="sm" ff="monospace">
                              {country.alpha2} / {country.alpha3}
                            </Text>
                          </Table.Td>
                          <Table.Td className="nowrap">
                            {country.groupA ? (
                              <Badge color="hedge">{t('catalogues.countries.member')}</Badge>
                            ) : (
                              <Text size="sm" c="dimmed">
                                {t('catalogues.countries.notMember')}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td className="nowrap">
                            <Text size="sm">
                              {membership
                                ? t('catalogues.countries.sinceFrom', { date: format.date(membership.effectiveFrom) })
                                : '—'}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs" c="dimmed">
                              {membership?.source ?? '—'}
                            </Text>
                          </Table.Td>
                          <Table.Td className="nowrap">
                            {membership ? (
                              <CertaintyBadge status={membership.status} note={membership.statusNote} />
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
