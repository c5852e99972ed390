import type { ImportMode, ImportReport } from '@kakine/contracts';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconDownload, IconUpload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { isApiError } from '../lib/api-client';
import { localeOf } from '../lib/i18n';
import { useFormat } from '../lib/use-format';
import { AppModal } from './app-modal';
import { ErrorAlert } from './error-alert';

/** One request of the import flow: a dry run (check) or the real import in one of the two modes. */
export type ImportRequest = { file: File; mode: ImportMode; dryRun: boolean };

/** Builds the multipart body every tabular import endpoint accepts: `mode`, `dryRun`, then the file itself. */
export const importFormData = ({ file, mode, dryRun }: ImportRequest): FormData => {
  const form = new FormData();
  form.set('mode', mode);
  form.set('dryRun', dryRun ? 'true' : 'false');
  // The file goes last: the server reads the fields before it streams the file.
  form.set('file', file, file.name);
  return form;
};

/** Which import buttons a dry-run report allows: everything only without errors, valid rows only with some. */
export const importChoices = (report: Pick<ImportReport, 'invalidRows' | 'validRows'>) => ({
  all: report.invalidRows === 0 && report.validRows > 0,
  validOnly: report.invalidRows > 0 && report.validRows > 0,
});

/**
 * Column names listed in an `import/missing_columns` error's details (`{ missing: [{ key, ja, en }] }`), in the UI
 * language; plain strings are accepted too.
 */
export const columnsFromDetails = (details: unknown, key: 'missing' | 'unknown', locale: 'ja' | 'en'): string[] => {
  if (!details || typeof details !== 'object') return [];
  const value = (details as Record<string, unknown>)[key];
  if (!Array.isArray(value)) return [];
  return value.flatMap((v): string[] => {
    if (typeof v === 'string') return [v];
    if (v && typeof v === 'object') {
      const named = (v as Record<string, unknown>)[locale] ?? (v as Record<string, unknown>).key;
      return typeof named === 'string' ? [named] : [];
    }
    return [];
  });
};

/** The report an `import/rejected` error may carry in its details (a refused all-or-nothing import). */
const reportFromError = (error: unknown): ImportReport | null => {
  if (!isApiError(error, 'import/rejected')) return null;
  const details = error.details as { report?: ImportReport } | ImportReport | null | undefined;
  if (!details || typeof details !== 'object') return null;
  if ('report' in details && details.report) return details.report;
  return 'totalRows' in details ? (details as ImportReport) : null;
};

/**
 * The spreadsheet import dialog shared by every tabular import (HR people, the register …): template downloads, a
 * file picker, a dry run that shows the validation report (counts and the problems row by row), then either
 * 「すべて取り込む」 (all-or-nothing, only without errors) or 「正しい行だけ取り込む」, and the final result.
 * `importUrl` is the API path (e.g. `/people/import`); `templateUrl` gives the download URL of the template.
 */
