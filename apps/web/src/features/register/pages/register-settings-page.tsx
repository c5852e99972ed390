import {
  ActionIcon,
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconArrowDown, IconArrowLeft, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { QueryState } from '../../../components/query-state';
import { type Settings, useRegisterSettings, useSaveRegisterSettings } from '../api';
import { ButtonLink } from '../components/router-links';
import { notifyDone } from '../notify';
import {
  formToSettings,
  type LevelDraft,
  moveItem,
  type SettingsForm,
  type SettingsProblem,
  settingsToForm,
  validateSettingsForm,
} from '../settings-model';

let newLevelCount = 0;

/** `/register/settings`: classification levels, what employees see of technologies they cannot open, reminders. */
export function RegisterSettingsPage() {
  const { t } = useTranslation();
  const settings = useRegisterSettings();
  return (
    <>
      <ButtonLink
        to="/register"
        variant="subtle"
        size="xs"
        leftSection={<IconArrowLeft size={14} aria-hidden="true" />}
        mb="xs"
      >
        {t('register.detail.backToList')}
      </ButtonLink>
      <PageHeader title={t('register.settings.title')} description={t('register.settings.description')} />
      <QueryState query={settings}>{(data) => <SettingsEditor settings={data} />}</QueryState>
    </>
  );
}

function SettingsEditor({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const save = useSaveRegisterSettings();
  const editable = settings.abilities.edit;
  const [form, setForm] = useState<SettingsForm>(() => settingsToForm(settings));
  const [problems, setProblems] = useState<Record<string, SettingsProblem>>({});
  const [submitted, setSubmitted] = useState(false);

  const change = (next: SettingsForm) => {
    setForm(next);
    if (submitted) setProblems(validateSettingsForm(next));
  };
  const setLevel = (index: number, patch: Partial<LevelDraft>) =>
    change({ ...form, levels: form.levels.map((l, i) => (i === index ? { ...l, ...patch } : l)) });
  const message = (key: string) => {
    const problem = problems[key];
    return problem ? t(`register.settings.errors.${problem}`) : undefined;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const found = validateSettingsForm(form);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    save.mutate(formToSettings(form), {
      onSuccess: (saved) => {
        // Levels just added are now stored: their codes become fixed like the others'.
        setForm(settingsToForm(saved));
        setSubmitted(false);
        notifyDone(t('register.settings.saved'));
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {!editable ? (
          <Alert color="gray" title={t('register.settings.readOnlyTitle')}>
            {t('register.settings.readOnlyBody')}
          </Alert>
        ) : null}
        <Paper p="lg" component="section" aria-labelledby="settings-levels">
          <Title order={2} fz="h4" id="settings-levels" mb={4}>
            {t('register.settings.levelsTitle')}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t('register.settings.levelsDescription')}
          </Text>
          <Table.ScrollContainer minWidth={820}>
            <Table highlightOnHover={false}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={72}>
                    {t('register.settings.rank')}
                  </Table.Th>
                  <Table.Th scope="col">{t('register.settings.nameJa')}</Table.Th>
                  <Table.Th scope="col">{t('register.settings.nameEn')}</Table.Th>
                  <Table.Th scope="col">{t('register.settings.code')}</Table.Th>
                  <Table.Th scope="col">{t('register.settings.secret')}</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {form.levels.map((level, index) => {
                  const rowName = level.nameJa || t('register.settings.newLevel');
                  return (
                    <Table.Tr key={level.key}>
                      <Table.Td ff="monospace">{index + 1}</Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={t('register.settings.nameJaOf', { rank: index + 1 })}
                          value={level.nameJa}
                          onChange={(e) => setLevel(index, { nameJa: e.currentTarget.value })}
                          error={message(`levels.${index}.nameJa`)}
                          disabled={!editable}
                          required
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={t('register.settings.nameEnOf', { rank: index + 1 })}
                          lang="en"
                          value={level.nameEn}
                          onChange={(e) => setLevel(index, { nameEn: e.currentTarget.value })}
                          error={message(`levels.${index}.nameEn`)}
                          disabled={!editable}
                          required
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput
                          aria-label={t('register.settings.codeOf', { rank: index + 1 })}
                          value={level.code}
                          onChange={(e) => setLevel(index, { code: e.currentTarget.value })}
                          error={message(`levels.${index}.code`)}
                          disabled={!editable}
                          readOnly={level.saved}
                          title={level.saved ? t('register.settings.codeFixed') : undefined}
                          ff="monospace"
                          required
                        />
                      </Table.Td>
                      <Table.Td>
                        <Switch
                          aria-label={t('register.settings.secretOf', { rank: index + 1 })}
                          checked={level.secret}
                          onChange={(e) => setLevel(index, { secret: e.currentTarget.checked })}
                          disabled={!editable}
                          label={level.secret ? t('register.settings.secretYes') : t('register.settings.secretNo')}
                        />
                      </Table.Td>
                      <Table.Td>
                        {editable ? (
                          <Group gap={4} wrap="nowrap" justify="flex-end">
                            <ActionIcon
                              variant="subtle"
                              color="dark"
                              disabled={index === 0}
                              onClick={() => change({ ...form, levels: moveItem(form.levels, index, -1) })}
                              aria-label={t('register.settings.moveUp', { name: rowName })}
                            >
                              <IconArrowUp size={16} aria-hidden="true" />
                            </ActionIcon>
                            <ActionIcon
                              variant="subtle"
                              color="dark"
                              disabled={index === form.levels.length - 1}
                              onClick={() => change({ ...form, levels: moveItem(form.levels, index, 1) })}
                              aria-label={t('register.settings.moveDown', { name: rowName })}
                            >
                              <IconArrowDown size={16} aria-hidden="true" />
                            </ActionIcon>
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              disabled={form.levels.length <= 1}
                              onClick={() => change({ ...form, levels: form.levels.filter((_, i) => i !== index) })}
                              aria-label={t('register.settings.remove', { name: rowName })}
                            >
                              <IconTrash size={16} aria-hidden="true" />
                            </ActionIcon>
                          </Group>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {message('levels') ? (
            <Text size="sm" c="red.9" mt="xs" role="alert">
              {message('levels')}
            </Text>
          ) : null}
          {editable ? (
            <Button
              mt="sm"
              variant="default"
              size="sm"
              leftSection={<IconPlus size={16} aria-hidden="true" />}
              disabled={form.levels.length >= 10}
              onClick={() => {
                newLevelCount += 1;
                change({
                  ...form,
                  levels: [
                    ...form.levels,
                    { key: `new-${newLevelCount}`, code: '', nameJa: '', nameEn: '', secret: true, saved: false },
                  ],
                });
              }}
            >
              {t('register.settings.addLevel')}
            </Button>
          ) : null}
        </Paper>

        <Paper p="lg" component="section" aria-labelledby="settings-visibility">
          <Title order={2} fz="h4" id="settings-visibility" mb="md">
            {t('register.settings.visibilityTitle')}
          </Title>
          <Radio.Group
            label={t('register.settings.visibilityLabel')}
            value={form.inaccessibleVisibility}
            onChange={(value) => change({ ...form, inaccessibleVisibility: value === 'hidden' ? 'hidden' : 'names' })}
          >
            <Stack gap="xs" mt="xs">
              <Radio
                value="names"
                label={t('register.settings.visibilityNames')}
                description={t('register.settings.visibilityNamesHint')}
                disabled={!editable}
              />
              <Radio
                value="hidden"
                label={t('register.settings.visibilityHidden')}
                description={t('register.settings.visibilityHiddenHint')}
                disabled={!editable}
              />
            </Stack>
          </Radio.Group>
        </Paper>

        <Paper p="lg" component="section" aria-labelledby="settings-review">
          <Title order={2} fz="h4" id="settings-review" mb="md">
            {t('register.settings.reviewTitle')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <NumberInput
              label={t('register.settings.defaultReviewInterval')}
              description={t('register.settings.defaultReviewIntervalHint')}
              min={1}
              max={60}
              allowDecimal={false}
              allowNegative={false}
              suffix={t('register.form.monthsSuffix')}
              value={form.defaultReviewIntervalMonths}
              onChange={(value) =>
                change({ ...form, defaultReviewIntervalMonths: typeof value === 'number' ? value : '' })
              }
              error={message('defaultReviewIntervalMonths')}
              disabled={!editable}
              required
            />
            <NumberInput
              label={t('register.settings.reminderLeadDays')}
              description={t('register.settings.reminderLeadDaysHint')}
              min={0}
              max={90}
              allowDecimal={false}
              allowNegative={false}
              suffix={t('register.settings.daysSuffix')}
              value={form.reminderLeadDays}
              onChange={(value) => change({ ...form, reminderLeadDays: typeof value === 'number' ? value : '' })}
              error={message('reminderLeadDays')}
              disabled={!editable}
              required
            />
          </SimpleGrid>
        </Paper>

        {save.isError ? <ErrorAlert error={save.error} /> : null}
        {editable ? (
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('register.settings.save')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
