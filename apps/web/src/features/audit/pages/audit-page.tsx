import { AUDIT_EVENT_TYPE_PREFIXES, AUDIT_EVENT_TYPES } from '@kakine/contracts';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconFilterOff, IconInfoCircle, IconShieldCheck, IconX } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/app-modal';
import { DateText } from '../../../components/date-text';
import { EmptyText } from '../../../components/empty-state';
import { ErrorAlert } from '../../../components/error-alert';
import { ExportButtons } from '../../../components/export-buttons';
import { PageHeader } from '../../../components/page-header';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { can } from '../../../lib/abilities';
import type { AuditEvent, AuditVerification } from '../../../lib/api-types';
import { translateKey } from '../../../lib/i18n';
import { auditTypeLabel } from '../../../lib/i18n/labels';
import { useSession } from '../../../lib/session';
import { useUsers } from '../../admin/api';
import { type AuditFilters, auditExportUrl, useAuditEvents, useVerifyAuditChain } from '../api';

const PAGE_SIZE = 50;
const NO_FILTERS: AuditFilters = { type: '', actorUserId: '', from: '', to: '', order: 'desc' };

/** The audit trail: filters, paging, CSV/XLSX export and hash-chain verification. */
export function AuditPage() {
  const { t } = useTranslation();
  const session = useSession();
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [actorName, setActorName] = useState('');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<AuditEvent | null>(null);
  const events = useAuditEvents(filters, page, PAGE_SIZE);
  const verify = useVerifyAuditChain();

  const update = (patch: Partial<AuditFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage(1);
  };

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          <>
            {can(session, 'audit:export') ? (
              <ExportButtons urlFor={(format) => auditExportUrl(filters, format)} />
            ) : null}
            {can(session, 'audit:verify') ? (
              <Button
                leftSection={<IconShieldCheck size={18} aria-hidden="true" />}
                loading={verify.isPending}
                onClick={() => verify.mutate()}
              >
                {t('audit.verify.button')}
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        <div aria-live="polite">
          {verify.isError ? <ErrorAlert error={verify.error} /> : null}
          {verify.data ? <VerificationResult result={verify.data} /> : null}
        </div>
        <Filters
          filters={filters}
          actorName={actorName}
          onChange={update}
          onActor={(id, name) => {
            setActorName(name);
            update({ actorUserId: id });
          }}
          onClear={() => {
            setFilters(NO_FILTERS);
            setActorName('');
            setPage(1);
          }}
        />
        <QueryState query={events}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyText>{t('common.noResults')}</EmptyText>
            ) : (
              <>
                <Table.ScrollContainer minWidth={900}>
                  <Table striped={false}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('audit.columns.seq')}</Table.Th>
                        <Table.Th scope="col">{t('audit.columns.occurredAt')}</Table.Th>
                        <Table.Th scope="col">{t('audit.columns.type')}</Table.Th>
                        <Table.Th scope="col">{t('audit.columns.actor')}</Table.Th>
                        <Table.Th scope="col">{t('audit.columns.subject')}</Table.Th>
                        <Table.Th scope="col">{t('audit.columns.ip')}</Table.Th>
                        <Table.Th scope="col">
                          <span className="visually-hidden">{t('common.details')}</span>
                        </Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((event) => (
                        <Table.Tr key={event.id}>
                          <Table.Td className="nowrap">
                            <Text size="sm" ff="monospace">
                              {event.seq}
                            </Text>
                          </Table.Td>
                          <Table.Td className="nowrap">
                            <DateText value={event.occurredAt} withTime seconds />
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{auditTypeLabel(t, event.type)}</Text>
                            <Text size="xs" c="dimmed" ff="monospace">
                              {event.type}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            {event.actorUserId ? (
                              <Tooltip
                                label={t('audit.filterByActor', { name: event.actorLabel ?? event.actorUserId })}
                              >
                                <Anchor
                                  component="button"
                                  type="button"
                                  size="sm"
                                  onClick={() => {
                                    setActorName(event.actorLabel ?? event.actorUserId ?? '');
                                    update({ actorUserId: event.actorUserId ?? '' });
                                  }}
                                >
                                  {event.actorLabel ?? event.actorUserId}
                                </Anchor>
                              </Tooltip>
                            ) : (
                              <Text size="sm" c="dimmed">
                                {event.actorLabel ?? t('audit.system')}
                              </Text>
                            )}
                          </Table.Td>
                          <Table.Td>
                            {event.subjectType ? (
                              <Text size="xs" ff="monospace">
                                {event.subjectType}
                                {event.subjectId ? `:${event.subjectId.slice(0, 8)}` : ''}
                              </Text>
                            ) : (
                              '—'
                            )}
                          </Table.Td>
                          <Table.Td>
                            <Text size="xs" ff="monospace">
                              {event.ip ?? '—'}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right">
                            <ActionIcon
                              variant="subtle"
                              color="dark"
                              onClick={() => setSelected(event)}
                              aria-label={t('audit.showDetails', { seq: event.seq })}
                            >
                              <IconInfoCircle size={18} aria-hidden="true" />
                            </ActionIcon>
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
      <EventDetails event={selected} onClose={() => setSelected(null)} />
    </>
  );
}

function Filters({
  filters,
  actorName,
  onChange,
  onActor,
  onClear,
}: {
  filters: AuditFilters;
  actorName: string;
  onChange: (patch: Partial<AuditFilters>) => void;
  onActor: (id: string, name: string) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const session = useSession();
  // One group per subject: "all of this subject" (a prefix the server understands, e.g. `auth.`), then each type.
  const typeOptions = AUDIT_EVENT_TYPE_PREFIXES.map((prefix) => {
    const group = translateKey(t, `audit.groups.${prefix.slice(0, -1)}`, prefix);
    return {
      group,
      items: [
        { value: prefix, label: t('audit.filters.allOfGroup', { group }) },
        ...AUDIT_EVENT_TYPES.filter((type) => type.startsWith(prefix)).map((type) => ({
          value: type,
          label: auditTypeLabel(t, type),
        })),
      ],
    };
  });
  const active = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <Paper p="md" component="section" aria-labelledby="audit-filters">
      <Text component="h2" fw={600} size="sm" mb="sm" id="audit-filters">
        {t('audit.filters.heading')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
        <Select
          label={t('audit.filters.type')}
          placeholder={t('audit.filters.allTypes')}
          data={typeOptions}
          value={filters.type || null}
          onChange={(value) => onChange({ type: value ?? '' })}
          searchable
          clearable
          nothingFoundMessage={t('common.noResults')}
        />
        {can(session, 'users:read') ? (
          <ActorSelect value={filters.actorUserId} onChange={onActor} />
        ) : (
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('audit.filters.actor')}
            </Text>
            {filters.actorUserId ? (
              <Badge
                size="lg"
                color="gray"
                rightSection={
                  <UnstyledButton onClick={() => onActor('', '')} aria-label={t('audit.filters.removeActor')}>
                    <IconX size={12} aria-hidden="true" />
                  </UnstyledButton>
                }
              >
                {actorName || filters.actorUserId}
              </Badge>
            ) : (
              <Text size="sm" c="dimmed">
                {t('audit.filters.anyActor')}
              </Text>
            )}
          </Stack>
        )}
        <TextInput
          type="date"
          label={t('audit.filters.from')}
          value={filters.from}
          max={filters.to || undefined}
          onChange={(e) => onChange({ from: e.currentTarget.value })}
        />
        <TextInput
          type="date"
          label={t('audit.filters.to')}
          value={filters.to}
          min={filters.from || undefined}
          onChange={(e) => onChange({ to: e.currentTarget.value })}
        />
        <Select
          label={t('audit.filters.order')}
          data={[
            { value: 'desc', label: t('audit.filters.newest') },
            { value: 'asc', label: t('audit.filters.oldest') },
          ]}
          value={filters.order}
          onChange={(value) => onChange({ order: value === 'asc' ? 'asc' : 'desc' })}
          allowDeselect={false}
        />
      </SimpleGrid>
      {active ? (
        <Group justify="flex-end" mt="sm">
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconFilterOff size={14} aria-hidden="true" />}
            onClick={onClear}
          >
            {t('common.clearFilters')}
          </Button>
        </Group>
      ) : null}
    </Paper>
  );
}

function ActorSelect({ value, onChange }: { value: string; onChange: (id: string, name: string) => void }) {
  const { t } = useTranslation();
  const users = useUsers({ page: 1, pageSize: 500, q: '' });
  const data = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.email}）` }));
  if (value && !data.some((d) => d.value === value)) data.unshift({ value, label: value });
  return (
    <Select
      label={t('audit.filters.actor')}
      placeholder={t('audit.filters.anyActor')}
      data={data}
      value={value || null}
      onChange={(id, option) => onChange(id ?? '', option?.label ?? '')}
      searchable
      clearable
      nothingFoundMessage={t('common.noResults')}
    />
  );
}

function VerificationResult({ result }: { result: AuditVerification }) {
  const { t } = useTranslation();
  const verifiedAt = (
    <Text size="xs" c="dimmed">
      {t('audit.verify.verifiedAt')}：<DateText value={result.verifiedAt} withTime seconds />
    </Text>
  );
  if (result.intact) {
    return (
      <Alert
        color="hedge"
        variant="light"
        icon={<IconShieldCheck aria-hidden="true" />}
        title={t('audit.verify.intactTitle')}
        role="status"
      >
        <Stack gap={6}>
          <Text size="sm">{t('audit.verify.intactBody', { checked: result.checked })}</Text>
          {result.head ? (
            <>
              <Text size="sm">{t('audit.verify.head', { seq: result.head.seq })}</Text>
              <Text size="xs">
                {t('audit.verify.headHash')}：<Code style={{ wordBreak: 'break-all' }}>{result.head.hash}</Code>
              </Text>
              <Text size="xs" c="dimmed">
                {t('audit.verify.headHint')}
              </Text>
            </>
          ) : null}
          {verifiedAt}
        </Stack>
      </Alert>
    );
  }
  const broken = result.firstBroken;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden="true" />}
      title={t('audit.verify.brokenTitle')}
    >
      <Stack gap="xs">
        <Text size="sm">{t('audit.verify.brokenBody', { checked: result.checked })}</Text>
        {broken ? (
          <Table withRowBorders={false} verticalSpacing={2} highlightOnHover={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th scope="row">{t('audit.columns.seq')}</Table.Th>
                <Table.Td ff="monospace">{broken.seq}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('audit.fields.id')}</Table.Th>
                <Table.Td ff="monospace">{broken.id}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('audit.fields.type')}</Table.Th>
                <Table.Td>
                  {auditTypeLabel(t, broken.type)}（<span className="nowrap">{broken.type}</span>）
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('audit.columns.occurredAt')}</Table.Th>
                <Table.Td>
                  <DateText value={broken.occurredAt} withTime seconds />
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th scope="row">{t('audit.verify.reason')}</Table.Th>
                <Table.Td>{translateKey(t, `audit.verify.reasons.${broken.reason}`, broken.reason)}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        ) : null}
        {verifiedAt}
      </Stack>
    </Alert>
  );
}

function EventDetails({ event, onClose }: { event: AuditEvent | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <AppModal
      opened={event !== null}
      onClose={onClose}
      title={event ? t('audit.detailsTitle', { seq: event.seq }) : ''}
      size="xl"
    >
      {event ? (
        <Table withRowBorders highlightOnHover={false} verticalSpacing="xs">
          <Table.Tbody>
            <DetailRow label={t('audit.fields.id')} mono>
              {event.id}
            </DetailRow>
            <DetailRow label={t('audit.fields.occurredAt')} mono>
              {event.occurredAt}
            </DetailRow>
            <DetailRow label={t('audit.fields.type')}>
              {auditTypeLabel(t, event.type)}（{event.type}）
            </DetailRow>
            <DetailRow label={t('audit.fields.actor')}>
              {event.actorLabel ?? t('audit.system')}
              {event.actorUserId ? ` (${event.actorUserId})` : ''}
            </DetailRow>
            <DetailRow label={t('audit.fields.subject')} mono>
              {event.subjectType ? `${event.subjectType}${event.subjectId ? `:${event.subjectId}` : ''}` : '—'}
            </DetailRow>
            <DetailRow label={t('audit.fields.ip')} mono>
              {event.ip ?? '—'}
            </DetailRow>
            <DetailRow label={t('audit.fields.payload')}>
              <Code block>{JSON.stringify(event.payload ?? {}, null, 2)}</Code>
            </DetailRow>
            <DetailRow label={t('audit.fields.hash')} mono>
              <span style={{ wordBreak: 'break-all' }}>{event.hash}</span>
            </DetailRow>
          </Table.Tbody>
        </Table>
      ) : null}
    </AppModal>
  );
}

function DetailRow({ label, children, mono = false }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={180} style={{ verticalAlign: 'top' }}>
        {label}
      </Table.Th>
      <Table.Td ff={mono ? 'monospace' : undefined} fz="sm">
        {children}
      </Table.Td>
    </Table.Tr>
  );
}
