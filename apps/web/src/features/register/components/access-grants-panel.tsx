import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyText } from '../../../components/empty-state';
import { QueryState } from '../../../components/query-state';
import { type AccessGrant, useTechnologyGrants } from '../api-know-how';
import { AddGrantModal, EditGrantModal, RevokeGrantModal } from './access-grant-modals';
import { AccessGrantsTable } from './access-grants-table';

/**
 * The アクセス権 tab of a technology: every grant (person or department, reason, granted by and when, expiry, state,
 * findings as warnings), and for those who manage access (`canManage`) granting, changing and revoking; each row's
 * actions follow the server's abilities on that grant.
 */
export function AccessGrantsPanel({ technologyId, canManage }: { technologyId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const grants = useTechnologyGrants(technologyId);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<AccessGrant | null>(null);
  const [revoking, setRevoking] = useState<AccessGrant | null>(null);

  return (
    <Stack gap="md" component="section" aria-labelledby="access-grants-heading">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4} maw={760}>
          <Title order={2} fz="h4" id="access-grants-heading">
            {t('knowHow.grants.heading')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('knowHow.grants.description')}
          </Text>
        </Stack>
        {canManage ? (
          <Button leftSection={<IconKey size={16} aria-hidden="true" />} onClick={() => setAdding(true)}>
            {t('knowHow.grants.add')}
          </Button>
        ) : null}
      </Group>
      <QueryState query={grants}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyText>{t('knowHow.grants.empty')}</EmptyText>
          ) : (
            <AccessGrantsTable
              grants={data.items}
              caption={t('knowHow.grants.caption')}
              onEdit={canManage ? setEditing : undefined}
              onRevoke={canManage ? setRevoking : undefined}
            />
          )
        }
      </QueryState>
      {canManage ? (
        <>
          <AddGrantModal technologyId={technologyId} opened={adding} onClose={() => setAdding(false)} />
          <EditGrantModal grant={editing} onClose={() => setEditing(null)} />
          <RevokeGrantModal grant={revoking} onClose={() => setRevoking(null)} />
        </>
      ) : null}
    </Stack>
  );
}
