import {
  REQUIREMENT_STATUS_LABELS,
  REQUIREMENT_STATUSES,
  type RequirementStatus,
  TRADE_SECRET_REQUIREMENT_TEXT,
  TRADE_SECRET_REQUIREMENTS,
  type TradeSecretRequirement,
} from '@kakine/contracts';
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconBulb, IconShieldCheck } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateText } from '../../../components/date-text';
import { ErrorAlert } from '../../../components/error-alert';
import { fieldErrorMap } from '../../../lib/api-client';
import { isIsoDate, todayIsoDate } from '../../../lib/format';
import { localeOf } from '../../../lib/i18n';
import { type Technology, useAssessRequirement } from '../api';
import { notifyDone } from '../notify';
import { EvidenceFileLinks, EvidenceFilesField } from './evidence-files';

/** Mantine colours of requirement statuses. */
export const REQUIREMENT_STATUS_COLORS: Record<RequirementStatus, string> = {
  met: 'hedge',
  partially_met: 'yellow',
  not_met: 'red',
  unassessed: 'gray',
};

type Assessment = Technology['tradeSecret']['requirements'][number];

/** The assessment of one requirement, or an unassessed one when the technology has none yet. */
export const assessmentOf = (technology: Technology, requirement: TradeSecretRequirement): Assessment =>
  technology.tradeSecret.requirements.find((r) => r.requirement === requirement) ?? {
    requirement,
    status: 'unassessed',
    note: null,
    evidenceFileIds: [],
    reviewedOn: null,
    reviewedByName: null,
  };

/** The names of the failing requirements, joined the Japanese way (秘密管理性・非公知性). */
export const failingNames = (failing: readonly TradeSecretRequirement[], locale: 'ja' | 'en'): string =>
  failing.map((r) => TRADE_SECRET_REQUIREMENT_TEXT[r].name[locale]).join(locale === 'en' ? ', ' : '・');

/**
 * The 営業秘密 tab: a clear verdict (qualifies, or which requirements fall short), then each of the three
 * requirements of the Unfair Competition Prevention Act with its plain-Japanese explanation, the kind of evidence
 * that shows it, and its status, note, evidence files and review date — editable by those who may review.
 */
