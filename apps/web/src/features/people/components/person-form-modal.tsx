import {
  EMPLOYMENT_TYPES,
  type EmploymentType,
  PERSON_STATUSES,
  type PersonInput,
  type PersonStatus,
} from '@kakine/contracts';
import {
  Alert,
  Autocomplete,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AppModal } from '../../../components/app-modal';
import { ErrorAlert } from '../../../components/error-alert';
import { isApiError } from '../../../lib/api-client';
import { isIsoDate } from '../../../lib/format';
import { localeOf } from '../../../lib/i18n';
import { looksLikeEmail } from '../../auth/validation';
import { fetchPerson, type Person, useCreatePerson, useDepartments, useUpdatePerson } from '../api';
import { employmentTypeLabel, personStatusLabel } from '../labels';

/** The editable fields of a person, as the form holds them (empty strings for "not given"). */
export type PersonFormValues = {
  employeeId: string;
  name: string;
  nameKana: string;
  email: string;
  department: string;
  jobTitle: string;
  employmentType: EmploymentType;
  employer: string;
  status: PersonStatus;
  lastWorkingDay: string;
  contractEndDate: string;
  notes: string;
};

/** The form's starting values: a person's current details, or blanks for a new one. */
export const personFormValues = (person: Person | null): PersonFormValues => ({
  employeeId: person?.employeeId ?? '',
  name: person?.name ?? '',
  nameKana: person?.nameKana ?? '',
  email: person?.email ?? '',
  department: person?.department ?? '',
  jobTitle: person?.jobTitle ?? '',
  employmentType: person?.employmentType ?? 'employee',
  employer: person?.employer ?? '',
  status: person?.status ?? 'active',
  lastWorkingDay: person?.lastWorkingDay ?? '',
  contractEndDate: person?.contractEndDate ?? '',
  notes: person?.notes ?? '',
});

/** Field keys that can carry a message. */
type FieldKey = keyof PersonFormValues;

/**
 * Checks the form the way the server will (required fields, e-mail, dates, a last working day for anyone leaving or
 * left) and returns the message keys per field; empty when the form can be sent.
 */
export const validatePersonForm = (
  values: PersonFormValues,
): Partial<Record<FieldKey, 'required' | 'email' | 'date'>> => {
  const errors: Partial<Record<FieldKey, 'required' | 'email' | 'date'>> = {};
  if (!values.employeeId.trim()) errors.employeeId = 'required';
  if (!values.name.trim()) errors.name = 'required';
  if (values.email.trim() && !looksLikeEmail(values.email.trim())) errors.email = 'email';
  if (values.lastWorkingDay && !isIsoDate(values.lastWorkingDay)) errors.lastWorkingDay = 'date';
  else if (values.status !== 'active' && !values.lastWorkingDay) errors.lastWorkingDay = 'required';
  if (values.contractEndDate && !isIsoDate(values.contractEndDate)) errors.contractEndDate = 'date';
  return errors;
};

/** Server field messages keyed by the person's field, whether the body was the person itself or `{ person, version }`. */
export const personFieldErrors = (error: unknown): Record<string, string> => {
  const map: Record<string, string> = {};
  if (!isApiError(error)) return map;
  for (const { path, message } of error.fieldErrors) {
    const key = path.replace(/^person\./, '').split('.')[0] ?? '';
    if (!(key in map)) map[key] = message;
  }
  return map;
};

/** Turns the form into the API's PersonInput (trimmed; blanks become null). */
export const toPersonInput = (values: PersonFormValues): PersonInput => {
  const text = (v: string) => (v.trim() ? v.trim() : null);
  return {
    employeeId: values.employeeId.trim(),
    name: values.name.trim(),
    nameKana: text(values.nameKana),
    email: text(values.email),
    department: text(values.department),
    jobTitle: text(values.jobTitle),
    employmentType: values.employmentType,
    employer: text(values.employer),
    status: values.status,
    lastWorkingDay: values.lastWorkingDay || null,
    contractEndDate: values.contractEndDate || null,
    notes: text(values.notes),
  };
};

/**
 * Adds a person or edits one (`person` set). Saving sends the version that was read; when someone else saved first
 * the dialog says so and offers to load their version.
 */
