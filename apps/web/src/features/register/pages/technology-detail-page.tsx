import { Alert, Box, Button, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { IconArchive, IconArrowBackUp, IconArrowLeft, IconEdit, IconTrash } from '@tabler/icons-react';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmModal } from '../../../components/confirm-modal';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { isApiError } from '../../../lib/api-client';
import { useFormat } from '../../../lib/use-format';
import { type Technology, useTechnology, useTechnologyLifecycle } from '../api';
import { AccessGrantsPanel } from '../components/access-grants-panel';
import { ActionDialog } from '../components/action-dialog';
import { HistoryPanel } from '../components/history-panel';
import { KnowHowPanel } from '../components/know-how-panel';
import { ButtonLink } from '../components/router-links';
import { TechnologyBadges } from '../components/technology-badges';
import { TechnologyOverview } from '../components/technology-overview';
import { TradeSecretPanel } from '../components/trade-secret-panel';
import { notifyDone } from '../notify';

const route = getRouteApi('/app/register/$id');

/** The tabs of a technology, also the `tab` search parameter so that a tab can be linked to. */
export const TECHNOLOGY_TABS = ['overview', 'trade-secret', 'access', 'know-how', 'history'] as const;
/** One tab of a technology. */
export type TechnologyTab = (typeof TECHNOLOGY_TABS)[number];

/** `/register/$id`: one technology with its tabs and the lifecycle actions the server allows. */
export function TechnologyDetailPage() {
  const { id } = route.useParams();
  const query = useTechnology(id);
  return <QueryState query={query}>{(technology) => <TechnologyDetail technology={technology} />}</QueryState>;
}

function TechnologyDetail({ technology }: { technology: Technology }) {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = useNavigate();
  const tab: TechnologyTab = search.tab ?? 'overview';
  const abilities = technology.abilities;
  const visibleTabs = TECHNOLOGY_TABS.filter((name) => name !== 'history' || abilities.viewHistory);
  const activeTab = visibleTabs.includes(tab) ? tab : 'overview';

  return (
    <>
      <ButtonLink
        to="/register"
        variant="subtle"
        size="xs"
        leftSection={<IconArrowLeft size={14} aria-hidden="true" />}
        mb="xs"
      >
        {t('register.detail.backToList')}
      </ButtonLink>
      <PageHeader
        title={technology.nameJa}
        description={
          <>
            <Text span ff="monospace" size="sm">
              {technology.code}
            </Text>
            {technology.nameEn ? <span lang="en">　{technology.nameEn}</span> : null}
          </>
        }
        actions={<LifecycleActions technology={technology} />}
      />
      <Box mt={-8} mb="md">
        <TechnologyBadges
          facts={{
            isCore: technology.isCore,
            designatedCount: technology.designated.length,
            overseas: technology.locations.some((l) => l.overseas),
            riskLevel: technology.concentration.level,
            tradeSecretQualifies: technology.tradeSecret.qualifies,
            status: technology.status,
          }}
        />
      </Box>
      {technology.status === 'archived' ? <ArchivedNotice technology={technology} /> : null}
      <Tabs
        value={activeTab}
        onChange={(value) =>
          void navigate({
            to: '/register/$id',
            params: { id: technology.id },
            search: value && value !== 'overview' ? { tab: value as TechnologyTab } : {},
            replace: true,
          })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="overview">{t('register.detail.tabs.overview')}</Tabs.Tab>
          <Tabs.Tab value="trade-secret">{t('register.detail.tabs.tradeSecret')}</Tabs.Tab>
          <Tabs.Tab value="access">{t('register.detail.tabs.access')}</Tabs.Tab>
          <Tabs.Tab value="know-how">{t('register.detail.tabs.knowHow')}</Tabs.Tab>
          {abilities.viewHistory ? <Tabs.Tab value="history">{t('register.detail.tabs.history')}</Tabs.Tab> : null}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <TechnologyOverview technology={technology} />
        </Tabs.Panel>
        <Tabs.Panel value="trade-secret">
          <TradeSecretPanel technology={technology} />
        </Tabs.Panel>
        <Tabs.Panel value="access">
          <AccessGrantsPanel technologyId={technology.id} canManage={abilities.manageAccess} />
        </Tabs.Panel>
        <Tabs.Panel value="know-how">
          <KnowHowPanel technologyId={technology.id} canEdit={abilities.editKnowHow} />
        </Tabs.Panel>
        {abilities.viewHistory ? (
          <Tabs.Panel value="history">
            <HistoryPanel technologyId={technology.id} />
          </Tabs.Panel>
        ) : null}
      </Tabs>
    </>
  );
}

function ArchivedNotice({ technology }: { technology: Technology }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Alert color="gray" mb="md" title={t('register.detail.archivedTitle')}>
      {technology.archivedAt
        ? t('register.detail.archivedBody', { date: format.date(technology.archivedAt) })
        : t('register.detail.archivedBodyNoDate')}
    </Alert>
  );
}

