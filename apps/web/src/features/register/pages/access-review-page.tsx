import { ACCESS_FINDING_LABELS, ACCESS_FINDINGS, type AccessFinding } from '@kakine/contracts';
import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
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
import { type AccessGrant, type AccessReviewFilters, accessReviewExportUrl, useAccessReview } from '../api-know-how';
import { EditGrantModal, RevokeGrantModal } from '../components/access-grant-modals';
import { AccessGrantsTable } from '../components/access-grants-table';

const PAGE_SIZE = 50;
const NO_FILTERS: AccessReviewFilters = { finding: '', state: '', sort: 'technologyCode', order: 'asc' };
const STATES = ['active', 'expired', 'revoked'] as const;

/**
 * `/register/access-review` アクセス権の点検: grants with findings across the technologies the caller manages
 * (expired, held by leavers, people from outside on core or top-level technology …), filterable by finding and
 * state, exportable, with change and revoke on each row.
 */
export function AccessReviewPage() {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const format = useFormat();
  const [filters, setFilters] = useState<AccessReviewFilters>(NO_FILTERS);
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<AccessGrant | null>(null);
  const [revoking, setRevoking] = useState<AccessGrant | null>(null);
  const review = useAccessReview(filters, page, PAGE_SIZE);
  const update = (patch: Partial<AccessReviewFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };
  const active = filters.finding !== '' || filters.state !== '';

  return (
    <>
      <PageHeader title={t('knowHow.review.title')} description={t('knowHow.review.description')} />
      <Stack gap="md">
        <Paper p="md" component="section" aria-labelledby="access-review-filters">
          <Text component="h2" fw={600} size="sm" mb="sm" id="access-review-filters">
            {t('knowHow.review.filtersHeading')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('knowHow.review.finding')}
              placeholder={t('knowHow.review.allFindings')}
              data={ACCESS_FINDINGS.map((finding) => ({
                value: finding,
                label: ACCESS_FINDING_LABELS[finding][locale],
              }))}
              value={filters.finding || null}
              onChange={(value) => update({ finding: (value ?? '') as AccessFinding | '' })}
              clearable
            />
            <Select
              label={t('knowHow.review.state')}
              placeholder={t('knowHow.review.allStates')}
              data={STATES.map((state) => ({ value: state, label: t(`knowHow.grants.states.${state}`) }))}
              value={filters.state || null}
              onChange={(value) => update({ state: (value ?? '') as AccessReviewFilters['state'] })}
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
            <ExportButtons urlFor={(f) => accessReviewExportUrl(filters, f)} />
          </Group>
        </Paper>
        <QueryState query={review}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyText>{t('knowHow.review.empty')}</EmptyText>
            ) : (
              <>
                <AccessGrantsTable
                  grants={data.items}
                  caption={t('knowHow.review.caption', { total: format.number(data.total) })}
                  withTechnology
                  technologyCell={(grant) => (
                    <Stack gap={0}>
                      <Text size="xs" c="dimmed" ff="monospace">
                        {grant.technologyCode}
                      </Text>
                      <Anchor
                        renderRoot={(props) => (
                          <Link
                            {...props}
                            to="/register/$id"
                            params={{ id: grant.technologyId }}
                            search={{ tab: 'access' }}
                          />
                        )}
                        size="sm"
                        fw={600}
                      >
                        {grant.technologyNameJa}
                      </Anchor>
                    </Stack>
                  )}
                  onEdit={setEditing}
                  onRevoke={setRevoking}
                />
                <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
              </>
            )
          }
        </QueryState>
      </Stack>
      <EditGrantModal grant={editing} onClose={() => setEditing(null)} />
      <RevokeGrantModal grant={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}
