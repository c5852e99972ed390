import { Alert, Button, Checkbox, CopyButton, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Builds the text file offered for download: a header line, then one code per line. */
export const recoveryCodesFile = (header: string, codes: readonly string[]): string =>
  `${header}\n\n${codes.join('\n')}\n`;

/**
 * Shows freshly issued recovery codes exactly once, with copy and download, and lets the user continue only
 * after confirming they stored them.
 */
export function RecoveryCodesPanel({ codes, onDone }: { codes: readonly string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const [stored, setStored] = useState(false);
  const text = recoveryCodesFile(t('auth.recovery.fileHeader'), codes);

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'kakine-recovery-codes.txt';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <Stack gap="md">
      <Alert
        variant="light"
        color="yellow"
        icon={<IconKey aria-hidden="true" />}
        role="note"
        styles={{ message: { color: 'var(--mantine-color-dark-7)' } }}
      >
        {t('auth.recovery.description')}
      </Alert>
      <SimpleGrid
        cols={2}
        spacing="xs"
        component="ul"
        aria-label={t('auth.recovery.listLabel')}
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
      >
        {codes.map((code) => (
          <Text
            component="li"
            key={code}
            className="recovery-codes"
            ta="center"
            py={6}
            bg="gray.0"
            style={{ borderRadius: 4 }}
          >
            {code}
          </Text>
        ))}
      </SimpleGrid>
      <Group gap="sm">
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              onClick={copy}
              leftSection={
                copied ? <IconCheck size={16} aria-hidden="true" /> : <IconCopy size={16} aria-hidden="true" />
              }
            >
              {copied ? t('common.copied') : t('auth.recovery.copyAll')}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={download} leftSection={<IconDownload size={16} aria-hidden="true" />}>
          {t('auth.recovery.download')}
        </Button>
      </Group>
      <Checkbox
        checked={stored}
        onChange={(event) => setStored(event.currentTarget.checked)}
        label={t('auth.recovery.acknowledge')}
      />
      <Group justify="flex-end">
        <Button onClick={onDone} disabled={!stored}>
          {t('auth.recovery.continue')}
        </Button>
      </Group>
    </Stack>
  );
}
