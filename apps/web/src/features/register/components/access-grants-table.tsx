import { ACCESS_FINDING_LABELS } from '@kakine/contracts';
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/date-text';
import { localeOf } from '../../../lib/i18n';
import { PersonBadges } from '../../people/components/person-badges';
import type { AccessGrant } from '../api-know-how';

const STATE_COLORS = { active: 'hedge', expired: 'orange', revoked: 'gray' } as const;

/** How a grant's grantee is named in labels and dialogs: the person's name, or 「部署：製造部」. */
export const useGranteeName = () => {
  const { t } = useTranslation();
  return (grant: Pick<AccessGrant, 'granteeKind' | 'personName' | 'department'>): string =>
    grant.granteeKind === 'person'
      ? (grant.personName ?? '—')
      : t('knowHow.grants.departmentGrant', { department: grant.department ?? '—' });
};

/** A grant's findings as warning badges with their Japanese (or English) explanation. */
export function FindingBadges({ findings }: { findings: AccessGrant['findings'] }) {
  const { i18n } = useTranslation();
  const locale = localeOf(i18n);
  if (findings.length === 0) return <Text size="sm">—</Text>;
  return (
    <Stack gap={4} align="flex-start">
      {findings.map((finding) => (
        <Badge
          key={finding}
          color={finding === 'no_expiry_external' || finding === 'department_on_core' ? 'yellow' : 'red'}
          variant="light"
          tt="none"
          h="auto"
          py={2}
          leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}
          styles={{ label: { whiteSpace: 'normal' } }}
        >
          {ACCESS_FINDING_LABELS[finding][locale]}
        </Badge>
      ))}
    </Stack>
  );
}

/**
 * A table of access grants: grantee (with 派遣/退職予定 badges), reason, who granted it and when, expiry, state and
 * findings, with the change and revoke actions the server allows on each row. `withTechnology` adds the
 * technology column for register-wide lists.
 */
export function AccessGrantsTable({
  grants,
  caption,
  withTechnology = false,
  technologyCell,
  onEdit,
  onRevoke,
}: {
  grants: AccessGrant[];
  caption: string;
  withTechnology?: boolean;
  technologyCell?: (grant: AccessGrant) => ReactNode;
  onEdit?: (grant: AccessGrant) => void;
  onRevoke?: (grant: AccessGrant) => void;
}) {
  const { t } = useTranslation();
  const granteeName = useGranteeName();
  const hasActions = grants.some((g) => g.state !== 'revoked' && (g.abilities.edit || g.abilities.revoke));
  return (
    <Table.ScrollContainer minWidth={withTechnology ? 980 : 880}>
      <Table>
        <Table.Caption className="visually-hidden">{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {withTechnology ? <Table.Th scope="col">{t('knowHow.grants.columns.technology')}</Table.Th> : null}
            <Table.Th scope="col">{t('knowHow.grants.columns.grantee')}</Table.Th>
            <Table.Th scope="col">{t('knowHow.grants.columns.reason')}</Table.Th>
            <Table.Th scope="col" miw={112}>
              {t('knowHow.grants.columns.granted')}
            </Table.Th>
            <Table.Th scope="col" miw={110}>
              {t('knowHow.grants.columns.expiresOn')}
            </Table.Th>
            <Table.Th scope="col" miw={96}>
              {t('knowHow.grants.columns.state')}
            </Table.Th>
            <Table.Th scope="col" w={220}>
              {t('knowHow.grants.columns.findings')}
            </Table.Th>
            {hasActions ? (
              <Table.Th scope="col">
                <span className="visually-hidden">{t('knowHow.grants.columns.actions')}</span>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {grants.map((grant) => {
            const name = granteeName(grant);
            return (
              <Table.Tr key={grant.id}>
                {withTechnology ? <Table.Td>{technologyCell?.(grant)}</Table.Td> : null}
                <Table.Td>
                  <Stack gap={2}>
                    <Text size="sm" fw={600}>
                      {name}
                    </Text>
                    {grant.personEmployeeId ? (
                      <Text size="xs" c="dimmed" ff="monospace">
                        {grant.personEmployeeId}
                      </Text>
                    ) : null}
                    {grant.personEmploymentType && grant.personStatus ? (
                      <PersonBadges
                        size="xs"
                        person={{
                          employmentType: grant.personEmploymentType,
                          status: grant.personStatus,
                          lastWorkingDay: null,
                        }}
                      />
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td maw={280}>
                  <Text size="sm">{grant.reason}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" className="nowrap">
                    {grant.grantedByName ?? '—'}
                  </Text>
                  <Text size="xs" c="dimmed" className="nowrap">
                    <DateText value={grant.grantedAt} />
                  </Text>
                </Table.Td>
                <Table.Td className="nowrap">
                  {grant.expiresOn ? (
                    <DateText value={grant.expiresOn} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('knowHow.grants.noExpiry')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Badge color={STATE_COLORS[grant.state]} variant="light">
                    {t(`knowHow.grants.states.${grant.state}`)}
                  </Badge>
                  {grant.revokedAt ? (
                    <Text size="xs" c="dimmed" mt={4}>
                      <DateText value={grant.revokedAt} />
                      {grant.revokedByName ? `・${grant.revokedByName}` : ''}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <FindingBadges findings={grant.findings} />
                </Table.Td>
                {hasActions ? (
                  <Table.Td ta="right">
                    {grant.state !== 'revoked' ? (
                      <Stack gap={6} align="stretch">
                        {grant.abilities.edit && onEdit ? (
                          <Button
                            size="xs"
                            variant="default"
                            aria-label={t('knowHow.grants.editLabel', { grantee: name })}
                            onClick={() => onEdit(grant)}
                          >
                            {t('knowHow.grants.edit')}
                          </Button>
                        ) : null}
                        {grant.abilities.revoke && onRevoke ? (
                          <Button
                            size="xs"
                            variant="default"
                            color="red"
                            aria-label={t('knowHow.grants.revokeLabel', { grantee: name })}
                            onClick={() => onRevoke(grant)}
                          >
                            {t('knowHow.grants.revoke')}
                          </Button>
                        ) : null}
                      </Stack>
                    ) : null}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
