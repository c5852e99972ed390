import { type CatalogueFileProblem, CatalogueInvalidFileDetails } from '@kakine/contracts';
import { Alert, Badge, Group, List, Progress, ScrollArea, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadingState } from '../../../components/loading-state';
import type { Job } from '../../../lib/api-types';
import { useJob } from '../api';

const STATUS_COLORS: Record<Job['status'], string> = {
  queued: 'gray',
  running: 'blue',
  succeeded: 'hedge',
  failed: 'red',
};

/** The share of a job that is done, 0–100; unknown totals count as 0 until the job succeeds. */
export const jobPercent = (job: Pick<Job, 'status' | 'progressDone' | 'progressTotal'>): number => {
  if (job.status === 'succeeded') return 100;
  if (!job.progressTotal || job.progressTotal <= 0) return 0;
  return Math.min(100, Math.round((job.progressDone / job.progressTotal) * 100));
};

/** Live progress of a background job, polled until it succeeds or fails. */
export function JobProgress({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const query = useJob(jobId);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />;
  const job = query.data;
  const percent = jobPercent(job);
  return (
    <Stack gap="sm" aria-live="polite">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t('catalogues.job.title')}
        </Text>
        <Badge color={STATUS_COLORS[job.status]}>{t(`catalogues.job.${job.status}`)}</Badge>
      </Group>
      <Progress
        value={percent}
        animated={job.status === 'running' || job.status === 'queued'}
        color={job.status === 'failed' ? 'red' : 'hedge'}
        aria-label={t('catalogues.job.title')}
      />
      <Group justify="space-between">
        <Text size="xs" c="dimmed" ff="monospace">
          {t('catalogues.job.id', { id: job.id })}
        </Text>
        {job.progressTotal !== null && job.progressTotal > 0 ? (
          <Text size="xs" c="dimmed">
            {t('catalogues.job.progress', { done: job.progressDone, total: job.progressTotal })}
          </Text>
        ) : null}
      </Group>
      {job.status === 'succeeded' ? (
        <Alert color="hedge" variant="light" role="status">
          {t('catalogues.job.succeededBody')}
        </Alert>
      ) : null}
      {job.status === 'failed' ? (
        <Alert color="red" variant="light" title={t('catalogues.job.failedBody')}>
          <Stack gap="xs">
            <Text size="sm">{job.errorMessage ?? job.errorCode ?? ''}</Text>
            <FileProblems details={job.errorDetails} />
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}

/** Reads the row-level problems of a rejected catalogue file (`catalogue/invalid_file` details), if any. */
export const fileProblems = (details: unknown): { problems: CatalogueFileProblem[]; total: number } => {
  const parsed = CatalogueInvalidFileDetails.safeParse(details);
  return parsed.success ? { problems: parsed.data.errors, total: parsed.data.total } : { problems: [], total: 0 };
};

function FileProblems({ details }: { details: unknown }) {
  const { t } = useTranslation();
  const { problems, total } = fileProblems(details);
  if (problems.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('catalogues.job.problems', { total })}
      </Text>
      <ScrollArea.Autosize mah={220} type="auto">
        <List size="sm" spacing={2}>
          {problems.map((p, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems are a fixed list from one answer
            <List.Item key={index}>
              {p.row !== null ? `${t('catalogues.job.row', { row: p.row })} ` : ''}
              {p.field ? `[${p.field}] ` : ''}
              {p.message}
            </List.Item>
          ))}
        </List>
      </ScrollArea.Autosize>
    </Stack>
  );
}
