import { Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../../components/empty-state';
import { ExportButtons } from '../../../components/export-buttons';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { localeOf } from '../../../lib/i18n';
import { endUsersExportUrl, useCountries, useEndUsers } from '../api';
import { VersionLine } from './version-line';

const PAGE_SIZE = 50;

/** Turns a list-or-text field of the End User List into display text. */
export const listText = (value: string[] | string | null | undefined, separator = '、'): string => {
  if (Array.isArray(value)) return value.filter(Boolean).join(separator);
  return value?.trim() ? value : '';
};

/** The METI End User List on the as-of date: search by name or alias, country filter, paging, export. */
export function EndUsersPanel({ asOf }: { asOf: string }) {
  const { t, i18n } = useTranslation();
  const en = localeOf(i18n) === 'en';
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [country, setCountry] = useState('');
  const [page, setPage] = useState(1);
  const query = useEndUsers({ asOf, q, country, page, pageSize: PAGE_SIZE });
  const countries = useCountries({ asOf });
  const countryOptions = (countries.data?.items ?? [])
    .map((c) => ({ value: c.alpha2, label: en ? c.nameEn : c.nameJa }))
    .sort((a, b) => a.label.localeCompare(b.label, en ? 'en' : 'ja'));

  const boolText = (value: boolean | string | null) =>
    typeof value === 'boolean' ? (value ? t('common.yes') : '') : (value ?? '');

  return (
    <Stack gap="sm">
      <Text size="sm" fw={500} c="dark.7" role="note">
        {query.data?.version?.attribution || t('catalogues.endUsers.attribution')}
      </Text>
      <Group align="flex-end" justify="space-between" wrap="wrap">
        <Group align="flex-end" gap="md" wrap="wrap">
          <TextInput
            type="search"
            label={t('catalogues.endUsers.searchLabel')}
            placeholder={t('catalogues.endUsers.searchPlaceholder')}
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={search}
            onChange={(e) => {
              setSearch(e.currentTarget.value);
              setPage(1);
            }}
            w={{ base: '100%', sm: 320 }}
          />
          <Select
            label={t('catalogues.endUsers.country')}
            placeholder={t('catalogues.endUsers.allCountries')}
            data={countryOptions}
            value={country || null}
            onChange={(value) => {
              setCountry(value ?? '');
              setPage(1);
            }}
            searchable
            clearable
            nothingFoundMessage={t('common.noResults')}
            w={{ base: '100%', sm: 260 }}
          />
        </Group>
        <ExportButtons urlFor={(format) => endUsersExportUrl({ asOf, q, country }, format)} />
      </Group>
      <QueryState query={query}>
        {(data) => (
          <Stack gap="sm">
            <VersionLine version={data.version} />
            {data.items.length === 0 ? (
              <EmptyText>{t('common.noResults')}</EmptyText>
            ) : (
              <>
                <Table.ScrollContainer minWidth={900}>
                  <Table>
                    <caption className="visually-hidden">{t('catalogues.endUsers.caption')}</caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col" w={64}>
                          {t('catalogues.endUsers.number')}
                        </Table.Th>
                        <Table.Th scope="col">{t('catalogues.endUsers.country')}</Table.Th>
                        <Table.Th scope="col">{t('catalogues.endUsers.name')}</Table.Th>
                        <Table.Th scope="col">{t('catalogues.endUsers.aliases')}</Table.Th>
                        <Table.Th scope="col">{t('catalogues.endUsers.concerns')}</Table.Th>
                        <Table.Th scope="col">{t('catalogues.endUsers.conventionalWeapons')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((entry) => (
                        <Table.Tr key={`${entry.number}-${entry.name}`}>
                          <Table.Td ff="monospace">{entry.number}</Table.Td>
                          <Table.Td className="nowrap">{en ? entry.countryEn : entry.countryJa}</Table.Td>
                          <Table.Td>
                            <Text size="sm" fw={500}>
                              {entry.name}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs">{listText(entry.aliases, ' / ') || '—'}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{listText(entry.concerns) || '—'}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{boolText(entry.conventionalWeapons) || '—'}</Text>
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
