import { CONCENTRATION_RISK_LABELS, CONCENTRATION_RISK_LEVELS, type ConcentrationRiskLevel } from '@kakine/contracts';
import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconFilterOff, IconUsersGroup } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../../components/empty-state';
import { ExportButtons } from '../../../components/export-buttons';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { localeOf } from '../../../lib/i18n';
import { useFormat } from '../../../lib/use-format';
import { personStatusLabel } from '../../people/labels';
import { type ConcentrationFilters, concentrationExportUrl, useConcentration } from '../api-know-how';
import { RiskBadge } from '../components/know-how-depth';

const PAGE_SIZE = 50;
const NO_FILTERS: ConcentrationFilters = { level: '', core: '' };

/**
 * `/register/concentration` 集中リスク: the technologies the caller may see ranked by concentration risk (level, bus
 * factor, the people whose departure breaks a step, flagged when they are leaving), with filters, export and a link to
 * each technology's ノウハウ tab.
 */
export function ConcentrationPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const format = useFormat();
  const [filters, setFilters] = useState<ConcentrationFilters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const ranking = useConcentration(filters, page, PAGE_SIZE);
  const update = (patch: Partial<ConcentrationFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const active = filters.level !== '' || filters.core !== '';

  return (
    <>
      <PageHeader title={t('knowHow.concentration.title')} description={t('knowHow.concentration.description')} />
      <Stack gap="md">
        <Paper p="md" component="section" aria-labelledby="concentration-filters">
          <Text component="h2" fw={600} size="sm" mb="sm" id="concentration-filters">
            {t('knowHow.concentration.filtersHeading')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <Select
              label={t('knowHow.concentration.level')}
              placeholder={t('knowHow.concentration.allLevels')}
              data={CONCENTRATION_RISK_LEVELS.map((level) => ({
                value: level,
                label: CONCENTRATION_RISK_LABELS[level][locale],
              }))}
              value={filters.level || null}
              onChange={(value) => update({ level: (value ?? '') as ConcentrationRiskLevel | '' })}
              clearable
            />
            <Select
              label={t('knowHow.concentration.core')}
              placeholder={t('knowHow.concentration.coreAny')}
              data={[
                { value: 'true', label: t('knowHow.concentration.coreOnly') },
                { value: 'false', label: t('knowHow.concentration.coreExcluded') },
              ]}
              value={filters.core || null}
              onChange={(value) => update({ core: (value ?? '') as ConcentrationFilters['core'] })}
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
                setFilters(NO_FILTERS);
                setPage(1);
              }}
            >
              {t('common.clearFilters')}
            </Button>
            <ExportButtons urlFor={(f) => concentrationExportUrl(filters, f)} />
          </Group>
        </Paper>
        <QueryState query={ranking}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyText>{t('knowHow.concentration.empty')}</EmptyText>
            ) : (
              <>
                <Table.ScrollContainer minWidth={1000}>
                  <Table>
                    <Table.Caption className="visually-hidden">
                      {t('knowHow.concentration.caption', { total: format.number(data.total) })}
                    </Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('knowHow.concentration.columns.technology')}</Table.Th>
                        <Table.Th scope="col">{t('knowHow.concentration.columns.level')}</Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('knowHow.concentration.columns.busFactor')}
                        </Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('knowHow.concentration.columns.steps')}
                        </Table.Th>
                        <Table.Th scope="col" ta="right">
                          {t('knowHow.concentration.columns.holders')}
                        </Table.Th>
                        <Table.Th scope="col">{t('knowHow.concentration.columns.critical')}</Table.Th>
                        <Table.Th scope="col">
                          <span className="visually-hidden">{t('knowHow.concentration.columns.actions')}</span>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((row) => (
                        <Table.Tr key={row.technologyId}>
                          <Table.Td>
                            <Group gap={6} wrap="nowrap">
                              <Text size="xs" c="dimmed" ff="monospace">
                                {row.code}
                              </Text>
                              {row.isCore ? (
                                <Badge color="grape" variant="light" size="sm">
                                  {t('knowHow.concentration.coreBadge')}
                                </Badge>
                              ) : null}
                            </Group>
                            <Anchor
                              renderRoot={(props) => (
                                <Link {...props} to="/register/$id" params={{ id: row.technologyId }} search={{}} />
                              )}
                              size="sm"
                              fw={600}
                            >
                              {row.nameJa}
                            </Anchor>
                          </Table.Td>
                          <Table.Td>
                            <Stack gap={4} align="flex-start">
                              <RiskBadge level={row.concentration.level} size="sm" />
                              {row.concentration.singlePersonAllSteps ? (
                                <Badge color="red" variant="light" size="sm" tt="none">
                                  {t('knowHow.concentration.allSteps')}
                                </Badge>
                              ) : null}
                              {row.concentration.departingHolders > 0 ? (
                                <Badge color="orange" variant="light" size="sm" tt="none">
                                  {t('knowHow.concentration.departing', {
                                    count: row.concentration.departingHolders,
                                  })}
                                </Badge>
                              ) : null}
                            </Stack>
                          </Table.Td>
                          <Table.Td ta="right">
                            <Text fw={700}>
                              {row.concentration.busFactor === null ? '—' : format.number(row.concentration.busFactor)}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right" className="nowrap">
                            {t('knowHow.concentration.stepsCount', { count: row.steps })}
                          </Table.Td>
                          <Table.Td ta="right" className="nowrap">
                            {t('knowHow.concentration.holdersCount', { count: row.holders })}
                          </Table.Td>
                          <Table.Td>
                            {row.criticalPeople.length === 0 ? (
                              '—'
                            ) : (
                              <Stack gap={4}>
                                {row.criticalPeople.map((person) => (
                                  <Group key={person.id} gap={6} wrap="nowrap">
                                    <Text size="sm">{person.name}</Text>
                                    {person.status !== 'active' ? (
                                      <Badge
                                        color={person.status === 'leaving' ? 'orange' : 'dark'}
                                        variant="light"
                                        size="sm"
                                        tt="none"
                                      >
                                        {personStatusLabel(person.status, locale)}
                                      </Badge>
                                    ) : null}
                                  </Group>
                                ))}
                              </Stack>
                            )}
                          </Table.Td>
                          <Table.Td ta="right">
                            <Button
                              renderRoot={(props) => (
                                <Link
                                  {...props}
                                  to="/register/$id"
                                  params={{ id: row.technologyId }}
                                  search={{ tab: 'know-how' }}
                                />
                              )}
                              size="xs"
                              variant="default"
                              leftSection={<IconUsersGroup size={14} aria-hidden="true" />}
                              aria-label={t('knowHow.concentration.openKnowHowLabel', { technology: row.nameJa })}
                            >
                              {t('knowHow.concentration.openKnowHow')}
                            </Button>
                          </Table.Td>
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
    </>
  );
}
