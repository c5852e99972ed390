import { EXPORT_CONTROL_STATUS_LABELS, EXPORT_CONTROL_STATUSES, type ExportControlStatus } from '@kakine/contracts';
import {
  Alert,
  Autocomplete,
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { can } from '../../../lib/abilities';
import { api } from '../../../lib/api';
import { type ApiError, isApiError } from '../../../lib/api-client';
import { localeOf } from '../../../lib/i18n';
import { useSession } from '../../../lib/session';
import {
  type Technology,
  useCreateTechnology,
  useOwners,
  useRegisterSettings,
  useTechnology,
  useUpdateTechnology,
} from '../api';
import { DesignatedSelect } from '../components/designated-select';
import { EvidenceFilesField } from '../components/evidence-files';
import { LocationsEditor } from '../components/locations-editor';
import { notifyDone } from '../notify';
import {
  emptyTechnologyForm,
  type FormProblems,
  formToInput,
  serverFieldMessages,
  type TechnologyForm,
  technologyToForm,
  validateTechnologyForm,
} from '../technology-form-model';

const editRoute = getRouteApi('/app/register/$id/edit');

/** Server error codes that belong to one field of the form, so that the message shows next to that field. */
const FIELD_OF_ERROR: Record<string, string> = {
  'register/code_taken': 'code',
  'register/unknown_classification': 'classificationCode',
  'register/unknown_designated_technology': 'designatedCodes',
  'register/unknown_owner': 'ownerUserId',
  'register/unknown_country': 'locations',
  'register/unknown_file': 'exportControl.evidenceFileIds',
};

/** `/register/new`: registers a technology. */
export function NewTechnologyPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const create = useCreateTechnology();
  // A technology owner registers technologies they then own; the officer may leave the owner open.
  const [initial] = useState<TechnologyForm>(() => ({
    ...emptyTechnologyForm(),
    ownerUserId: can(session, 'register:manage') ? null : session.user.id,
  }));
  return (
    <>
      <PageHeader title={t('register.form.newTitle')} description={t('register.form.newDescription')} />
      <TechnologyFormView
        initial={initial}
        technology={null}
        pending={create.isPending}
        error={create.error}
        onSubmit={(input) =>
          create.mutate(input, {
            onSuccess: (created) => {
              notifyDone(t('register.form.created', { name: created.nameJa }));
              void navigate({ to: '/register/$id', params: { id: created.id } });
            },
          })
        }
        onCancel={() => void navigate({ to: '/register' })}
      />
    </>
  );
}

/** `/register/$id/edit`: changes a technology, refusing to overwrite someone else's concurrent change. */
export function EditTechnologyPage() {
  const { id } = editRoute.useParams();
  const query = useTechnology(id);
  return (
    <QueryState query={query}>
      {(technology) => <EditTechnology key={technology.id} technology={technology} />}
    </QueryState>
  );
}

function EditTechnology({ technology }: { technology: Technology }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateTechnology(technology.id);
  const query = useTechnology(technology.id);
  // The version the form was filled from is what the save sends, even if the query refreshes in the background:
  // that is how a change someone else saved meanwhile is detected instead of overwritten.
  const [loaded, setLoaded] = useState(() => ({
    version: technology.version,
    form: technologyToForm(technology),
    key: 0,
  }));
  if (!technology.abilities.edit) {
    return (
      <>
        <PageHeader title={t('register.form.editTitle', { name: technology.nameJa })} />
        <Alert color="yellow" title={t('register.form.cannotEditTitle')}>
          {technology.status === 'archived' ? t('register.form.archivedBody') : t('register.form.cannotEditBody')}
        </Alert>
      </>
    );
  }
  const conflict = isApiError(update.error, 'register/version_conflict');
  const reload = async () => {
    const fresh = await query.refetch();
    if (!fresh.data) return;
    update.reset();
    const latest = fresh.data;
    setLoaded((current) => ({ version: latest.version, form: technologyToForm(latest), key: current.key + 1 }));
  };
  return (
    <>
      <PageHeader
        title={t('register.form.editTitle', { name: technology.nameJa })}
        description={t('register.form.editDescription')}
      />
      {conflict ? (
        <Alert color="orange" title={t('register.form.conflictTitle')} mb="md" role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('register.form.conflictBody')}</Text>
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} aria-hidden="true" />}
              loading={query.isFetching}
              onClick={() => void reload()}
            >
              {t('register.form.conflictReload')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      <TechnologyFormView
        key={loaded.key}
        initial={loaded.form}
        technology={technology}
        pending={update.isPending}
        error={conflict ? null : update.error}
        onSubmit={(input) =>
          update.mutate(
            { technology: input, version: loaded.version },
            {
              onSuccess: (saved) => {
                notifyDone(t('register.form.saved', { name: saved.nameJa }));
                void navigate({ to: '/register/$id', params: { id: saved.id } });
              },
            },
          )
        }
        onCancel={() => void navigate({ to: '/register/$id', params: { id: technology.id } })}
      />
    </>
  );
}

