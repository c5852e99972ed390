import { Anchor, Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/date-text';
import { QueryState } from '../../../components/query-state';
import { can } from '../../../lib/abilities';
import type { CatalogueName, CatalogueVersion } from '../../../lib/api-types';
import { localeOf } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import { useFormat } from '../../../lib/use-format';
import { useCatalogues } from '../api';
import { PublishVersionModal } from './publish-version-modal';

const ORDER: CatalogueName[] = ['designated_technologies', 'countries', 'end_user_list'];

/** Every version of every catalogue, newest first; catalogue administrators can publish a new one. */
export function VersionsPanel() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const format = useFormat();
  const query = useCatalogues();
  const [publishing, setPublishing] = useState<CatalogueName | null>(null);
  const mayPublish = can(session, 'catalogue:publish');
  const nameOf = (catalogue: CatalogueName) => t(`catalogues.names.${catalogue}`);
  const en = localeOf(i18n) === 'en';
  const publisher = (v: CatalogueVersion) =>
    [v.publishedByName, en ? v.publishedByOrganisationEn : v.publishedByOrganisationJa].filter(Boolean).join(' / ');

  return (
    <>
      <QueryState query={query}>
        {(data) => (
          <Stack gap="lg">
            {ORDER.map((catalogue) => {
              const entry = data.items.find((item) => item.catalogue === catalogue);
              const versions = [...(entry?.versions ?? [])].sort((a, b) =>
                b.effectiveFrom.localeCompare(a.effectiveFrom),
              );
              const headingId = `versions-${catalogue}`;
              return (
                <Paper key={catalogue} p="md" component="section" aria-labelledby={headingId}>
                  <Group justify="space-between" mb="sm">
                    <Title order={2} fz="h4" id={headingId}>
                      {nameOf(catalogue)}
                    </Title>
                    {mayPublish ? (
                      <Button
                        size="xs"
                        variant="default"
                        leftSection={<IconUpload size={14} aria-hidden="true" />}
                        onClick={() => setPublishing(catalogue)}
                        aria-label={t('catalogues.versions.publishFor', { catalogue: nameOf(catalogue) })}
                      >
                        {t('catalogues.versions.publish')}
                      </Button>
                    ) : null}
                  </Group>
                  {versions.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      {t('catalogues.versions.empty')}
                    </Text>
                  ) : (
                    <Table.ScrollContainer minWidth={720}>
                      <Table>
                        <caption className="visually-hidden">
                          {t('catalogues.versions.caption', { catalogue: nameOf(catalogue) })}
                        </caption>
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th scope="col">{t('catalogues.versions.label')}</Table.Th>
                            <Table.Th scope="col">{t('catalogues.versions.effectiveFrom')}</Table.Th>
                            <Table.Th scope="col">{t('catalogues.versions.source')}</Table.Th>
                            <Table.Th scope="col" ta="right">
                              {t('catalogues.versions.entries')}
                            </Table.Th>
                            <Table.Th scope="col">{t('catalogues.versions.publishedAt')}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {versions.map((version) => (
                            <Table.Tr key={version.id}>
                              <Table.Td>
                                <Text size="sm" fw={500}>
                                  {version.label}
                                </Text>
                                <Group gap={4} mt={2}>
                                  {version.inForceToday ? (
                                    <Badge color="hedge" size="sm">
                                      {t('catalogues.versions.inForceToday')}
                                    </Badge>
                                  ) : null}
                                  {version.bundled ? (
                                    <Badge color="gray" size="sm">
                                      {t('catalogues.versions.bundled')}
                                    </Badge>
                                  ) : null}
                                </Group>
                                {version.notes ? (
                                  <Text size="xs" c="dimmed" mt={2}>
                                    {t('catalogues.versions.notes')}：{version.notes}
                                  </Text>
                                ) : null}
                              </Table.Td>
                              <Table.Td className="nowrap">
                                <DateText value={version.effectiveFrom} />
                              </Table.Td>
                              <Table.Td>
                                {version.sourceUrl ? (
                                  <Anchor href={version.sourceUrl} target="_blank" rel="noreferrer" size="sm">
                                    {version.source}
                                    <span className="visually-hidden">{t('common.openInNewTab')}</span>
                                  </Anchor>
                                ) : (
                                  <Text size="sm">{version.source}</Text>
                                )}
                                {version.attribution ? (
                                  <Text size="xs" c="dimmed">
                                    {version.attribution}
                                  </Text>
                                ) : null}
                              </Table.Td>
                              <Table.Td ta="right" ff="monospace">
                                {format.number(version.entryCount)}
                              </Table.Td>
                              <Table.Td className="nowrap">
                                <DateText value={version.publishedAt} withTime />
                                {publisher(version) ? (
                                  <Text size="xs" c="dimmed">
                                    {t('catalogues.versions.publishedBy', { name: publisher(version) })}
                                  </Text>
                                ) : null}
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.ScrollContainer>
                  )}
                </Paper>
              );
            })}
          </Stack>
        )}
      </QueryState>
      <PublishVersionModal
        catalogue={publishing}
        catalogueLabel={publishing ? nameOf(publishing) : ''}
        onClose={() => setPublishing(null)}
      />
    </>
  );
}
