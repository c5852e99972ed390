import { Button, FileInput, Group, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/app-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { fieldErrorMap } from '../../../lib/api-client';
import type { CatalogueName } from '../../../lib/api-types';
import { isIsoDate } from '../../../lib/format';
import { usePublishVersion } from '../api';
import { JobProgress } from './job-progress';

type Errors = Partial<Record<'file' | 'effectiveFrom' | 'label' | 'source' | 'sourceUrl' | 'attribution', string>>;

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** "Publish new version": upload a catalogue file with effective date, label and source, then follow the job. */
export function PublishVersionModal({
  catalogue,
  catalogueLabel,
  onClose,
}: {
  catalogue: CatalogueName | null;
  catalogueLabel: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const publish = usePublishVersion();
  const [file, setFile] = useState<File | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [label, setLabel] = useState('');
  const [source, setSource] = useState('');
  const [sourceUrl, setSourceUrl] = useState('');
  const [attribution, setAttribution] = useState('');
  const [notes, setNotes] = useState('');
  // The End User List's terms of use require a credit on every display and export.
  const attributionRequired = catalogue === 'end_user_list';
  const [errors, setErrors] = useState<Errors>({});
  const [jobId, setJobId] = useState<string | null>(null);

  const close = () => {
    setFile(null);
    setEffectiveFrom('');
    setLabel('');
    setSource('');
    setSourceUrl('');
    setAttribution('');
    setNotes('');
    setErrors({});
    setJobId(null);
    publish.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!catalogue) return;
    const found: Errors = {
      file: file ? undefined : t('validation.file'),
      effectiveFrom: !effectiveFrom
        ? t('validation.required')
        : isIsoDate(effectiveFrom)
          ? undefined
          : t('validation.date'),
      label: label.trim() ? undefined : t('validation.required'),
      source: source.trim() ? undefined : t('validation.required'),
      sourceUrl: sourceUrl.trim() && !isHttpUrl(sourceUrl.trim()) ? t('validation.url') : undefined,
      attribution: attributionRequired && !attribution.trim() ? t('validation.required') : undefined,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean) || !file) return;
    publish.mutate(
      {
        catalogue,
        file,
        effectiveFrom,
        label: label.trim(),
        source: source.trim(),
        sourceUrl: sourceUrl.trim() || undefined,
        attribution: attribution.trim() || undefined,
        notes: notes.trim() || undefined,
      },
      { onSuccess: (result) => setJobId(result.jobId) },
    );
  };

  const server = fieldErrorMap(publish.error);
  return (
    <AppModal
      opened={catalogue !== null}
      onClose={close}
      title={t('catalogues.versions.publishTitle', { catalogue: catalogueLabel })}
      size="lg"
      centered
    >
      {jobId ? (
        <Stack gap="md">
          <JobProgress jobId={jobId} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('catalogues.versions.publishDescription')}
            </Text>
            <FileInput
              label={t('catalogues.versions.file')}
              description={t('catalogues.versions.fileDescription')}
              accept=".xlsx,.yaml,.yml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              leftSection={<IconUpload size={16} aria-hidden="true" />}
              value={file}
              onChange={setFile}
              clearable
              required
              error={errors.file ?? server.file}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                type="date"
                label={t('catalogues.versions.effectiveFromField')}
                required
                value={effectiveFrom}
                onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
                error={errors.effectiveFrom ?? server.effectiveFrom}
              />
              <TextInput
                label={t('catalogues.versions.labelField')}
                placeholder={t('catalogues.versions.labelPlaceholder')}
                required
                value={label}
                onChange={(e) => setLabel(e.currentTarget.value)}
                error={errors.label ?? server.label}
              />
            </SimpleGrid>
            <TextInput
              label={t('catalogues.versions.sourceField')}
              placeholder={t('catalogues.versions.sourcePlaceholder')}
              required
              value={source}
              onChange={(e) => setSource(e.currentTarget.value)}
              error={errors.source ?? server.source}
            />
            <TextInput
              type="url"
              label={t('catalogues.versions.sourceUrlField')}
              placeholder="https://www.meti.go.jp/…"
              value={sourceUrl}
              onChange={(e) => setSourceUrl(e.currentTarget.value)}
              error={errors.sourceUrl ?? server.sourceUrl}
            />
            <TextInput
              label={t('catalogues.versions.attributionField')}
              description={t('catalogues.versions.attributionDescription')}
              placeholder={t('catalogues.versions.attributionPlaceholder')}
              required={attributionRequired}
              value={attribution}
              onChange={(e) => setAttribution(e.currentTarget.value)}
              error={errors.attribution ?? server.attribution}
            />
            <Textarea
              label={t('catalogues.versions.notesField')}
              autosize
              minRows={2}
              maxRows={6}
              value={notes}
              onChange={(e) => setNotes(e.currentTarget.value)}
              error={server.notes}
            />
            {publish.isError && Object.keys(server).length === 0 ? <ErrorAlert error={publish.error} /> : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={publish.isPending}>
                {t('catalogues.versions.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </AppModal>
  );
}