/** The departments in use (people directory), as suggestions for the department field. */
const useDepartmentSuggestions = (enabled: boolean) =>
  useQuery({
    queryKey: ['people', 'departments'],
    queryFn: () => api.get<{ items: string[] }>('/people/departments'),
    staleTime: 60_000,
    enabled,
  });

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Paper p="lg" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" id={id} mb={description ? 4 : 'md'}>
        {title}
      </Title>
      {description ? (
        <Text size="sm" c="dimmed" mb="md">
          {description}
        </Text>
      ) : null}
      <Stack gap="md">{children}</Stack>
    </Paper>
  );
}

/** The technology form itself: every field of TechnologyInput, checked with the contract schema before sending. */
function TechnologyFormView({
  initial,
  technology,
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  initial: TechnologyForm;
  technology: Technology | null;
  pending: boolean;
  error: unknown;
  onSubmit: (input: ReturnType<typeof formToInput>) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const session = useSession();
  const manage = can(session, 'register:manage');
  const settings = useRegisterSettings();
  const owners = useOwners(manage);
  const departments = useDepartmentSuggestions(can(session, 'people:read'));
  const [form, setForm] = useState<TechnologyForm>(initial);
  const [problems, setProblems] = useState<FormProblems>({});
  const [submitted, setSubmitted] = useState(false);

  const set = <K extends keyof TechnologyForm>(key: K, value: TechnologyForm[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    // Once the user has tried to save, messages follow their corrections as they type.
    if (submitted) setProblems(validateTechnologyForm(next));
  };

  const apiError = isApiError(error) ? (error as ApiError) : null;
  const server = serverFieldMessages(apiError);
  const errorField = apiError ? FIELD_OF_ERROR[apiError.code] : undefined;
  if (apiError && errorField && !(errorField in server)) server[errorField] = apiError.message;
  const message = (path: string): string | undefined => {
    const problem = problems[path];
    if (problem) return t(`register.form.errors.${problem.key}`, { max: problem.max ?? 0 });
    return server[path];
  };
  const locationErrors: Record<string, string | undefined> = {};
  for (const path of new Set([...Object.keys(problems), ...Object.keys(server)])) {
    if (path.startsWith('locations.')) locationErrors[path] = message(path);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const found = validateTechnologyForm(form);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      // Move the keyboard to the first field that needs attention.
      requestAnimationFrame(() => {
        document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      });
      return;
    }
    onSubmit(formToInput(form));
  };

  const levels = [...(settings.data?.classificationLevels ?? [])].sort((a, b) => a.rank - b.rank);
  const ownerOptions = (owners.data?.items ?? []).map((o) => ({
    value: o.id,
    label: `${o.displayName}（${o.email}）`,
  }));
  const ensureOwner = (id: string | null, label: string | null) => {
    if (id && !ownerOptions.some((o) => o.value === id)) ownerOptions.push({ value: id, label: label ?? id });
  };
  ensureOwner(session.user.id, `${session.user.displayName}（${session.user.email}）`);
  ensureOwner(technology?.ownerUserId ?? null, technology?.ownerName ?? null);
  const problemCount = Object.keys(problems).length;

  return (
    <form onSubmit={submit} noValidate aria-describedby={problemCount > 0 ? 'technology-form-problems' : undefined}>
      <Stack gap="lg">
        {problemCount > 0 ? (
          <Alert color="red" id="technology-form-problems" role="alert" title={t('register.form.problemsTitle')}>
            {t('register.form.problemsBody', { count: problemCount })}
          </Alert>
        ) : null}
        <Section id="section-basics" title={t('register.form.sections.basics')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput
              label={t('register.fields.code')}
              description={t('register.form.codeHint')}
              required
              value={form.code}
              onChange={(e) => set('code', e.currentTarget.value)}
              error={message('code')}
              ff="monospace"
              autoComplete="off"
            />
            <TextInput
              label={t('register.fields.nameJa')}
              required
              value={form.nameJa}
              onChange={(e) => set('nameJa', e.currentTarget.value)}
              error={message('nameJa')}
              autoComplete="off"
            />
            <TextInput
              label={t('register.fields.nameEn')}
              lang="en"
              value={form.nameEn}
              onChange={(e) => set('nameEn', e.currentTarget.value)}
              error={message('nameEn')}
              autoComplete="off"
            />
          </SimpleGrid>
          <Textarea
            label={t('register.fields.description')}
            description={t('register.form.descriptionHint')}
            autosize
            minRows={3}
            maxRows={12}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={message('description')}
          />
          <TagsInput
            label={t('register.fields.products')}
            description={t('register.form.productsHint')}
            value={form.products}
            onChange={(products) => set('products', products)}
            splitChars={[',', '、']}
            clearable
            error={message('products')}
          />
        </Section>

        <Section id="section-management" title={t('register.form.sections.management')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Select
              label={t('register.fields.owner')}
              description={manage ? t('register.form.ownerHint') : t('register.form.ownerSelfHint')}
              placeholder={t('register.form.ownerPlaceholder')}
              data={ownerOptions}
              value={form.ownerUserId}
              onChange={(value) => set('ownerUserId', value)}
              searchable
              clearable={manage}
              disabled={!manage}
              nothingFoundMessage={t('common.noResults')}
              error={message('ownerUserId')}
            />
            <Autocomplete
              label={t('register.fields.department')}
              data={departments.data?.items ?? []}
              value={form.department}
              onChange={(value) => set('department', value)}
              error={message('department')}
            />
            <Select
              label={t('register.fields.classification')}
              description={t('register.form.classificationHint')}
              required
              data={levels.map((l) => ({
                value: l.code,
                label: `${locale === 'en' ? l.nameEn : l.nameJa}${l.secret ? '' : t('register.form.notSecretSuffix')}`,
              }))}
              value={form.classificationCode}
              onChange={(value) => set('classificationCode', value)}
              allowDeselect={false}
              error={message('classificationCode')}
            />
          </SimpleGrid>
          <Switch
            label={t('register.fields.isCore')}
            description={t('register.form.coreHint')}
            checked={form.isCore}
            onChange={(e) => set('isCore', e.currentTarget.checked)}
          />
          {form.isCore ? (
            <Textarea
              label={t('register.fields.coreReason')}
              description={t('register.form.coreReasonHint')}
              required
              autosize
              minRows={2}
              value={form.coreReason}
              onChange={(e) => set('coreReason', e.currentTarget.value)}
              error={message('coreReason')}
            />
          ) : null}
        </Section>

        <Section
          id="section-designated"
          title={t('register.form.sections.designated')}
          description={t('register.form.designatedDescription')}
        >
          <DesignatedSelect
            value={form.designatedCodes}
            onChange={(codes) => set('designatedCodes', codes)}
            current={technology?.designated ?? []}
            error={message('designatedCodes')}
          />
        </Section>

        <Section
          id="section-export"
          title={t('register.form.sections.exportControl')}
          description={t('register.form.exportControlDescription')}
        >
          <Radio.Group
            label={t('register.fields.exportStatus')}
            value={form.exportStatus}
            onChange={(value) => set('exportStatus', value as ExportControlStatus)}
          >
            <Group gap="lg" mt={6}>
              {EXPORT_CONTROL_STATUSES.map((status) => (
                <Radio key={status} value={status} label={EXPORT_CONTROL_STATUS_LABELS[status][locale]} />
              ))}
            </Group>
          </Radio.Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <TextInput
              label={t('register.fields.listItemRef')}
              placeholder={t('register.form.listItemPlaceholder')}
              value={form.listItemRef}
              onChange={(e) => set('listItemRef', e.currentTarget.value)}
              error={message('exportControl.listItemRef')}
            />
            <TextInput
              label={t('register.fields.assessorName')}
              value={form.assessorName}
              onChange={(e) => set('assessorName', e.currentTarget.value)}
              error={message('exportControl.assessorName')}
            />
            <TextInput
              type="date"
              label={t('register.fields.assessedOn')}
              required={form.exportStatus !== 'undetermined'}
              value={form.assessedOn}
              onChange={(e) => set('assessedOn', e.currentTarget.value)}
              error={message('exportControl.assessedOn')}
            />
          </SimpleGrid>
          <EvidenceFilesField
            technologyId={technology?.id ?? null}
            label={t('register.fields.exportEvidence')}
            description={t('register.form.exportEvidenceHint')}
            value={form.evidenceFileIds}
            onChange={(ids) => set('evidenceFileIds', ids)}
          />
          {message('exportControl.evidenceFileIds') ? (
            <Text size="sm" c="red.9">
              {message('exportControl.evidenceFileIds')}
            </Text>
          ) : null}
        </Section>

        <Section
          id="section-locations"
          title={t('register.form.sections.locations')}
          description={t('register.form.locationsDescription')}
        >
          <LocationsEditor
            value={form.locations}
            onChange={(locations) => set('locations', locations)}
            errors={locationErrors}
          />
          {message('locations') ? (
            <Text size="sm" c="red.9">
              {message('locations')}
            </Text>
          ) : null}
        </Section>

        <Section id="section-review" title={t('register.form.sections.review')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NumberInput
              label={t('register.fields.reviewIntervalMonths')}
              description={t('register.form.reviewIntervalHint', {
                months: settings.data?.defaultReviewIntervalMonths ?? 12,
              })}
              min={1}
              max={60}
              allowDecimal={false}
              allowNegative={false}
              suffix={t('register.form.monthsSuffix')}
              value={form.reviewIntervalMonths}
              onChange={(value) => set('reviewIntervalMonths', typeof value === 'number' ? value : '')}
              error={message('reviewIntervalMonths')}
            />
            <TextInput
              type="date"
              label={t('register.fields.lastReviewedOn')}
              value={form.lastReviewedOn}
              onChange={(e) => set('lastReviewedOn', e.currentTarget.value)}
              error={message('lastReviewedOn')}
            />
          </SimpleGrid>
        </Section>

        {apiError && !errorField && Object.keys(server).length === 0 ? <ErrorAlert error={apiError} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={pending}>
            {technology ? t('register.form.saveChanges') : t('register.form.register')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