export function ImportDialog({
  opened,
  onClose,
  title,
  description,
  templateUrl,
  importUrl,
  onImported,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  description?: string;
  templateUrl: (format: 'xlsx' | 'csv') => string;
  importUrl: string;
  onImported?: (report: ImportReport) => void;
}) {
  const { t, i18n } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const send = useMutation({
    mutationFn: (request: ImportRequest) => api.post<ImportReport>(importUrl, importFormData(request)),
  });

  const reset = () => {
    setPreview(null);
    setResult(null);
    send.reset();
  };
  const close = () => {
    setFile(null);
    setFileError(undefined);
    reset();
    onClose();
  };

  const check = (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError(t('validation.file'));
      return;
    }
    setFileError(undefined);
    // The check counts what the valid rows would do, so that both import choices can be offered from it.
    send.mutate({ file, mode: 'valid_rows_only', dryRun: true }, { onSuccess: setPreview });
  };

  const commit = (mode: ImportMode) => {
    if (!file) return;
    send.mutate(
      { file, mode, dryRun: false },
      {
        onSuccess: (report) => {
          setResult(report);
          if (report.committed) onImported?.(report);
        },
      },
    );
  };

  const rejected = reportFromError(send.error);
  const locale = localeOf(i18n);
  const missing = isApiError(send.error) ? columnsFromDetails(send.error.details, 'missing', locale) : [];
  const unknown = isApiError(send.error) ? columnsFromDetails(send.error.details, 'unknown', locale) : [];
  const shown = result ?? rejected ?? preview;
  const choices = preview ? importChoices(preview) : { all: false, validOnly: false };

  return (
    <AppModal opened={opened} onClose={close} title={title} size="xl" centered>
      <Stack gap="md">
        {description ? (
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        ) : null}
        {!preview && !result ? (
          <form onSubmit={check} noValidate>
            <Stack gap="md">
              <Paper withBorder p="sm" component="section" aria-label={t('importDialog.templateHeading')}>
                <Stack gap={6}>
                  <Text fw={600} size="sm">
                    {t('importDialog.templateHeading')}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {t('importDialog.templateDescription')}
                  </Text>
                  <Group gap="md">
                    <Anchor href={templateUrl('xlsx')} download size="sm">
                      <Group gap={4} wrap="nowrap">
                        <IconDownload size={16} aria-hidden="true" />
                        {t('importDialog.templateXlsx')}
                      </Group>
                    </Anchor>
                    <Anchor href={templateUrl('csv')} download size="sm">
                      <Group gap={4} wrap="nowrap">
                        <IconDownload size={16} aria-hidden="true" />
                        {t('importDialog.templateCsv')}
                      </Group>
                    </Anchor>
                  </Group>
                </Stack>
              </Paper>
              <FileInput
                label={t('importDialog.file')}
                description={t('importDialog.fileDescription')}
                accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                leftSection={<IconUpload size={16} aria-hidden="true" />}
                value={file}
                onChange={(value) => {
                  setFile(value);
                  send.reset();
                }}
                clearable
                required
                error={fileError}
              />
              {send.isError ? (
                <Stack gap={4}>
                  <ErrorAlert error={send.error} />
                  {missing.length > 0 ? (
                    <Text size="sm">
                      {t('importDialog.missingColumns', { columns: missing.join(locale === 'ja' ? '、' : ', ') })}
                    </Text>
                  ) : null}
                  {unknown.length > 0 ? (
                    <Text size="sm">
                      {t('importDialog.unknownColumns', { columns: unknown.join(locale === 'ja' ? '、' : ', ') })}
                    </Text>
                  ) : null}
                </Stack>
              ) : null}
              <Text size="xs" c="dimmed">
                {t('importDialog.checkDescription')}
              </Text>
              <Group justify="flex-end">
                <Button variant="default" onClick={close}>
                  {t('common.cancel')}
                </Button>
                <Button type="submit" loading={send.isPending}>
                  {t('importDialog.check')}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : null}
        {shown ? <ImportReportView report={shown} heading={result || rejected ? 'result' : 'preview'} /> : null}
        {preview && !result ? (
          <Stack gap="sm">
            {send.isError && !rejected ? <ErrorAlert error={send.error} /> : null}
            {!choices.all && !choices.validOnly ? <Text size="sm">{t('importDialog.nothingToImport')}</Text> : null}
            {preview.invalidRows > 0 && preview.validRows > 0 ? (
              <Text size="sm" id="import-valid-hint">
                {t('importDialog.importValidHint', { invalid: preview.invalidRows, valid: preview.validRows })}
              </Text>
            ) : null}
            {preview.invalidRows > 0 ? (
              <Text size="sm" c="dimmed" id="import-all-disabled">
                {t('importDialog.importAllDisabled')}
              </Text>
            ) : null}
            <Group justify="flex-end" wrap="wrap">
              <Button
                variant="default"
                onClick={() => {
                  setFile(null);
                  reset();
                }}
              >
                {t('importDialog.chooseAgain')}
              </Button>
              {preview.invalidRows > 0 ? (
                <Button
                  variant="light"
                  disabled={!choices.validOnly}
                  loading={send.isPending && send.variables?.mode === 'valid_rows_only'}
                  onClick={() => commit('valid_rows_only')}
                  aria-describedby="import-valid-hint"
                >
                  {t('importDialog.importValid')}
                </Button>
              ) : null}
              <Button
                disabled={!choices.all}
                loading={send.isPending && send.variables?.mode === 'all_or_nothing'}
                onClick={() => commit('all_or_nothing')}
                aria-describedby={preview.invalidRows > 0 ? 'import-all-disabled' : undefined}
              >
                {t('importDialog.importAll')}
              </Button>
            </Group>
          </Stack>
        ) : null}
        {result ? (
          <Group justify="flex-end">
            <Button onClick={close}>{t('common.close')}</Button>
          </Group>
        ) : null}
      </Stack>
    </AppModal>
  );
}

