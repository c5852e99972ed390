import { ActionIcon, Badge, Button, Group, Menu, Stack, Table, Tabs, Text } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal';
import { DateText } from '../../../components/date-text';
import { EmptyText } from '../../../components/empty-state';
import { ExportButtons } from '../../../components/export-buttons';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { SearchField } from '../../../components/search-field';
import { SortableTh, type SortState } from '../../../components/sortable-th';
import { can } from '../../../lib/abilities';
import type { AdminUser, Invitation } from '../../../lib/api-types';
import { translateKey } from '../../../lib/i18n';
import { roleLabel } from '../../../lib/i18n/labels';
import { useSession } from '../../../lib/session';
import { useFormat } from '../../../lib/use-format';
import {
  invitationsExportUrl,
  type UserSortField,
  useInvitations,
  useRevokeInvitation,
  usersExportUrl,
  useUpdateUser,
  useUsers,
} from '../api';
import { ChangeRolesModal } from '../components/change-roles-modal';
import { InviteUserModal } from '../components/invite-user-modal';

const PAGE_SIZE = 25;

/** User administration: the organisation's users (roles, status, 2FA, last sign-in) and its invitations. */
export function UsersPage() {
  const { t } = useTranslation();
  const session = useSession();
  const manage = can(session, 'users:manage');
  const [inviteOpened, invite] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title={t('admin.title')}
        description={t('admin.description')}
        actions={
          manage ? (
            <Button leftSection={<IconUserPlus size={18} aria-hidden="true" />} onClick={invite.open}>
              {t('admin.invite')}
            </Button>
          ) : null
        }
      />
      {manage ? (
        <Tabs defaultValue="users" keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="users">{t('admin.tabs.users')}</Tabs.Tab>
            <Tabs.Tab value="invitations">{t('admin.tabs.invitations')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="users">
            <UsersTable />
          </Tabs.Panel>
          <Tabs.Panel value="invitations">
            <InvitationsTable />
          </Tabs.Panel>
        </Tabs>
      ) : (
        <UsersTable />
      )}
      {manage ? <InviteUserModal opened={inviteOpened} onClose={invite.close} /> : null}
    </>
  );
}

/** The label of a user status, or the status itself if it is new to the UI. */
const statusLabel = (t: Parameters<typeof translateKey>[0], status: string) =>
  translateKey(t, `admin.status.${status}`, status);

/** Whether a user is locked out after failed sign-ins right now. */
export const isLocked = (user: Pick<AdminUser, 'lockedUntil'>, now: Date = new Date()): boolean =>
  Boolean(user.lockedUntil) && new Date(user.lockedUntil ?? 0).getTime() > now.getTime();

