import { EMPLOYMENT_TYPES, type EmploymentType, PERSON_STATUSES, type PersonStatus } from '@kakine/contracts';
import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFileImport, IconFilterOff, IconPencil, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/date-text';
import { EmptyText } from '../../../components/empty-state';
import { ExportButtons } from '../../../components/export-buttons';
import { ImportDialog } from '../../../components/import-dialog';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { SearchField } from '../../../components/search-field';
import { SortableTh, type SortState } from '../../../components/sortable-th';
import { can } from '../../../lib/abilities';
import { localeOf } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import { useFormat } from '../../../lib/use-format';
import {
  NO_PEOPLE_FILTERS,
  PEOPLE_IMPORT_PATH,
  type PeopleFilters,
  type PeopleSortField,
  type Person,
  peopleExportUrl,
  peopleTemplateUrl,
  useDepartments,
  useInvalidatePeople,
  usePeople,
} from '../api';
import { PersonFormModal } from '../components/person-form-modal';
import { employmentTypeLabel, isExternal, personStatusLabel } from '../labels';

const PAGE_SIZE = 50;

/**
 * The people directory (人員名簿): search that finds Japanese substrings, filters by department, employment type and
 * status, sort, paging, CSV/XLSX export, and for HR and the officer adding, editing and importing people.
 */
