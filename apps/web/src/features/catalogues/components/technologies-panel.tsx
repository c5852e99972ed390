import { Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/date-text';
import { EmptyText } from '../../../components/empty-state';
import { ExportButtons } from '../../../components/export-buttons';
import { QueryState } from '../../../components/query-state';
import { localeOf } from '../../../lib/i18n';
import { useFormat } from '../../../lib/use-format';
import { technologiesExportUrl, useDesignatedTechnologies } from '../api';
import { CertaintyBadge } from './certainty-badge';
import { VersionLine } from './version-line';

/** The designated technologies in force on the as-of date, with legal reference, source and certainty. */
export function TechnologiesPanel({ asOf }: { asOf: string }) {
  const { t, i18n } = useTranslation();
  const en = localeOf(i18n) === 'en';
  const format = useFormat();
  const query = useDesignatedTechnologies(asOf);
  return (
    <QueryState query={query}>
      {(data) => (
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <VersionLine version={data.version} />
            <ExportButtons urlFor={(format) => technologiesExportUrl(asOf, format)} />
          </Group>
          {data.items.length === 0 ? (
            <EmptyText>{t('common.noResults')}</EmptyText>
          ) : (
            <Table.ScrollContainer minWidth={1080}>
              <Table>
                <caption className="visually-hidden">
                  {t('catalogues.technologies.caption', { count: data.items.length })}
                </caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col" w={56}>
                      {t('catalogues.technologies.number')}
                    </Table.Th>
                    <Table.Th scope="col" miw={220}>
                      {t('catalogues.technologies.name')}
                    </Table.Th>
                    <Table.Th scope="col" miw={96}>
                      {t('catalogues.technologies.group')}
                    </Table.Th>
                    <Table.Th scope="col" className="nowrap">
                      {t('catalogues.technologies.inForce')}
                    </Table.Th>
                    <Table.Th scope="col" miw={180}>
                      {t('catalogues.technologies.legalReference')}
                    </Table.Th>
                    <Table.Th scope="col">{t('catalogues.technologies.source')}</Table.Th>
                    <Table.Th scope="col" className="nowrap">
                      {t('catalogues.status.label')}
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {[...data.items]
                    .sort((a, b) => a.number - b.number)
                    .map((item) => (
                      <Table.Tr key={item.code}>
                        <Table.Td ff="monospace">{item.number}</Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={600} lang={en ? 'en' : 'ja'}>
                            {en ? item.nameEn : item.nameJa}
                          </Text>
                          <Text size="xs" c="dimmed" lang={en ? 'ja' : 'en'}>
                            {en ? item.nameJa : item.nameEn}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{(en ? item.groupEn : item.groupJa) ?? '—'}</Text>
                        </Table.Td>
                        <Table.Td className="nowrap">
                          <Text size="sm">
                            <DateText value={item.inForceFrom} />
                          </Text>
                          {item.inForceTo ? (
                            <Text size="xs" c="dimmed">
                              {t('catalogues.technologies.inForceUntil', { date: format.date(item.inForceTo) })}
                            </Text>
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{item.legalReference ?? '—'}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="xs" c="dimmed">
                            {item.source ?? '—'}
                          </Text>
                        </Table.Td>
                        <Table.Td className="nowrap">
                          <CertaintyBadge status={item.status} note={item.statusNote} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      )}
    </QueryState>
  );
}