function UsersTable() {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<SortState<UserSortField>>({ field: 'displayName', order: 'asc' });
  const users = useUsers({ page, pageSize: PAGE_SIZE, q, sort: sort.field, order: sort.order });
  const onSort = (next: SortState<UserSortField>) => {
    setSort(next);
    setPage(1);
  };
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const [toggling, setToggling] = useState<AdminUser | null>(null);
  const update = useUpdateUser();

  const toggleStatus = (user: AdminUser) => {
    const status = user.status === 'disabled' ? 'active' : 'disabled';
    update.mutate(
      { id: user.id, status },
      {
        onSuccess: () => {
          notifications.show({
            color: 'hedge',
            message: t(status === 'disabled' ? 'admin.disabledDone' : 'admin.enabledDone', { name: user.displayName }),
          });
          setToggling(null);
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <SearchField
          label={t('admin.searchLabel')}
          placeholder={t('admin.searchPlaceholder')}
          value={search}
          onSearch={(text) => {
            setSearch(text);
            setPage(1);
          }}
        />
        <ExportButtons urlFor={(format) => usersExportUrl({ q, sort: sort.field, order: sort.order }, format)} />
      </Group>
      <QueryState query={users}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyText>{t('common.noResults')}</EmptyText>
          ) : (
            <>
              <Table.ScrollContainer minWidth={860}>
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <SortableTh field="displayName" sort={sort} onSort={onSort}>
                        {t('admin.columns.user')}
                      </SortableTh>
                      <Table.Th scope="col">{t('admin.columns.roles')}</Table.Th>
                      <Table.Th scope="col">{t('admin.columns.status')}</Table.Th>
                      <Table.Th scope="col">{t('admin.columns.twoFactor')}</Table.Th>
                      <SortableTh field="lastSignInAt" sort={sort} onSort={onSort}>
                        {t('admin.columns.lastSignIn')}
                      </SortableTh>
                      <Table.Th scope="col">
                        <span className="visually-hidden">{t('admin.columns.actions')}</span>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {data.items.map((user) => (
                      <Table.Tr key={user.id}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {user.displayName}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {user.email}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {user.roles.map((role) => (
                              <Badge key={role} color="gray">
                                {roleLabel(t, role)}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Stack gap={4} align="flex-start">
                            <Badge color={user.status === 'active' ? 'hedge' : 'gray'}>
                              {statusLabel(t, user.status)}
                            </Badge>
                            {isLocked(user) ? (
                              <Badge color="orange">
                                {t('admin.lockedUntil', { date: format.dateTime(user.lockedUntil) })}
                              </Badge>
                            ) : null}
                          </Stack>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {user.totpEnrolled ? t('admin.twoFactorEnrolled') : t('admin.twoFactorMissing')}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {user.lastSignInAt ? (
                              <DateText value={user.lastSignInAt} withTime />
                            ) : (
                              t('admin.neverSignedIn')
                            )}
                          </Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          {user.abilities.changeRoles || user.abilities.disable ? (
                            <Menu position="bottom-end" withinPortal>
                              <Menu.Target>
                                <ActionIcon
                                  variant="subtle"
                                  color="dark"
                                  aria-label={t('admin.rowActions', { name: user.displayName })}
                                >
                                  <IconDots size={18} aria-hidden="true" />
                                </ActionIcon>
                              </Menu.Target>
                              <Menu.Dropdown>
                                {user.abilities.changeRoles ? (
                                  <Menu.Item onClick={() => setEditing(user)}>{t('admin.changeRoles')}</Menu.Item>
                                ) : null}
                                {user.abilities.disable ? (
                                  user.status === 'disabled' ? (
                                    <Menu.Item onClick={() => toggleStatus(user)}>{t('admin.enable')}</Menu.Item>
                                  ) : (
                                    <Menu.Item color="red" onClick={() => setToggling(user)}>
                                      {t('admin.disable')}
                                    </Menu.Item>
                                  )
                                ) : null}
                              </Menu.Dropdown>
                            </Menu>
                          ) : null}
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
      <ChangeRolesModal user={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={toggling !== null}
        onClose={() => {
          setToggling(null);
          update.reset();
        }}
        title={toggling ? t('admin.disableTitle', { name: toggling.displayName }) : ''}
        body={t('admin.disableBody')}
        confirmLabel={t('admin.disable')}
        danger
        loading={update.isPending}
        error={update.error}
        onConfirm={() => toggling && toggleStatus(toggling)}
      />
    </Stack>
  );
}

/** Where an invitation stands: as the server says, or derived from its timestamps when it does not say. */
export const invitationState = (
  invitation: Pick<Invitation, 'acceptedAt' | 'revokedAt' | 'expiresAt'> & { status?: Invitation['status'] },
  now: Date = new Date(),
): 'pending' | 'accepted' | 'revoked' | 'expired' => {
  if (invitation.status) return invitation.status;
  if (invitation.revokedAt) return 'revoked';
  if (invitation.acceptedAt) return 'accepted';
  if (new Date(invitation.expiresAt).getTime() <= now.getTime()) return 'expired';
  return 'pending';
};

const STATE_COLORS = { pending: 'blue', accepted: 'hedge', revoked: 'gray', expired: 'gray' } as const;

function InvitationsTable() {
  const { t } = useTranslation();
  const invitations = useInvitations();
  const revoke = useRevokeInvitation();
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <ExportButtons urlFor={invitationsExportUrl} />
      </Group>
      <QueryState query={invitations}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyText>{t('admin.invitations.empty')}</EmptyText>
          ) : (
            <Table.ScrollContainer minWidth={860}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('admin.invitations.columns.email')}</Table.Th>
                    <Table.Th scope="col">{t('admin.invitations.columns.displayName')}</Table.Th>
                    <Table.Th scope="col">{t('admin.invitations.columns.roles')}</Table.Th>
                    <Table.Th scope="col">{t('admin.invitations.columns.invitedBy')}</Table.Th>
                    <Table.Th scope="col">{t('admin.invitations.columns.expiresAt')}</Table.Th>
                    <Table.Th scope="col">{t('admin.invitations.columns.state')}</Table.Th>
                    <Table.Th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((invitation) => {
                    const state = invitationState(invitation);
                    return (
                      <Table.Tr key={invitation.id}>
                        <Table.Td>{invitation.email}</Table.Td>
                        <Table.Td>{invitation.displayName}</Table.Td>
                        <Table.Td>
                          <Group gap={4}>
                            {invitation.roles.map((role) => (
                              <Badge key={role} color="gray">
                                {roleLabel(t, role)}
                              </Badge>
                            ))}
                          </Group>
                        </Table.Td>
                        <Table.Td>{invitation.invitedByName ?? '—'}</Table.Td>
                        <Table.Td>
                          <DateText value={invitation.expiresAt} withTime />
                        </Table.Td>
                        <Table.Td>
                          <Badge color={STATE_COLORS[state]}>{t(`admin.invitations.states.${state}`)}</Badge>
                        </Table.Td>
                        <Table.Td ta="right">
                          {state === 'pending' && (invitation.abilities?.revoke ?? true) ? (
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setRevoking(invitation)}
                              aria-label={t('admin.invitations.revokeLabel', { email: invitation.email })}
                            >
                              {t('admin.invitations.revoke')}
                            </Button>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryState>
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        title={t('admin.invitations.revokeTitle')}
        body={revoking ? t('admin.invitations.revokeBody', { email: revoking.email }) : ''}
        confirmLabel={t('admin.invitations.revoke')}
        danger
        loading={revoke.isPending}
        error={revoke.error}
        onConfirm={() =>
          revoking &&
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notifications.show({ color: 'hedge', message: t('admin.invitations.revoked') });
              setRevoking(null);
            },
          })
        }
      />
    </Stack>
  );
}
