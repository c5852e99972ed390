import { KNOW_HOW_WARNING_LABELS } from '@kakine/contracts';
import { Alert, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../../lib/i18n';
import { useFormat } from '../../../lib/use-format';
import { PersonBadges } from '../../people/components/person-badges';
import type { KnowHowMap } from '../api-know-how';
import { RiskBadge } from './know-how-depth';

type Warning = KnowHowMap['analysis']['warnings'][number];

/** The warnings that mean "act now" (red) rather than "keep an eye on it" (yellow). */
const URGENT: ReadonlySet<Warning['kind']> = new Set([
  'single_person_all_steps',
  'step_without_holder',
  'holder_leaving',
  'holder_left',
]);

/**
 * The text of one analysis warning in the UI language, naming the person (with their last working day when they
 * are leaving or have left) and the step it is about.
 */
export const useWarningText = (map: Pick<KnowHowMap, 'people' | 'steps'>) => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const locale = localeOf(i18n);
  const people = new Map(map.people.map((p) => [p.id, p]));
  const steps = new Map(map.steps.map((s) => [s.id, s]));
  return (warning: Warning): string => {
    const text = KNOW_HOW_WARNING_LABELS[warning.kind][locale];
    const person = warning.personId ? people.get(warning.personId) : undefined;
    const step = warning.stepId ? steps.get(warning.stepId) : undefined;
    let name = person?.name ?? '';
    // The last working day goes with warnings about the person; a step's warning names them plainly.
    if (person && !step && person.status !== 'active' && person.lastWorkingDay) {
      name = `${name}（${t('knowHow.panel.lastWorkingDay', { date: format.date(person.lastWorkingDay) })}）`;
    }
    if (person && step) return t('knowHow.panel.warningPersonStep', { warning: text, step: step.name, person: name });
    if (person) return t('knowHow.panel.warningPerson', { warning: text, person: name });
    if (step) return t('knowHow.panel.warningStep', { warning: text, step: step.name });
    return text;
  };
};

/**
 * The analysis above the matrix: the risk level, the bus factor explained in one plain sentence, the people whose
 * departure breaks a step, and every warning naming the person or step concerned.
 */
export function KnowHowAnalysisView({ map }: { map: KnowHowMap }) {
  const { t } = useTranslation();
  const warningText = useWarningText(map);
  const { analysis } = map;
  const people = new Map(map.people.map((p) => [p.id, p]));
  const critical = analysis.criticalPeople.map((id) => people.get(id)).filter((p) => p !== undefined);
  const urgent = analysis.warnings.filter((w) => URGENT.has(w.kind));
  const watch = analysis.warnings.filter((w) => !URGENT.has(w.kind));

  return (
    <Paper p="md" component="section" aria-labelledby="know-how-analysis">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} fz="h5" id="know-how-analysis">
            {t('knowHow.panel.analysisHeading')}
          </Title>
          <RiskBadge level={analysis.level} size="lg" />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              {t('knowHow.panel.busFactor')}
            </Text>
            <Text fw={700} fz="xl" data-testid="bus-factor">
              {analysis.busFactor === null
                ? t('knowHow.panel.busFactorNone')
                : t('knowHow.panel.busFactorValue', { count: analysis.busFactor })}
            </Text>
            <Text size="xs" c="dimmed">
              {t('knowHow.panel.busFactorExplained')}
            </Text>
          </Stack>
          {critical.length > 0 ? (
            <Stack gap={4}>
              <Text size="sm" c="dimmed">
                {t('knowHow.panel.criticalPeople')}
              </Text>
              {critical.map((person) => (
                <Group key={person.id} gap={6} wrap="wrap">
                  <Text size="sm" fw={600}>
                    {person.name}
                  </Text>
                  <PersonBadges person={person} size="xs" />
                </Group>
              ))}
            </Stack>
          ) : null}
        </SimpleGrid>
        {analysis.warnings.length === 0 ? (
          <Text size="sm" c="dimmed">
            {map.steps.length === 0 ? t('knowHow.panel.noMap') : t('knowHow.panel.noWarnings')}
          </Text>
        ) : (
          <Stack gap="xs" aria-label={t('knowHow.panel.warningsHeading')} component="section">
            {urgent.length > 0 ? (
              <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden="true" />} p="sm">
                <List size="sm" spacing={4}>
                  {urgent.map((w) => (
                    <List.Item key={`${w.kind}-${w.personId}-${w.stepId}`}>{warningText(w)}</List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
            {watch.length > 0 ? (
              <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden="true" />} p="sm">
                <List size="sm" spacing={4}>
                  {watch.map((w) => (
                    <List.Item key={`${w.kind}-${w.personId}-${w.stepId}`}>{warningText(w)}</List.Item>
                  ))}
                </List>
              </Alert>
            ) : null}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
