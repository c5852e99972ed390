import { ActionIcon, Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../components/error-alert';
import { isApiError } from '../../../lib/api-client';
import { PersonPicker } from '../../people/components/person-picker';
import { type KnowHowMap, useSaveKnowHowMap } from '../api-know-how';
import {
  addPerson,
  addStep,
  cycleDepth,
  isDirty,
  MAX_STEPS,
  type MatrixState,
  matrixFromView,
  matrixProblems,
  moveStep,
  removePerson,
  removeStep,
  renameStep,
  setDepth,
  stepNameTaken,
  toKnowHowInput,
} from '../know-how-matrix';
import { KnowHowGrid } from './know-how-grid';

/**
 * The know-how map editor: add, rename, reorder and remove steps, add people from the directory, set each cell's
 * depth, and save the whole map with the technology's version. A 409 (someone saved first) is explained, with a way
 * to load their version.
 */
export function KnowHowEditor({
  technologyId,
  map,
  onDone,
  onReload,
}: {
  technologyId: string;
  map: KnowHowMap;
  onDone: () => void;
  onReload: () => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const saved = useMemo(() => matrixFromView(map), [map]);
  const [state, setState] = useState<MatrixState>(saved);
  const [newStep, setNewStep] = useState('');
  const [newStepError, setNewStepError] = useState<string | undefined>();
  const [showProblems, setShowProblems] = useState(false);
  const [reloading, setReloading] = useState(false);
  const save = useSaveKnowHowMap(technologyId);
  const dirty = isDirty(state, saved);
  const problems = matrixProblems(state);
  const conflict = isApiError(save.error, 'register/version_conflict');

  const submitStep = (event: FormEvent) => {
    event.preventDefault();
    const name = newStep.trim();
    if (!name) return setNewStepError(t('knowHow.panel.stepRequired'));
    if (stepNameTaken(state, name)) return setNewStepError(t('knowHow.panel.stepDuplicate'));
    if (state.steps.length >= MAX_STEPS) return setNewStepError(t('knowHow.panel.tooMany', { max: MAX_STEPS }));
    setState((s) => addStep(s, name));
    setNewStep('');
    setNewStepError(undefined);
  };

  const submit = () => {
    setShowProblems(true);
    if (problems.blank.length > 0 || problems.duplicate.length > 0 || problems.tooMany) return;
    save.mutate(toKnowHowInput(state, map.version), {
      onSuccess: () => {
        notifications.show({ color: 'hedge', message: t('knowHow.panel.saved') });
        onDone();
      },
    });
  };

  const reload = async () => {
    setReloading(true);
    try {
      await onReload();
      save.reset();
    } finally {
      setReloading(false);
    }
  };

  const stepError = (key: string) => {
    if (!showProblems) return undefined;
    if (problems.blank.includes(key)) return t('knowHow.panel.stepRequired');
    if (problems.duplicate.includes(key)) return t('knowHow.panel.stepDuplicate');
    return undefined;
  };

  return (
    <Stack gap="md">
      <Paper p="md" component="section" aria-labelledby="know-how-steps">
        <Stack gap="sm">
          <Title order={3} fz="h5" id="know-how-steps">
            {t('knowHow.panel.stepsHeading')}
          </Title>
          {state.steps.length > 0 ? (
            <Stack gap="xs" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {state.steps.map((step, index) => (
                <Group key={step.key} gap="xs" wrap="nowrap" align="flex-start" component="li">
                  <Text size="sm" c="dimmed" w={28} pt={8} ta="right" aria-hidden="true">
                    {index + 1}.
                  </Text>
                  <TextInput
                    flex={1}
                    aria-label={t('knowHow.panel.stepNameLabel', { position: index + 1 })}
                    value={step.name}
                    maxLength={100}
                    onChange={(e) => {
                      const name = e.currentTarget.value;
                      setState((s) => renameStep(s, step.key, name));
                    }}
                    error={stepError(step.key)}
                  />
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={t('knowHow.panel.moveUp', { step: step.name || index + 1 })}
                    disabled={index === 0}
                    onClick={() => setState((s) => moveStep(s, step.key, -1))}
                  >
                    <IconArrowUp size={16} aria-hidden="true" />
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    aria-label={t('knowHow.panel.moveDown', { step: step.name || index + 1 })}
                    disabled={index === state.steps.length - 1}
                    onClick={() => setState((s) => moveStep(s, step.key, 1))}
                  >
                    <IconArrowDown size={16} aria-hidden="true" />
                  </ActionIcon>
                  <ActionIcon
                    variant="default"
                    size="lg"
                    color="red"
                    aria-label={t('knowHow.panel.removeStep', { step: step.name || index + 1 })}
                    onClick={() => setState((s) => removeStep(s, step.key))}
                  >
                    <IconTrash size={16} aria-hidden="true" />
                  </ActionIcon>
                </Group>
              ))}
            </Stack>
          ) : null}
          <form onSubmit={submitStep} noValidate>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <TextInput
                label={t('knowHow.panel.newStep')}
                placeholder={t('knowHow.panel.newStepPlaceholder')}
                value={newStep}
                maxLength={100}
                onChange={(e) => {
                  setNewStep(e.currentTarget.value);
                  setNewStepError(undefined);
                }}
                error={newStepError}
                w={{ base: '100%', sm: 280 }}
              />
              <Button type="submit" variant="default" leftSection={<IconPlus size={16} aria-hidden="true" />}>
                {t('knowHow.panel.addStep')}
              </Button>
            </Group>
          </form>
          {showProblems && problems.tooMany ? (
            <Text size="sm" c="red.8">
              {t('knowHow.panel.tooMany', { max: MAX_STEPS })}
            </Text>
          ) : null}
        </Stack>
      </Paper>

      <Stack gap="xs">
        <PersonPicker
          label={t('knowHow.panel.addPerson')}
          placeholder={t('knowHow.panel.addPersonPlaceholder')}
          value={null}
          clearOnPick
          exclude={state.people.map((p) => p.id)}
          onChange={(person) => {
            if (!person) return;
            setState((s) =>
              addPerson(s, {
                id: person.id,
                employeeId: person.employeeId,
                name: person.name,
                department: person.department,
                employmentType: person.employmentType,
                status: person.status,
                lastWorkingDay: person.lastWorkingDay,
              }),
            );
          }}
        />
        {state.people.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('knowHow.panel.noPeople')}
          </Text>
        ) : null}
      </Stack>

      {state.people.length > 0 && state.steps.length > 0 ? (
        <Stack gap={4}>
          <Text size="xs" c="dimmed" id="know-how-cell-hint">
            {t('knowHow.panel.cellHint')}
          </Text>
          <KnowHowGrid
            state={state}
            editable
            onCycle={(stepKey, personId) => setState((s) => cycleDepth(s, stepKey, personId))}
            onSetDepth={(stepKey, personId, depth) => setState((s) => setDepth(s, stepKey, personId, depth))}
            onRemovePerson={(personId) => setState((s) => removePerson(s, personId))}
          />
        </Stack>
      ) : null}

      {conflict ? (
        <Alert
          color="orange"
          variant="light"
          role="alert"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title={t('knowHow.panel.conflictTitle')}
        >
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('knowHow.panel.conflictBody')}</Text>
            <Button size="xs" variant="default" loading={reloading} onClick={() => void reload()}>
              {t('knowHow.panel.reload')}
            </Button>
          </Stack>
        </Alert>
      ) : save.isError ? (
        <ErrorAlert error={save.error} />
      ) : null}

      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c={dirty ? 'orange.9' : 'dimmed'} aria-live="polite">
          {dirty ? t('knowHow.panel.unsaved') : ''}
        </Text>
        <Group gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('knowHow.panel.cancel')}
          </Button>
          <Button onClick={submit} loading={save.isPending} disabled={!dirty || conflict}>
            {t('knowHow.panel.save')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