export function PersonFormModal({
  opened,
  person,
  onClose,
}: {
  opened: boolean;
  person: Person | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const departments = useDepartments();
  const [base, setBase] = useState<Person | null>(person);
  const [values, setValues] = useState<PersonFormValues>(() => personFormValues(person));
  const [errors, setErrors] = useState<ReturnType<typeof validatePersonForm>>({});
  const [reloading, setReloading] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setBase(person);
    setValues(personFormValues(person));
    setErrors({});
  }, [opened, person]);

  const mutation = person ? update : create;
  const close = () => {
    create.reset();
    update.reset();
    setErrors({});
    onClose();
  };
  const set = <K extends FieldKey>(key: K, value: PersonFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validatePersonForm(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const input = toPersonInput(values);
    const done = (key: 'people.form.added' | 'people.form.saved') => {
      notifications.show({ color: 'hedge', message: t(key, { name: input.name }) });
      close();
    };
    if (base)
      update.mutate(
        { id: base.id, person: input, version: base.version },
        { onSuccess: () => done('people.form.saved') },
      );
    else create.mutate(input, { onSuccess: () => done('people.form.added') });
  };

  const reload = async () => {
    if (!base) return;
    setReloading(true);
    try {
      const fresh = await fetchPerson(base.id);
      setBase(fresh);
      setValues(personFormValues(fresh));
      update.reset();
      notifications.show({ color: 'hedge', message: t('people.form.reloaded') });
    } finally {
      setReloading(false);
    }
  };

  const server = personFieldErrors(mutation.error);
  const message = (key: FieldKey) => {
    const code = errors[key];
    if (code)
      return t(code === 'required' ? 'validation.required' : code === 'email' ? 'validation.email' : 'validation.date');
    return server[key];
  };
  const conflict = isApiError(mutation.error, 'people/version_conflict');
  const taken = isApiError(mutation.error, 'people/employee_id_taken');

  return (
    <AppModal
      opened={opened}
      onClose={close}
      title={base ? t('people.form.editTitle', { name: base.name }) : t('people.form.addTitle')}
      size="xl"
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('people.form.employeeId')}
              description={t('people.form.employeeIdDescription')}
              required
              value={values.employeeId}
              onChange={(e) => set('employeeId', e.currentTarget.value)}
              error={message('employeeId') ?? (taken ? mutation.error?.message : undefined)}
            />
            <TextInput
              label={t('people.form.email')}
              description={t('people.form.emailDescription')}
              type="email"
              autoComplete="off"
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={message('email')}
            />
            <TextInput
              label={t('people.form.name')}
              required
              autoComplete="off"
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={message('name')}
            />
            <TextInput
              label={t('people.form.nameKana')}
              autoComplete="off"
              value={values.nameKana}
              onChange={(e) => set('nameKana', e.currentTarget.value)}
              error={message('nameKana')}
            />
            <Autocomplete
              label={t('people.form.department')}
              data={departments.data?.items ?? []}
              value={values.department}
              onChange={(value) => set('department', value)}
              error={message('department')}
            />
            <TextInput
              label={t('people.form.jobTitle')}
              value={values.jobTitle}
              onChange={(e) => set('jobTitle', e.currentTarget.value)}
              error={message('jobTitle')}
            />
            <Select
              label={t('people.form.employmentType')}
              required
              allowDeselect={false}
              data={EMPLOYMENT_TYPES.map((type) => ({ value: type, label: employmentTypeLabel(type, locale) }))}
              value={values.employmentType}
              onChange={(value) => value && set('employmentType', value as EmploymentType)}
              error={message('employmentType')}
            />
            <TextInput
              label={t('people.form.employer')}
              value={values.employer}
              onChange={(e) => set('employer', e.currentTarget.value)}
              error={message('employer')}
            />
            <Select
              label={t('people.form.status')}
              required
              allowDeselect={false}
              data={PERSON_STATUSES.map((status) => ({ value: status, label: personStatusLabel(status, locale) }))}
              value={values.status}
              onChange={(value) => value && set('status', value as PersonStatus)}
              error={message('status')}
            />
            <TextInput
              type="date"
              label={t('people.form.lastWorkingDay')}
              description={t('people.form.lastWorkingDayDescription')}
              required={values.status !== 'active'}
              value={values.lastWorkingDay}
              onChange={(e) => set('lastWorkingDay', e.currentTarget.value)}
              error={message('lastWorkingDay')}
            />
            <TextInput
              type="date"
              label={t('people.form.contractEndDate')}
              value={values.contractEndDate}
              onChange={(e) => set('contractEndDate', e.currentTarget.value)}
              error={message('contractEndDate')}
            />
          </SimpleGrid>
          <Textarea
            label={t('people.form.notes')}
            autosize
            minRows={2}
            maxRows={6}
            value={values.notes}
            onChange={(e) => set('notes', e.currentTarget.value)}
            error={message('notes')}
          />
          {conflict ? (
            <Alert
              color="orange"
              variant="light"
              role="alert"
              icon={<IconAlertTriangle aria-hidden="true" />}
              title={t('people.form.conflictTitle')}
            >
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('people.form.conflictBody')}</Text>
                <Button size="xs" variant="default" loading={reloading} onClick={() => void reload()}>
                  {t('people.form.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : mutation.isError && !taken && Object.keys(server).length === 0 ? (
            <ErrorAlert error={mutation.error} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending} disabled={conflict}>
              {base ? t('people.form.submitEdit') : t('people.form.submitAdd')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}