export function PeoplePage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const format = useFormat();
  const session = useSession();
  const manage = can(session, 'people:manage');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [filters, setFilters] = useState<Omit<PeopleFilters, 'q'>>(NO_PEOPLE_FILTERS);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<{ person: Person | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const query: PeopleFilters = { ...filters, q };
  const people = usePeople(query, page, PAGE_SIZE);
  const departments = useDepartments();
  const invalidate = useInvalidatePeople();

  const update = (patch: Partial<PeopleFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const sort: SortState<PeopleSortField> = { field: filters.sort, order: filters.order };
  const onSort = (next: SortState<PeopleSortField>) => update({ sort: next.field, order: next.order });
  const active = search !== '' || JSON.stringify(filters) !== JSON.stringify(NO_PEOPLE_FILTERS);

  return (
    <>
      <PageHeader
        title={t('people.title')}
        description={t('people.description')}
        actions={
          manage ? (
            <>
              <Button
                variant="default"
                leftSection={<IconFileImport size={18} aria-hidden="true" />}
                onClick={() => setImporting(true)}
              >
                {t('people.import')}
              </Button>
              <Button
                leftSection={<IconUserPlus size={18} aria-hidden="true" />}
                onClick={() => setEditing({ person: null })}
              >
                {t('people.add')}
              </Button>
            </>
          ) : null
        }
      />
      <Stack gap="md">
        <Paper p="md" component="section" aria-labelledby="people-filters">
          <Text component="h2" fw={600} size="sm" mb="sm" id="people-filters">
            {t('people.filters.heading')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <SearchField
              label={t('people.filters.search')}
              placeholder={t('people.filters.searchPlaceholder')}
              value={search}
              w="100%"
              onSearch={(text) => {
                setSearch(text);
                setPage(1);
              }}
            />
            <Select
              label={t('people.filters.department')}
              placeholder={t('people.filters.allDepartments')}
              data={departments.data?.items ?? []}
              value={filters.department || null}
              onChange={(value) => update({ department: value ?? '' })}
              searchable
              clearable
              nothingFoundMessage={t('common.noResults')}
            />
            <Select
              label={t('people.filters.employmentType')}
              placeholder={t('people.filters.allEmploymentTypes')}
              data={EMPLOYMENT_TYPES.map((type) => ({ value: type, label: employmentTypeLabel(type, locale) }))}
              value={filters.employmentType || null}
              onChange={(value) => update({ employmentType: (value ?? '') as EmploymentType | '' })}
              clearable
            />
            <Select
              label={t('people.filters.status')}
              placeholder={t('people.filters.allStatuses')}
              data={PERSON_STATUSES.map((status) => ({ value: status, label: personStatusLabel(status, locale) }))}
              value={filters.status || null}
              onChange={(value) => update({ status: (value ?? '') as PersonStatus | '' })}
              clearable
            />
          </SimpleGrid>
          <Group justify="space-between" mt="sm" wrap="wrap">
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconFilterOff size={14} aria-hidden="true" />}
              disabled={!active}
              onClick={() => {
                setSearch('');
                setFilters(NO_PEOPLE_FILTERS);
                setPage(1);
              }}
            >
              {t('common.clearFilters')}
            </Button>
            <ExportButtons urlFor={(f) => peopleExportUrl(query, f)} />
          </Group>
        </Paper>
        <QueryState query={people}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyText>{t('common.noResults')}</EmptyText>
            ) : (
              <>
                <Table.ScrollContainer minWidth={980}>
                  <Table>
                    <Table.Caption className="visually-hidden">
                      {t('people.caption', { total: format.number(data.total) })}
                    </Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <SortableTh field="employeeId" sort={sort} onSort={onSort}>
                          {t('people.columns.employeeId')}
                        </SortableTh>
                        <SortableTh field="name" sort={sort} onSort={onSort}>
                          {t('people.columns.name')}
                        </SortableTh>
                        <SortableTh field="department" sort={sort} onSort={onSort}>
                          {t('people.columns.department')}
                        </SortableTh>
                        <SortableTh field="employmentType" sort={sort} onSort={onSort}>
                          {t('people.columns.employmentType')}
                        </SortableTh>
                        <SortableTh field="status" sort={sort} onSort={onSort}>
                          {t('people.columns.status')}
                        </SortableTh>
                        <SortableTh field="lastWorkingDay" sort={sort} onSort={onSort}>
                          {t('people.columns.lastWorkingDay')}
                        </SortableTh>
                        <Table.Th scope="col" ta="right" className="nowrap">
                          {t('people.columns.knowHow')}
                        </Table.Th>
                        <Table.Th scope="col" ta="right" className="nowrap">
                          {t('people.columns.grants')}
                        </Table.Th>
                        {manage ? (
                          <Table.Th scope="col">
                            <span className="visually-hidden">{t('people.columns.actions')}</span>
                          </Table.Th>
                        ) : null}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((person) => (
                        <Table.Tr key={person.id}>
                          <Table.Td className="nowrap">
                            <Text size="sm" ff="monospace">
                              {person.employeeId}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" fw={600}>
                              {person.name}
                            </Text>
                            {person.nameKana ? (
                              <Text size="xs" c="dimmed">
                                {person.nameKana}
                              </Text>
                            ) : null}
                            {person.email ? (
                              <Text size="xs" c="dimmed">
                                {person.email}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{person.department ?? '—'}</Text>
                            {person.jobTitle ? (
                              <Text size="xs" c="dimmed">
                                {person.jobTitle}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td>
                            {isExternal(person.employmentType) ? (
                              <Badge color="grape" variant="light" tt="none">
                                {employmentTypeLabel(person.employmentType, locale)}
                              </Badge>
                            ) : (
                              <Text size="sm">{employmentTypeLabel(person.employmentType, locale)}</Text>
                            )}
                            {person.employer ? (
                              <Text size="xs" c="dimmed">
                                {t('people.externalFrom', { employer: person.employer })}
                              </Text>
                            ) : null}
                            {person.contractEndDate ? (
                              <Text size="xs" c="dimmed">
                                {t('people.contractEnds', { date: format.date(person.contractEndDate) })}
                              </Text>
                            ) : null}
                          </Table.Td>
                          <Table.Td>
                            {person.status === 'active' ? (
                              <Text size="sm">{personStatusLabel(person.status, locale)}</Text>
                            ) : (
                              <Badge color={person.status === 'leaving' ? 'orange' : 'dark'} variant="light" tt="none">
                                {personStatusLabel(person.status, locale)}
                              </Badge>
                            )}
                          </Table.Td>
                          <Table.Td className="nowrap">
                            {person.lastWorkingDay ? <DateText value={person.lastWorkingDay} /> : '—'}
                          </Table.Td>
                          <Table.Td ta="right" className="nowrap">
                            <Text size="sm" c={person.knowHowTechnologies === 0 ? 'dimmed' : undefined}>
                              {t('people.knowHowCount', { count: format.number(person.knowHowTechnologies) })}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right" className="nowrap">
                            <Text size="sm" c={person.accessGrants === 0 ? 'dimmed' : undefined}>
                              {t('people.grantsCount', { count: format.number(person.accessGrants) })}
                            </Text>
                          </Table.Td>
                          {manage ? (
                            <Table.Td ta="right">
                              {person.abilities.edit ? (
                                <Button
                                  size="xs"
                                  variant="default"
                                  leftSection={<IconPencil size={14} aria-hidden="true" />}
                                  aria-label={t('people.editLabel', { name: person.name })}
                                  onClick={() => setEditing({ person })}
                                >
                                  {t('people.edit')}
                                </Button>
                              ) : null}
                            </Table.Td>
                          ) : null}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
              </>
            )
          }
        </QueryState>
      </Stack>
      {manage ? (
        <>
          <PersonFormModal
            opened={editing !== null}
            person={editing?.person ?? null}
            onClose={() => setEditing(null)}
          />
          <ImportDialog
            opened={importing}
            onClose={() => setImporting(false)}
            title={t('people.importTitle')}
            description={t('people.importDescription')}
            templateUrl={peopleTemplateUrl}
            importUrl={PEOPLE_IMPORT_PATH}
            onImported={(report) => {
              void invalidate();
              notifications.show({
                color: 'hedge',
                message: t('people.imported', { created: report.created, updated: report.updated }),
              });
            }}
          />
        </>
      ) : null}
    </>
  );
}
