import { CONCENTRATION_RISK_LABELS, EXPORT_CONTROL_STATUS_LABELS, LOCATION_KIND_LABELS } from '@kakine/contracts';
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/date-text';
import { localeOf } from '../../../lib/i18n';
import { useFormat } from '../../../lib/use-format';
import { type Technology, useRegisterSettings } from '../api';
import { classificationColor, classificationName, RISK_COLORS } from '../vocabulary';
import { EvidenceFileLinks } from './evidence-files';

/** A labelled row of a facts table. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={200} style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td fz="sm">{children}</Table.Td>
    </Table.Tr>
  );
}

/** A titled block of the overview. */
function Block({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper p="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h5" id={id} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * The 概要 tab: every field of a technology — names, products, owner, classification, core reason, designated
 * technologies with the catalogue version they are read from, export control, locations (overseas sites marked),
 * review dates and the concentration figures.
 */
export function TechnologyOverview({ technology }: { technology: Technology }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const format = useFormat();
  const settings = useRegisterSettings();
  const levels = settings.data?.classificationLevels;
  const ec = technology.exportControl;
  const concentration = technology.concentration;

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Block id="overview-basics" title={t('register.form.sections.basics')}>
          <Table withRowBorders highlightOnHover={false} verticalSpacing="xs">
            <Table.Tbody>
              <Fact label={t('register.fields.code')}>
                <Text ff="monospace" size="sm">
                  {technology.code}
                </Text>
              </Fact>
              <Fact label={t('register.fields.nameJa')}>{technology.nameJa}</Fact>
              <Fact label={t('register.fields.nameEn')}>
                <span lang="en">{technology.nameEn ?? '—'}</span>
              </Fact>
              <Fact label={t('register.fields.products')}>
                {technology.products.length > 0 ? (
                  <Group gap={4}>
                    {technology.products.map((p) => (
                      <Badge key={p} color="gray" variant="light">
                        {p}
                      </Badge>
                    ))}
                  </Group>
                ) : (
                  '—'
                )}
              </Fact>
              <Fact label={t('register.fields.description')}>
                {technology.description ? (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {technology.description}
                  </Text>
                ) : (
                  '—'
                )}
              </Fact>
            </Table.Tbody>
          </Table>
        </Block>
        <Block id="overview-management" title={t('register.form.sections.management')}>
          <Table withRowBorders highlightOnHover={false} verticalSpacing="xs">
            <Table.Tbody>
              <Fact label={t('register.fields.owner')}>{technology.ownerName ?? t('register.list.noOwner')}</Fact>
              <Fact label={t('register.fields.department')}>{technology.department ?? '—'}</Fact>
              <Fact label={t('register.fields.classification')}>
                <Badge color={classificationColor(levels, technology.classificationCode)}>
                  {classificationName(levels, technology.classificationCode, locale)}
                </Badge>
              </Fact>
              <Fact label={t('register.fields.isCore')}>
                {technology.isCore ? (
                  <Stack gap={4}>
                    <Badge color="grape" variant="filled">
                      {t('register.badges.core')}
                    </Badge>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {technology.coreReason}
                    </Text>
                  </Stack>
                ) : (
                  t('register.detail.notCore')
                )}
              </Fact>
              <Fact label={t('register.fields.reviewIntervalMonths')}>
                {t('register.detail.everyMonths', { months: technology.reviewIntervalMonths })}
              </Fact>
              <Fact label={t('register.fields.lastReviewedOn')}>
                <DateText value={technology.lastReviewedOn} />
              </Fact>
              <Fact label={t('register.detail.nextReviewOn')}>
                <Group gap="xs">
                  <DateText value={technology.nextReviewOn} />
                  {technology.reviewOverdue ? <Badge color="red">{t('register.list.overdue')}</Badge> : null}
                </Group>
              </Fact>
              <Fact label={t('register.detail.concentration')}>
                {concentration.level === 'none' ? (
                  t('register.list.noMap')
                ) : (
                  <Group gap="xs">
                    <Badge color={RISK_COLORS[concentration.level]}>
                      {CONCENTRATION_RISK_LABELS[concentration.level][locale]}
                    </Badge>
                    <Text size="sm">{t('register.detail.busFactor', { count: concentration.busFactor ?? 0 })}</Text>
                    {concentration.singlePersonAllSteps ? (
                      <Badge color="red" variant="light">
                        {t('register.detail.singlePerson')}
                      </Badge>
                    ) : null}
                    {concentration.departingHolders > 0 ? (
                      <Badge color="orange" variant="light">
                        {t('register.detail.departingHolders', { count: concentration.departingHolders })}
                      </Badge>
                    ) : null}
                  </Group>
                )}
              </Fact>
            </Table.Tbody>
          </Table>
        </Block>
      </SimpleGrid>

      <Block id="overview-designated" title={t('register.form.sections.designated')}>
        {technology.designated.length === 0 ? (
          <Text size="sm">{t('register.detail.noDesignated')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={64}>
                    {t('register.detail.designatedNumber')}
                  </Table.Th>
                  <Table.Th scope="col">{t('register.detail.designatedName')}</Table.Th>
                  <Table.Th scope="col">{t('register.detail.designatedInForce')}</Table.Th>
                  <Table.Th scope="col">{t('register.detail.designatedVersion')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {technology.designated.map((d) => (
                  <Table.Tr key={d.code}>
                    <Table.Td ff="monospace">{d.number ?? '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {locale === 'en' ? d.nameEn : d.nameJa}
                      </Text>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {d.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {d.inForce ? (
                        <Text size="sm">
                          {d.inForceFrom
                            ? t('register.detail.inForceSince', { date: format.date(d.inForceFrom) })
                            : t('register.detail.inForce')}
                        </Text>
                      ) : (
                        <Badge color="gray">{t('register.detail.notInForce')}</Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {d.versionLabel ? (
                        <Text size="sm">
                          {d.versionLabel}
                          {d.versionEffectiveFrom ? (
                            <Text span size="xs" c="dimmed" display="block">
                              {t('register.detail.versionEffective', { date: format.date(d.versionEffectiveFrom) })}
                            </Text>
                          ) : null}
                        </Text>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Block>

      <Block id="overview-export" title={t('register.form.sections.exportControl')}>
        <Table withRowBorders highlightOnHover={false} verticalSpacing="xs">
          <Table.Tbody>
            <Fact label={t('register.fields.exportStatus')}>
              <Badge
                color={ec.status === 'applicable' ? 'red' : ec.status === 'not_applicable' ? 'hedge' : 'gray'}
                variant="light"
              >
                {EXPORT_CONTROL_STATUS_LABELS[ec.status][locale]}
              </Badge>
            </Fact>
            <Fact label={t('register.fields.listItemRef')}>{ec.listItemRef ?? '—'}</Fact>
            <Fact label={t('register.fields.assessorName')}>{ec.assessorName ?? '—'}</Fact>
            <Fact label={t('register.fields.assessedOn')}>
              <DateText value={ec.assessedOn} />
            </Fact>
            <Fact label={t('register.fields.exportEvidence')}>
              <EvidenceFileLinks technologyId={technology.id} fileIds={ec.evidenceFileIds} />
            </Fact>
          </Table.Tbody>
        </Table>
      </Block>

      <Block id="overview-locations" title={t('register.form.sections.locations')}>
        {technology.locations.length === 0 ? (
          <Text size="sm">{t('register.locations.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('register.locations.kind')}</Table.Th>
                  <Table.Th scope="col">{t('register.locations.name')}</Table.Th>
                  <Table.Th scope="col">{t('register.locations.country')}</Table.Th>
                  <Table.Th scope="col">{t('register.locations.detail')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {technology.locations.map((l, index) => (
                  <Table.Tr
                    // Locations have no id of their own; their position is stable between renders.
                    // biome-ignore lint/suspicious/noArrayIndexKey: see above
                    key={index}
                    style={l.overseas ? { background: 'var(--mantine-color-orange-0)' } : undefined}
                  >
                    <Table.Td>{LOCATION_KIND_LABELS[l.kind][locale]}</Table.Td>
                    <Table.Td>{l.name}</Table.Td>
                    <Table.Td>
                      {l.countryCode ? (
                        <Group gap={6}>
                          <Text size="sm">
                            {(locale === 'en' ? l.countryNameEn : l.countryNameJa) ?? l.countryCode}
                          </Text>
                          {l.overseas ? (
                            <Badge color="orange" leftSection={<IconWorld size={12} aria-hidden="true" />}>
                              {t('register.badges.overseas')}
                            </Badge>
                          ) : null}
                        </Group>
                      ) : (
                        '—'
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        ff={l.kind === 'system' ? 'monospace' : undefined}
                        style={{ wordBreak: 'break-all' }}
                      >
                        {l.detail ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Block>
      <Text size="xs" c="dimmed">
        {t('register.detail.meta', {
          created: format.dateTime(technology.createdAt),
          updated: format.dateTime(technology.updatedAt),
          version: technology.version,
        })}
      </Text>
    </Stack>
  );
}
