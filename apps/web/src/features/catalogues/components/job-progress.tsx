import { Alert, Badge, Group, Progress, Stack, Text } from '@mantine/core';
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
          {job.errorMessage ?? job.errorCode ?? ''}
        </Alert>
      ) : null}
    </Stack>
  );
}
