import { Button, Group, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/app-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { isApiError } from '../../../lib/api-client';
import { isIsoDate } from '../../../lib/format';
import { useDepartments } from '../../people/api';
import { PersonPicker } from '../../people/components/person-picker';
import { type AccessGrant, useCreateGrant, useRevokeGrant, useUpdateGrant } from '../api-know-how';
import { useGranteeName } from './access-grants-table';

/** Server field messages keyed by field name (`reason`, `expiresOn`, `personId` …). */
const serverFields = (error: unknown): Record<string, string> => {
  const map: Record<string, string> = {};
  if (!isApiError(error)) return map;
  for (const { path, message } of error.fieldErrors) {
    const key = path.split('.')[0] ?? '';
    if (!(key in map)) map[key] = message;
  }
  return map;
};

/** 「アクセス権を付与」: a person (searched in the directory) or a department, a reason and an optional expiry. */
export function AddGrantModal({
  technologyId,
  opened,
  onClose,
}: {
  technologyId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const create = useCreateGrant(technologyId);
  const departments = useDepartments();
  const [kind, setKind] = useState<'person' | 'department'>('person');
  const [personId, setPersonId] = useState<string | null>(null);
  const [department, setDepartment] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  const close = () => {
    setKind('person');
    setPersonId(null);
    setDepartment(null);
    setReason('');
    setExpiresOn('');
    setErrors({});
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      personId: kind === 'person' && !personId ? t('knowHow.grants.personRequired') : undefined,
      department: kind === 'department' && !department ? t('knowHow.grants.departmentRequired') : undefined,
      reason: reason.trim() ? undefined : t('validation.required'),
      expiresOn: expiresOn && !isIsoDate(expiresOn) ? t('validation.date') : undefined,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    create.mutate(
      {
        granteeKind: kind,
        personId: kind === 'person' ? personId : null,
        department: kind === 'department' ? department : null,
        reason: reason.trim(),
        expiresOn: expiresOn || null,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'hedge', message: t('knowHow.grants.added') });
          close();
        },
      },
    );
  };

  const server = serverFields(create.error);
  return (
    <AppModal opened={opened} onClose={close} title={t('knowHow.grants.addTitle')} size="lg" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="grant-kind-label">
              {t('knowHow.grants.granteeKind')}
            </Text>
            <SegmentedControl
              aria-labelledby="grant-kind-label"
              value={kind}
              onChange={(value) => setKind(value as 'person' | 'department')}
              data={[
                { value: 'person', label: t('knowHow.grants.kindPerson') },
                { value: 'department', label: t('knowHow.grants.kindDepartment') },
              ]}
            />
          </Stack>
          {kind === 'person' ? (
            <PersonPicker
              label={t('knowHow.grants.person')}
              placeholder={t('knowHow.grants.personPlaceholder')}
              required
              value={personId}
              onChange={(person) => setPersonId(person?.id ?? null)}
              error={errors.personId ?? server.personId ?? server.granteeKind}
            />
          ) : (
            <Select
              label={t('knowHow.grants.department')}
              placeholder={t('knowHow.grants.departmentPlaceholder')}
              required
              searchable
              data={departments.data?.items ?? []}
              value={department}
              onChange={setDepartment}
              nothingFoundMessage={t('common.noResults')}
              error={errors.department ?? server.department ?? server.granteeKind}
            />
          )}
          <Textarea
            label={t('knowHow.grants.reason')}
            placeholder={t('knowHow.grants.reasonPlaceholder')}
            required
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason ?? server.reason}
          />
          <TextInput
            type="date"
            label={t('knowHow.grants.expiresOn')}
            description={t('knowHow.grants.expiresOnDescription')}
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
            error={errors.expiresOn ?? server.expiresOn}
          />
          {create.isError && Object.keys(server).length === 0 ? <ErrorAlert error={create.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('knowHow.grants.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** 「変更」: change a grant's reason or expiry (the grantee stays; grant anew for someone else). */
export function EditGrantModal({ grant, onClose }: { grant: AccessGrant | null; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateGrant();
  const granteeName = useGranteeName();
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});

  useEffect(() => {
    if (!grant) return;
    setReason(grant.reason);
    setExpiresOn(grant.expiresOn ?? '');
    setErrors({});
  }, [grant]);

  const close = () => {
    update.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!grant) return;
    const found = {
      reason: reason.trim() ? undefined : t('validation.required'),
      expiresOn: expiresOn && !isIsoDate(expiresOn) ? t('validation.date') : undefined,
    };
    setErrors(found);
    if (Object.values(found).some(Boolean)) return;
    update.mutate(
      { id: grant.id, reason: reason.trim(), expiresOn: expiresOn || null },
      {
        onSuccess: () => {
          notifications.show({ color: 'hedge', message: t('knowHow.grants.edited') });
          close();
        },
      },
    );
  };

  const server = serverFields(update.error);
  return (
    <AppModal
      opened={grant !== null}
      onClose={close}
      title={grant ? t('knowHow.grants.editTitle', { grantee: granteeName(grant) }) : ''}
      size="lg"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Textarea
            label={t('knowHow.grants.reason')}
            required
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason ?? server.reason}
          />
          <TextInput
            type="date"
            label={t('knowHow.grants.expiresOn')}
            description={t('knowHow.grants.expiresOnDescription')}
            value={expiresOn}
            onChange={(e) => setExpiresOn(e.currentTarget.value)}
            error={errors.expiresOn ?? server.expiresOn}
          />
          {update.isError && Object.keys(server).length === 0 ? <ErrorAlert error={update.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending}>
              {t('knowHow.grants.editSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

/** 「取り消す」: revoke a grant after confirmation, with an optional reason that goes to the audit trail. */
export function RevokeGrantModal({ grant, onClose }: { grant: AccessGrant | null; onClose: () => void }) {
  const { t } = useTranslation();
  const revoke = useRevokeGrant();
  const granteeName = useGranteeName();
  const [reason, setReason] = useState('');

  const close = () => {
    setReason('');
    revoke.reset();
    onClose();
  };

  return (
    <AppModal opened={grant !== null} onClose={close} title={t('knowHow.grants.revokeTitle')} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!grant) return;
          revoke.mutate(
            { id: grant.id, reason: reason.trim() || null },
            {
              onSuccess: () => {
                notifications.show({ color: 'hedge', message: t('knowHow.grants.revoked') });
                close();
              },
            },
          );
        }}
        noValidate
      >
        <Stack gap="md">
          <Text size="sm">
            {grant
              ? t('knowHow.grants.revokeBody', { grantee: granteeName(grant), technology: grant.technologyNameJa })
              : ''}
          </Text>
          <Textarea
            label={t('knowHow.grants.revokeReason')}
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
          {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={revoke.isPending}>
              {t('knowHow.grants.revoke')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
