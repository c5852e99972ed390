import {
  EXPORT_CONTROL_STATUS_LABELS,
  type ExportControlStatus,
  KNOW_HOW_DEPTH_LABELS,
  LOCATION_KIND_LABELS,
  REQUIREMENT_STATUS_LABELS,
  type RequirementStatus,
  TRADE_SECRET_REQUIREMENT_TEXT,
  type TradeSecretRequirement,
} from '@kakine/contracts';
import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/date-text';
import { EmptyText } from '../../../components/empty-state';
import { Pager } from '../../../components/pager';
import { QueryState } from '../../../components/query-state';
import { localeOf, translateKey } from '../../../lib/i18n';
import { useFormat } from '../../../lib/use-format';
import { type HistoryEntry, useOwners, useRegisterSettings, useTechnologyFiles, useTechnologyHistory } from '../api';
import { fieldKey, formatValue, listDelta, type ValueFormatter } from '../history-diff';
import { classificationName } from '../vocabulary';
import { fileSizeText } from './evidence-files';

const PAGE_SIZE = 20;

/** Facts of an event that are not worth showing: the technology's own code and internal ids. */
const HIDDEN_DETAILS = new Set(['code', 'grantId', 'nameJa', 'fileId', 'sha256']);

/** A value formatter in the UI language that knows the register's coded fields. */
const useValueFormatter = (technologyId: string): ValueFormatter => {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const format = useFormat();
  const settings = useRegisterSettings();
  const owners = useOwners();
  const files = useTechnologyFiles(technologyId);
  const ownerNames = new Map((owners.data?.items ?? []).map((o) => [o.id, o.displayName]));
  const fileNames = new Map((files.data?.items ?? []).map((f) => [f.id, f.name]));
  return {
    empty: t('register.history.empty'),
    yes: t('common.yes'),
    no: t('common.no'),
    date: (iso) => format.date(iso),
    label: (field) => translateKey(t, `register.history.fields.${fieldKey(field)}`, field.split('.').pop() ?? field),
    code: (field, raw) => {
      const leaf = field.split('.').pop() ?? field;
      if (typeof raw === 'number') {
        if (leaf === 'size') return fileSizeText(raw);
        return leaf === 'depth' && (raw === 1 || raw === 2 || raw === 3) ? KNOW_HOW_DEPTH_LABELS[raw][locale] : null;
      }
      const value = raw;
      if (leaf === 'classificationCode') {
        return classificationName(settings.data?.classificationLevels, value, locale);
      }
      if (leaf === 'exportControlStatus' && value in EXPORT_CONTROL_STATUS_LABELS) {
        return EXPORT_CONTROL_STATUS_LABELS[value as ExportControlStatus][locale];
      }
      if (leaf === 'exportControlEvidence' || leaf === 'evidenceFileIds') {
        return fileNames.get(value) ?? t('register.evidence.file');
      }
      if (leaf === 'source' && (value === 'form' || value === 'import')) {
        return t(value === 'form' ? 'register.history.sourceForm' : 'register.history.sourceImport');
      }
      if (leaf === 'granteeKind' && (value === 'person' || value === 'department')) {
        return t(value === 'person' ? 'register.history.granteePerson' : 'register.history.granteeDepartment');
      }
      if (leaf === 'status' && value in REQUIREMENT_STATUS_LABELS) {
        return REQUIREMENT_STATUS_LABELS[value as RequirementStatus][locale];
      }
      if (leaf === 'requirement' && value in TRADE_SECRET_REQUIREMENT_TEXT) {
        return TRADE_SECRET_REQUIREMENT_TEXT[value as TradeSecretRequirement].name[locale];
      }
      if (leaf === 'kind' && (value === 'site' || value === 'system')) return LOCATION_KIND_LABELS[value][locale];
      if (leaf === 'ownerUserId') return ownerNames.get(value) ?? null;
      if (field === 'status' && (value === 'active' || value === 'archived')) {
        return t(value === 'active' ? 'register.filters.statusActive' : 'register.filters.statusArchived');
      }
      return null;
    },
  };
};