/** Edit, archive, restore and delete, each shown only when the server says the caller may; all but edit confirm. */
function LifecycleActions({ technology }: { technology: Technology }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { archive, restore, remove } = useTechnologyLifecycle(technology.id);
  const [dialog, setDialog] = useState<'archive' | 'restore' | 'delete' | null>(null);
  const [reason, setReason] = useState('');
  const abilities = technology.abilities;
  const archived = technology.status === 'archived';
  const inUse = isApiError(remove.error, 'register/technology_in_use');

  const close = () => {
    setDialog(null);
    setReason('');
    archive.reset();
    restore.reset();
    remove.reset();
  };

  return (
    <>
      {abilities.edit && !archived ? (
        <ButtonLink
          to="/register/$id/edit"
          params={{ id: technology.id }}
          leftSection={<IconEdit size={18} aria-hidden="true" />}
        >
          {t('register.detail.edit')}
        </ButtonLink>
      ) : null}
      {abilities.archive && !archived ? (
        <Button
          variant="default"
          leftSection={<IconArchive size={18} aria-hidden="true" />}
          onClick={() => setDialog('archive')}
        >
          {t('register.detail.archive')}
        </Button>
      ) : null}
      {abilities.archive && archived ? (
        <Button
          variant="default"
          leftSection={<IconArrowBackUp size={18} aria-hidden="true" />}
          onClick={() => setDialog('restore')}
        >
          {t('register.detail.restore')}
        </Button>
      ) : null}
      {abilities.delete ? (
        <Button
          variant="light"
          color="red"
          leftSection={<IconTrash size={18} aria-hidden="true" />}
          onClick={() => setDialog('delete')}
        >
          {t('register.detail.delete')}
        </Button>
      ) : null}

      <ActionDialog
        opened={dialog === 'archive'}
        onClose={close}
        title={t('register.detail.archiveTitle', { name: technology.nameJa })}
        confirmLabel={t('register.detail.archive')}
        loading={archive.isPending}
        error={archive.error}
        onConfirm={() =>
          archive.mutate(reason.trim(), {
            onSuccess: () => {
              notifyDone(t('register.detail.archived', { name: technology.nameJa }));
              close();
            },
          })
        }
      >
        <Text size="sm">{t('register.detail.archiveBody')}</Text>
        <Textarea
          label={t('register.detail.reason')}
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      </ActionDialog>
      <ConfirmModal
        opened={dialog === 'restore'}
        onClose={close}
        title={t('register.detail.restoreTitle', { name: technology.nameJa })}
        body={t('register.detail.restoreBody')}
        confirmLabel={t('register.detail.restore')}
        loading={restore.isPending}
        error={restore.error}
        onConfirm={() =>
          restore.mutate(undefined, {
            onSuccess: () => {
              notifyDone(t('register.detail.restored', { name: technology.nameJa }));
              close();
            },
          })
        }
      />
      <ActionDialog
        opened={dialog === 'delete'}
        onClose={close}
        title={t('register.detail.deleteTitle', { name: technology.nameJa })}
        confirmLabel={t('register.detail.delete')}
        danger
        loading={remove.isPending}
        confirmDisabled={inUse}
        error={inUse ? undefined : remove.error}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              notifyDone(t('register.detail.deleted', { name: technology.nameJa }));
              close();
              void navigate({ to: '/register' });
            },
          })
        }
      >
        {inUse ? (
          <Alert color="orange" title={t('register.detail.inUseTitle')} role="alert">
            <Stack gap="sm" align="flex-start">
              <Text size="sm">{remove.error?.message}</Text>
              {abilities.archive && !archived ? (
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconArchive size={14} aria-hidden="true" />}
                  onClick={() => {
                    remove.reset();
                    setDialog('archive');
                  }}
                >
                  {t('register.detail.archiveInstead')}
                </Button>
              ) : null}
            </Stack>
          </Alert>
        ) : (
          <Text size="sm">{t('register.detail.deleteBody')}</Text>
        )}
      </ActionDialog>
    </>
  );
}
