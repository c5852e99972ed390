import { Badge, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../../components/empty-state';
import { ExportButtons } from '../../../components/export-buttons';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { SearchField } from '../../../components/search-field';
import { SortableTh, type SortState } from '../../../components/sortable-th';
import { localeOf, translateKey } from '../../../lib/i18n';
import { type EndUserConcernFilter, endUsersExportUrl, useEndUsers } from '../api';
import { VersionLine } from './version-line';

const PAGE_SIZE = 50;
const CONCERNS: EndUserConcernFilter[] = ['B', 'C', 'M', 'N', 'CW'];

/** The METI End User List on the as-of date: search by name or alias, country and concern filters, paging, export. */
export function EndUsersPanel({ asOf }: { asOf: string }) {
  const { t, i18n } = useTranslation();
  const en = localeOf(i18n) === 'en';
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [country, setCountry] = useState('');
  const [concern, setConcern] = useState<EndUserConcernFilter | ''>('');
  const [sort, setSort] = useState<SortState<'number' | 'name' | 'country'>>({ field: 'number', order: 'asc' });
  const [page, setPage] = useState(1);
  const filters = { asOf, q, country, concern, sort: sort.field, order: sort.order };
  const query = useEndUsers({ ...filters, page, pageSize: PAGE_SIZE });
  const concernLabel = (code: string) => translateKey(t, `catalogues.endUsers.concernCodes.${code}`, code);
  const countryOptions = (query.data?.countries ?? []).map((c) => ({
    value: c.countryJa,
    label: t('catalogues.endUsers.countryOption', { country: en ? c.countryEn : c.countryJa, count: c.count }),
  }));
  if (country && !countryOptions.some((o) => o.value === country))
    countryOptions.unshift({ value: country, label: country });
  const reset =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <Stack gap="sm">
      {/* The source's terms require the credit on every display, so it stays visible even while loading. */}
      <Stack gap={0} role="note" aria-label={t('catalogues.sourceLabel')}>
        <Text size="sm" fw={500} c="dark.7">
          {query.data?.version?.attribution || t('catalogues.endUsers.attribution')}
        </Text>
        {query.data?.attribution ? (
          <Text size="xs" c="dimmed">
            {query.data.attribution}
          </Text>
        ) : null}
      </Stack>
      <Group align="flex-end" justify="space-between" wrap="wrap">
        <Group align="flex-end" gap="md" wrap="wrap">
          <SearchField
            label={t('catalogues.endUsers.searchLabel')}
            placeholder={t('catalogues.endUsers.searchPlaceholder')}
            value={search}
            onSearch={reset(setSearch)}
            w={{ base: '100%', sm: 300 }}
          />
          <Select
            label={t('catalogues.endUsers.country')}
            placeholder={t('catalogues.endUsers.allCountries')}
            data={countryOptions}
            value={country || null}
            onChange={(value) => reset(setCountry)(value ?? '')}
            searchable
            clearable
            nothingFoundMessage={t('common.noResults')}
            w={{ base: '100%', sm: 260 }}
          />
          <Select
            label={t('catalogues.endUsers.concern')}
            placeholder={t('catalogues.endUsers.allConcerns')}
            data={CONCERNS.map((code) => ({ value: code, label: `${code}：${concernLabel(code)}` }))}
            value={concern || null}
            onChange={(value) => reset(setConcern)((value as EndUserConcernFilter | null) ?? '')}
            clearable
            w={{ base: '100%', sm: 200 }}
          />
        </Group>
        <ExportButtons urlFor={(format) => endUsersExportUrl(filters, format)} />
      </Group>
      <QueryState query={query}>
        {(data) => (
          <Stack gap="sm">
            <VersionLine version={data.version} />
            {data.items.length === 0 ? (
              <EmptyText>{t('common.noResults')}</EmptyText>
            ) : (
              <>
                <Table.ScrollContainer minWidth={1000}>
                  <Table>
                    <caption className="visually-hidden">{t('catalogues.endUsers.caption')}</caption>
                    <Table.Thead>
                      <Table.Tr>
                        <SortableTh field="number" sort={sort} onSort={reset(setSort)}>
                          {t('catalogues.endUsers.number')}
                        </SortableTh>
                        <SortableTh field="country" sort={sort} onSort={reset(setSort)}>
                          {t('catalogues.endUsers.country')}
                        </SortableTh>
                        <SortableTh field="name" sort={sort} onSort={reset(setSort)}>
                          {t('catalogues.endUsers.name')}
                        </SortableTh>
                        <Table.Th scope="col">{t('catalogues.endUsers.aliases')}</Table.Th>
                        <Table.Th scope="col" className="nowrap">
                          {t('catalogues.endUsers.concerns')}
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((entry) => (
                        <Table.Tr key={`${entry.number}-${entry.name}`}>
                          <Table.Td ff="monospace">{entry.number}</Table.Td>
                          <Table.Td className="nowrap">
                            <Text size="sm">{en ? entry.countryEn : entry.countryJa}</Text>
                          </Table.Td>
                          <Table.Td miw={220}>
                            <Text size="sm" fw={500}>
                              {entry.name}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs" c={entry.aliases.length ? undefined : 'dimmed'}>
                              {entry.aliases.length ? entry.aliases.join(' / ') : '—'}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Group gap={4} wrap="wrap" maw={220}>
                              {entry.concerns.map((code) => (
                                <Badge key={code} color="red" size="sm" title={concernLabel(code)}>
                                  {concernLabel(code)}
                                </Badge>
                              ))}
                              {entry.conventionalWeapons ? (
                                <Badge color="orange" size="sm">
                                  {concernLabel('CW')}
                                </Badge>
                              ) : null}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
              </>
            )}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
