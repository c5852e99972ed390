import { Button, Center, Code, CopyButton, Group, Image, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { LoadingState } from '../../../components/loading-state';
import { fieldErrorMap, isApiError } from '../../../lib/api-client';
import { useTotpConfirm, useTotpSetup } from '../api';
import { isTotpCode, normaliseCode } from '../validation';
import { CodeInput } from './code-input';

/** Groups a base32 secret in fours so that it can be typed by hand. */
export const groupSecret = (secret: string): string =>
  secret
    .replace(/\s/g, '')
    .replace(/(.{4})/g, '$1 ')
    .trim();

/**
 * TOTP enrolment: asks the server for a secret, shows the QR code and the secret as text, and confirms with a
 * code from the app; hands the recovery codes to `onEnrolled`.
 */
export function TotpEnrolment({ onEnrolled }: { onEnrolled: (recoveryCodes: string[]) => void }) {
  const { t } = useTranslation();
  const setup = useTotpSetup();
  const confirm = useTotpConfirm();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | undefined>();
  const started = useRef(false);
  const { mutate: startSetup } = setup;

  useEffect(() => {
    // React's development double-mount would otherwise create two secrets.
    if (started.current) return;
    started.current = true;
    startSetup();
  }, [startSetup]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!isTotpCode(code)) {
      setCodeError(t('validation.totp'));
      return;
    }
    setCodeError(undefined);
    confirm.mutate({ code: normaliseCode(code) }, { onSuccess: (result) => onEnrolled(result.recoveryCodes) });
  };

  if (setup.isPending || setup.isIdle) return <LoadingState />;
  if (setup.isError) return <ErrorAlert error={setup.error} onRetry={() => setup.mutate()} />;

  const { qrDataUrl, secret } = setup.data;
  const serverErrors = fieldErrorMap(confirm.error);
  // A wrong code belongs next to the code field rather than in a separate alert.
  const wrongCode = isApiError(confirm.error, 'auth/invalid_second_factor') ? confirm.error.message : undefined;
  const fieldError = codeError ?? serverErrors.code ?? wrongCode;
  return (
    <Stack gap="md">
      <Text size="sm">{t('auth.enrol.description')}</Text>
      <Center>
        <Image
          src={qrDataUrl}
          alt={t('auth.enrol.qrAlt')}
          w={200}
          h={200}
          fit="contain"
          style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, padding: 8, background: '#fff' }}
        />
      </Center>
      <Stack gap={4}>
        <Text size="sm" c="dimmed" id="totp-secret-label">
          {t('auth.enrol.secretLabel')}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <Code fz="sm" aria-labelledby="totp-secret-label" style={{ wordBreak: 'break-all' }}>
            {groupSecret(secret)}
          </Code>
          <CopyButton value={secret}>
            {({ copied, copy }) => (
              <Button
                size="compact-sm"
                variant="default"
                onClick={copy}
                leftSection={
                  copied ? <IconCheck size={14} aria-hidden="true" /> : <IconCopy size={14} aria-hidden="true" />
                }
              >
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <CodeInput label={t('auth.enrol.codeLabel')} value={code} onChange={setCode} error={fieldError} />
          {confirm.isError && !serverErrors.code && !wrongCode ? <ErrorAlert error={confirm.error} /> : null}
          <Group justify="space-between">
            <Button
              variant="subtle"
              onClick={() => {
                setCode('');
                confirm.reset();
                setup.mutate();
              }}
            >
              {t('auth.enrol.restart')}
            </Button>
            <Button type="submit" loading={confirm.isPending}>
              {t('auth.enrol.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
