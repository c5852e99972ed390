import { Alert } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startSession } from '../api';
import { AuthCard } from '../components/auth-card';
import { RecoveryCodesPanel } from '../components/recovery-codes-panel';
import { TotpEnrolment } from '../components/totp-enrolment';

const route = getRouteApi('/public/enrol-second-factor');

/** Mandatory TOTP enrolment after a password sign-in, when the server asks for it; then the recovery codes. */
export function EnrolSecondFactorPage() {
  const { t } = useTranslation();
  const { redirect } = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [codes, setCodes] = useState<string[] | null>(null);

  const finish = async () => {
    await startSession(queryClient);
    router.history.push(redirect ?? '/');
  };

  if (codes) {
    return (
      <AuthCard title={t('auth.recovery.title')}>
        <RecoveryCodesPanel codes={codes} onDone={() => void finish()} />
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t('auth.enrol.title')}>
      <Alert variant="light" color="hedge" role="note">
        {t('auth.enrol.required')}
      </Alert>
      <TotpEnrolment onEnrolled={setCodes} />
    </AuthCard>
  );
}