export function TradeSecretPanel({ technology }: { technology: Technology }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const { qualifies, failing } = technology.tradeSecret;
  return (
    <Stack gap="md">
      {qualifies ? (
        <Alert
          color="hedge"
          variant="light"
          icon={<IconShieldCheck aria-hidden="true" />}
          title={t('register.tradeSecret.qualifies')}
          role="status"
        >
          {t('register.tradeSecret.qualifiesBody')}
        </Alert>
      ) : (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title={t('register.tradeSecret.fails', { failing: failingNames(failing, locale) })}
          role="status"
        >
          {t('register.tradeSecret.failsBody')}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('register.tradeSecret.intro')}
      </Text>
      {TRADE_SECRET_REQUIREMENTS.map((requirement) => (
        <RequirementCard key={requirement} technology={technology} requirement={requirement} />
      ))}
    </Stack>
  );
}

function RequirementCard({ technology, requirement }: { technology: Technology; requirement: TradeSecretRequirement }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const text = TRADE_SECRET_REQUIREMENT_TEXT[requirement];
  const assessment = assessmentOf(technology, requirement);
  const canReview = technology.abilities.review;
  const headingId = `requirement-${requirement}`;
  return (
    <Paper p="lg" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-start" mb="xs" wrap="wrap">
        <Title order={2} fz="h4" id={headingId}>
          {text.name[locale]}
        </Title>
        <Badge color={REQUIREMENT_STATUS_COLORS[assessment.status]} size="lg">
          {REQUIREMENT_STATUS_LABELS[assessment.status][locale]}
        </Badge>
      </Group>
      <Text size="sm" mb="xs">
        {text.explanation[locale]}
      </Text>
      <Group gap={6} mb="md" wrap="nowrap" align="flex-start">
        <IconBulb size={16} aria-hidden="true" style={{ flexShrink: 0, marginTop: 2 }} />
        <Text size="sm" c="dimmed">
          {t('register.tradeSecret.evidenceHint', { hint: text.evidenceHint[locale] })}
        </Text>
      </Group>
      {canReview ? (
        <RequirementForm technology={technology} requirement={requirement} assessment={assessment} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <Stack gap={2}>
            <Text size="xs" fw={600}>
              {t('register.tradeSecret.note')}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {assessment.note ?? '—'}
            </Text>
          </Stack>
          <Stack gap={2}>
            <Text size="xs" fw={600}>
              {t('register.tradeSecret.evidence')}
            </Text>
            <EvidenceFileLinks technologyId={technology.id} fileIds={assessment.evidenceFileIds} />
          </Stack>
          <Stack gap={2}>
            <Text size="xs" fw={600}>
              {t('register.tradeSecret.reviewedOn')}
            </Text>
            <Text size="sm">
              <DateText value={assessment.reviewedOn} />
              {assessment.reviewedByName ? `（${assessment.reviewedByName}）` : null}
            </Text>
          </Stack>
        </SimpleGrid>
      )}
    </Paper>
  );
}

function RequirementForm({
  technology,
  requirement,
  assessment,
}: {
  technology: Technology;
  requirement: TradeSecretRequirement;
  assessment: Assessment;
}) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  const assess = useAssessRequirement(technology.id);
  const [status, setStatus] = useState<RequirementStatus>(assessment.status);
  const [note, setNote] = useState(assessment.note ?? '');
  const [evidence, setEvidence] = useState<string[]>(assessment.evidenceFileIds);
  const [reviewedOn, setReviewedOn] = useState(assessment.reviewedOn ?? '');
  const [dateError, setDateError] = useState<string | undefined>();
  const name = TRADE_SECRET_REQUIREMENT_TEXT[requirement].name[locale];
  const server = fieldErrorMap(assess.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reviewedOn && !isIsoDate(reviewedOn)) {
      setDateError(t('validation.date'));
      return;
    }
    setDateError(undefined);
    assess.mutate(
      {
        requirement,
        status,
        note: note.trim() || null,
        evidenceFileIds: evidence,
        reviewedOn: reviewedOn || null,
      },
      {
        onSuccess: () => notifyDone(t('register.tradeSecret.saved', { requirement: name })),
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-label={t('register.tradeSecret.formLabel', { requirement: name })}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Select
            label={t('register.tradeSecret.status')}
            data={REQUIREMENT_STATUSES.map((s) => ({ value: s, label: REQUIREMENT_STATUS_LABELS[s][locale] }))}
            value={status}
            onChange={(value) => value && setStatus(value as RequirementStatus)}
            allowDeselect={false}
            error={server.status}
          />
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <TextInput
              type="date"
              label={t('register.tradeSecret.reviewedOn')}
              description={
                assessment.reviewedByName
                  ? t('register.tradeSecret.reviewedBy', { name: assessment.reviewedByName })
                  : undefined
              }
              value={reviewedOn}
              onChange={(e) => setReviewedOn(e.currentTarget.value)}
              error={dateError ?? server.reviewedOn}
              style={{ flex: 1 }}
            />
            <Button variant="default" onClick={() => setReviewedOn(todayIsoDate())}>
              {t('register.tradeSecret.today')}
            </Button>
          </Group>
        </SimpleGrid>
        <Textarea
          label={t('register.tradeSecret.note')}
          description={t('register.tradeSecret.noteHint')}
          autosize
          minRows={2}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={server.note}
        />
        <EvidenceFilesField
          technologyId={technology.id}
          label={t('register.tradeSecret.evidence')}
          value={evidence}
          onChange={setEvidence}
        />
        {assess.isError && Object.keys(server).length === 0 ? <ErrorAlert error={assess.error} /> : null}
        <Group justify="flex-end">
          <Button type="submit" loading={assess.isPending}>
            {t('register.tradeSecret.save', { requirement: name })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