/** Before → after of one field; lists show what was added and removed (a mere reordering shows both orders). */
function ChangeRow({
  field,
  before,
  after,
  formatter,
}: {
  field: string;
  before: unknown;
  after: unknown;
  formatter: ValueFormatter;
}) {
  const { t } = useTranslation();
  const label = formatter.label(field);
  const listChange = Array.isArray(before) || Array.isArray(after) ? listDelta(before, after) : null;
  const delta = listChange && listChange.added.length + listChange.removed.length > 0 ? listChange : null;
  return (
    <Table.Tr>
      <Table.Th scope="row" fz="sm" fw={600} style={{ verticalAlign: 'top' }} w={180}>
        {label}
      </Table.Th>
      {delta ? (
        <Table.Td colSpan={2}>
          <Stack gap={2}>
            {delta.added.map((item) => (
              <Text key={`+${JSON.stringify(item)}`} size="sm" c="hedge.9">
                <span aria-hidden="true">＋ </span>
                <span className="visually-hidden">{t('register.history.added')}：</span>
                {formatValue(field, item, formatter)}
              </Text>
            ))}
            {delta.removed.map((item) => (
              <Text key={`-${JSON.stringify(item)}`} size="sm" c="red.9" td="line-through">
                <span aria-hidden="true">－ </span>
                <span className="visually-hidden">{t('register.history.removed')}：</span>
                {formatValue(field, item, formatter)}
              </Text>
            ))}
          </Stack>
        </Table.Td>
      ) : (
        <>
          <Table.Td style={{ verticalAlign: 'top' }}>
            <Text size="sm" c="red.9" style={{ whiteSpace: 'pre-wrap' }}>
              {formatValue(field, before, formatter)}
            </Text>
          </Table.Td>
          <Table.Td style={{ verticalAlign: 'top' }}>
            <Text size="sm" c="hedge.9" style={{ whiteSpace: 'pre-wrap' }}>
              {formatValue(field, after, formatter)}
            </Text>
          </Table.Td>
        </>
      )}
    </Table.Tr>
  );
}

/** One history entry: when, who, what happened, and the fields it changed. */
function HistoryItem({ entry, formatter }: { entry: HistoryEntry; formatter: ValueFormatter }) {
  const { t } = useTranslation();
  const changes = entry.changes;
  const details = Object.entries(entry.details ?? {}).filter(
    ([key, value]) => !HIDDEN_DETAILS.has(key) && value !== null && value !== undefined && value !== '',
  );
  return (
    <Paper p="md" component="li" style={{ listStyle: 'none' }}>
      <Group justify="space-between" wrap="wrap" mb={changes.length > 0 || details.length > 0 ? 'sm' : 0}>
        <Group gap="sm">
          <Badge color="blue" variant="light">
            {entry.typeLabel}
          </Badge>
          <Text size="sm" fw={600}>
            {entry.actorLabel ?? t('register.history.system')}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          <DateText value={entry.occurredAt} withTime />
        </Text>
      </Group>
      {changes.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table withRowBorders verticalSpacing={4} highlightOnHover={false}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('register.history.field')}</Table.Th>
                <Table.Th scope="col">{t('register.history.before')}</Table.Th>
                <Table.Th scope="col">{t('register.history.after')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {changes.map((change, index) => (
                <ChangeRow
                  // One event can change the same kind of field more than once (two know-how holdings).
                  // biome-ignore lint/suspicious/noArrayIndexKey: changes of one event never reorder
                  key={`${change.field}-${index}`}
                  field={change.field}
                  before={change.before}
                  after={change.after}
                  formatter={formatter}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
      {details.length > 0 ? (
        <Stack gap={2} mt={changes.length > 0 ? 'xs' : 0}>
          {details.map(([key, value]) => (
            <Text key={key} size="sm">
              <Text span fw={600} size="sm">
                {formatter.label(key)}
              </Text>
              ：{formatValue(key, value, formatter)}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Paper>
  );
}

/** The 履歴 tab: who changed what and when, newest first, from the audit trail, with a before → after view. */
export function HistoryPanel({ technologyId }: { technologyId: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const history = useTechnologyHistory(technologyId, page, PAGE_SIZE);
  const formatter = useValueFormatter(technologyId);
  return (
    <QueryState query={history}>
      {(data) =>
        data.items.length === 0 ? (
          <EmptyText>{t('register.history.none')}</EmptyText>
        ) : (
          <>
            <Stack component="ol" gap="sm" p={0} m={0} aria-label={t('register.history.listLabel')}>
              {data.items.map((entry) => (
                <HistoryItem key={entry.seq} entry={entry} formatter={formatter} />
              ))}
            </Stack>
            <Pager page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
          </>
        )
      }
    </QueryState>
  );
}