/** The counts and row-by-row problems of an import report, as a check (dry run) or as the final result. */
export function ImportReportView({ report, heading }: { report: ImportReport; heading: 'preview' | 'result' }) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const rows = (count: number) => t('importDialog.rows', { count: format.number(count) });
  const counts = [
    { key: 'total', label: t('importDialog.total'), value: report.totalRows, color: 'gray' },
    { key: 'created', label: t('importDialog.created'), value: report.created, color: 'hedge' },
    { key: 'updated', label: t('importDialog.updated'), value: report.updated, color: 'blue' },
    { key: 'unchanged', label: t('importDialog.unchanged'), value: report.unchanged, color: 'gray' },
    { key: 'errors', label: t('importDialog.errors'), value: report.invalidRows, color: 'red' },
  ] as const;
  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} fz="h4" id={headingId}>
        {t(heading === 'preview' ? 'importDialog.previewHeading' : 'importDialog.resultHeading')}
      </Title>
      {heading === 'result' ? (
        <Alert
          color={report.committed ? 'hedge' : 'red'}
          variant="light"
          role="status"
          icon={report.committed ? <IconCircleCheck aria-hidden="true" /> : <IconAlertTriangle aria-hidden="true" />}
        >
          <Text size="sm">{t(report.committed ? 'importDialog.committed' : 'importDialog.notCommitted')}</Text>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs" aria-label={t('importDialog.summaryLabel')} role="list">
        {counts.map((c) => (
          <Paper key={c.key} withBorder p="xs" role="listitem">
            <Text size="xs" c="dimmed">
              {c.label}
            </Text>
            <Text fw={700} c={c.key === 'errors' && c.value > 0 ? 'red.8' : undefined}>
              {rows(c.value)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {report.issues.length === 0 ? (
        heading === 'preview' ? (
          <Text size="sm">{t('importDialog.noIssues')}</Text>
        ) : null
      ) : (
        <>
          {report.issuesTruncated ? (
            <Alert color="yellow" variant="light" role="note" icon={<IconAlertTriangle aria-hidden="true" />}>
              <Text size="sm">{t('importDialog.issuesTruncated', { count: format.number(report.issues.length) })}</Text>
            </Alert>
          ) : null}
          <Table.ScrollContainer minWidth={560} mah={360}>
            <Table>
              <Table.Caption>
                {t('importDialog.issuesCaption', { count: format.number(report.issues.length) })}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('importDialog.row')}</Table.Th>
                  <Table.Th scope="col">{t('importDialog.column')}</Table.Th>
                  <Table.Th scope="col">{t('importDialog.message')}</Table.Th>
                  <Table.Th scope="col">{t('importDialog.value')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.issues.map((issue) => (
                  <Table.Tr key={`${issue.row}|${issue.column ?? ''}|${issue.code}|${issue.message}`}>
                    <Table.Td className="nowrap">{format.number(issue.row)}</Table.Td>
                    <Table.Td>
                      {issue.column ?? (
                        <Badge color="gray" variant="light">
                          {t('importDialog.wholeRow')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{issue.message}</Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                        {issue.value ?? '—'}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
