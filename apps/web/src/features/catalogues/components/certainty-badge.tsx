import { Badge, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Certainty, toCertainty } from '../status';

const COLORS: Record<Certainty, string> = { C: 'hedge', I: 'yellow', U: 'gray' };

/**
 * The [C]/[I]/[U] badge of a catalogue fact, with its meaning (and the source's note) in a tooltip that also opens
 * on keyboard focus; inferred facts are never shown as law.
 */
export function CertaintyBadge({ status, note }: { status: string | null | undefined; note?: string | null }) {
  const { t } = useTranslation();
  const certainty = toCertainty(status);
  const label = t(`catalogues.status.${certainty}`);
  const explanation = t(`catalogues.status.explain${certainty}`);
  return (
    <Tooltip
      multiline
      w={280}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
      label={
        <Stack gap={4}>
          <Text size="xs">{explanation}</Text>
          {note ? <Text size="xs">{note}</Text> : null}
        </Stack>
      }
    >
      <Badge
        component="button"
        type="button"
        color={COLORS[certainty]}
        variant="light"
        style={{ cursor: 'help', flexShrink: 0 }}
        styles={{ label: { overflow: 'visible' } }}
        aria-label={`[${certainty}] ${label}: ${explanation}${note ? ` ${note}` : ''}`}
      >
        [{certainty}] {label}
      </Badge>
    </Tooltip>
  );
}
