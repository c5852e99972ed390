import { ActionIcon, Anchor, Button, FileButton, Group, Input, Stack, Text } from '@mantine/core';
import { IconFile, IconPaperclip, IconX } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { useFormat } from '../../../lib/use-format';
import { fileDownloadUrl, useTechnologyFiles, useUploadEvidence } from '../api';

/** A file size for people: 512 B, 34 KB, 1.2 MB. */
export const fileSizeText = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
};

/** The evidence files of a record as download links (read-only). */
export function EvidenceFileLinks({ technologyId, fileIds }: { technologyId: string; fileIds: readonly string[] }) {
  const { t } = useTranslation();
  const files = useTechnologyFiles(fileIds.length > 0 ? technologyId : null);
  if (fileIds.length === 0) return <Text size="sm">{t('register.evidence.none')}</Text>;
  const byId = new Map((files.data?.items ?? []).map((f) => [f.id, f]));
  return (
    <Stack gap={2}>
      {fileIds.map((id) => {
        const file = byId.get(id);
        return (
          <Group key={id} gap={6} wrap="nowrap">
            <IconFile size={16} aria-hidden="true" />
            <Anchor href={fileDownloadUrl(id)} size="sm" download>
              {file?.name ?? t('register.evidence.file')}
            </Anchor>
            {file ? (
              <Text size="xs" c="dimmed">
                {fileSizeText(file.size)}
              </Text>
            ) : null}
          </Group>
        );
      })}
    </Stack>
  );
}

/**
 * Evidence files of a technology field: the attached files with download and remove, and a picker that uploads a
 * file at once (files API, record type `technology`) and adds its id. Before the technology exists there is no
 * record to attach to, so the picker explains that files can be added after the first save.
 */
export function EvidenceFilesField({
  technologyId,
  label,
  description,
  value,
  onChange,
  disabled = false,
}: {
  technologyId: string | null;
  label: string;
  description?: string;
  value: string[];
  onChange: (ids: string[]) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labelId = useId();
  const files = useTechnologyFiles(technologyId);
  const upload = useUploadEvidence(technologyId ?? '');
  const byId = new Map((files.data?.items ?? []).map((f) => [f.id, f]));

  const onPick = (file: File | null) => {
    if (!file || !technologyId) return;
    upload.mutate(file, { onSuccess: (stored) => onChange([...value, stored.id]) });
  };

  return (
    <Input.Wrapper label={label} description={description} labelElement="div" labelProps={{ id: labelId }}>
      <Stack gap="xs" mt={4}>
        {value.length > 0 ? (
          <ul aria-labelledby={labelId} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {value.map((id) => {
              const file = byId.get(id);
              const name = file?.name ?? t('register.evidence.file');
              return (
                <li key={id}>
                  <Group gap={6} wrap="nowrap">
                    <IconFile size={16} aria-hidden="true" />
                    <Anchor href={fileDownloadUrl(id)} size="sm" download>
                      {name}
                    </Anchor>
                    {file ? (
                      <Text size="xs" c="dimmed">
                        {fileSizeText(file.size)}・{format.date(file.createdAt)}
                      </Text>
                    ) : null}
                    {disabled ? null : (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        size="sm"
                        onClick={() => onChange(value.filter((v) => v !== id))}
                        aria-label={t('register.evidence.remove', { name })}
                      >
                        <IconX size={14} aria-hidden="true" />
                      </ActionIcon>
                    )}
                  </Group>
                </li>
              );
            })}
          </ul>
        ) : (
          <Text size="sm" c="dimmed">
            {t('register.evidence.none')}
          </Text>
        )}
        {disabled ? null : technologyId ? (
          <FileButton onChange={onPick} disabled={upload.isPending}>
            {(props) => (
              <Button
                {...props}
                variant="default"
                size="xs"
                loading={upload.isPending}
                leftSection={<IconPaperclip size={14} aria-hidden="true" />}
                aria-label={t('register.evidence.add', { field: label })}
                style={{ alignSelf: 'flex-start' }}
              >
                {t('register.evidence.pick')}
              </Button>
            )}
          </FileButton>
        ) : (
          <Text size="xs" c="dimmed">
            {t('register.evidence.afterSave')}
          </Text>
        )}
        {upload.isError ? <ErrorAlert error={upload.error} title={t('register.evidence.uploadFailed')} /> : null}
      </Stack>
    </Input.Wrapper>
  );
}
