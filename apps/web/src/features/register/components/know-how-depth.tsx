import { CONCENTRATION_RISK_LABELS, type ConcentrationRiskLevel, KNOW_HOW_DEPTH_LABELS } from '@kakine/contracts';
import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../../lib/i18n';
import type { CellDepth } from '../know-how-matrix';

/**
 * How each depth looks in the matrix: a symbol people in Japan read at a glance (△ ○ ◎) and a colour that darkens
 * with depth; text colours keep WCAG AA contrast on their backgrounds.
 */
export const DEPTH_STYLE: Record<CellDepth, { symbol: string; background: string; color: string }> = {
  0: { symbol: '', background: 'var(--mantine-color-white)', color: 'var(--mantine-color-gray-7)' },
  1: { symbol: '△', background: 'var(--mantine-color-yellow-1)', color: 'var(--mantine-color-dark-9)' },
  2: { symbol: '○', background: 'var(--mantine-color-hedge-2)', color: 'var(--mantine-color-dark-9)' },
  3: { symbol: '◎', background: 'var(--mantine-color-hedge-8)', color: 'var(--mantine-color-white)' },
};

/** The label of a depth in the UI language (「なし」 for 0). */
export const useDepthLabel = () => {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n);
  return (depth: CellDepth): string => (depth === 0 ? t('knowHow.depth.none') : KNOW_HOW_DEPTH_LABELS[depth][locale]);
};

/** The symbol of a depth inside a cell, with a swatch of its colour. */
export function DepthSwatch({ depth }: { depth: CellDepth }) {
  const { t } = useTranslation();
  const style = DEPTH_STYLE[depth];
  return (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-flex',
        alignItems: 'center',
        justifyContent: 'center',
        width: 28,
        height: 24,
        borderRadius: 4,
        border: '1px solid var(--mantine-color-gray-4)',
        background: style.background,
        color: style.color,
        fontWeight: 700,
      }}
    >
      {depth === 0 ? t('knowHow.depth.symbolNone') : style.symbol}
    </span>
  );
}

/** The legend of the matrix: each depth's symbol, colour and meaning. */
export function DepthLegend() {
  const { t } = useTranslation();
  const label = useDepthLabel();
  return (
    <Stack gap={4} component="section" aria-label={t('knowHow.depth.legend')}>
      <Group gap="lg" wrap="wrap" component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {([1, 2, 3] as const).map((depth) => (
          <Group key={depth} gap={6} wrap="nowrap" component="li">
            <DepthSwatch depth={depth} />
            <Text size="sm">{label(depth)}</Text>
          </Group>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {t('knowHow.depth.legendNote')}
      </Text>
    </Stack>
  );
}

const RISK_COLORS: Record<ConcentrationRiskLevel, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'hedge',
  none: 'gray',
};

/** A concentration risk level as a coloured badge (「集中リスク：重大」). */
export function RiskBadge({ level, size = 'md' }: { level: ConcentrationRiskLevel; size?: 'sm' | 'md' | 'lg' }) {
  const { t, i18n } = useTranslation();
  return (
    <Badge color={RISK_COLORS[level]} variant="light" size={size} tt="none">
      {t('knowHow.risk.level', { level: CONCENTRATION_RISK_LABELS[level][localeOf(i18n)] })}
    </Badge>
  );
}
