import { CONCENTRATION_RISK_LABELS, type ConcentrationRiskLevel } from '@kakine/contracts';
import { Badge, Group, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconStar, IconWorld } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { localeOf } from '../../../lib/i18n';
import { RISK_COLORS } from '../vocabulary';

/** The facts the badges of a technology are drawn from (a list row or a full technology). */
export type BadgeFacts = {
  isCore: boolean | null;
  designatedCount: number;
  overseas: boolean | null;
  riskLevel: ConcentrationRiskLevel | null;
  tradeSecretQualifies: boolean | null;
  status: 'active' | 'archived';
};

/** A concentration-risk badge (集中リスク: 高 / 重大 …); nothing for "no map". */
export function RiskBadge({ level, withLabel = true }: { level: ConcentrationRiskLevel; withLabel?: boolean }) {
  const { t, i18n } = useTranslation();
  if (level === 'none') return null;
  const name = CONCENTRATION_RISK_LABELS[level][localeOf(i18n)];
  return (
    <Badge color={RISK_COLORS[level]} variant={level === 'critical' ? 'filled' : 'light'}>
      {withLabel ? t('register.badges.risk', { level: name }) : name}
    </Badge>
  );
}

/**
 * The badges that make a technology stand out in a list: core technology, designated technology, overseas site,
 * concentration risk, trade-secret gap and archived. Each has a text, never colour alone.
 */
export function TechnologyBadges({ facts }: { facts: BadgeFacts }) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="wrap">
      {facts.status === 'archived' ? <Badge color="gray">{t('register.badges.archived')}</Badge> : null}
      {facts.isCore ? (
        <Badge color="grape" variant="filled" leftSection={<IconStar size={12} aria-hidden="true" />}>
          {t('register.badges.core')}
        </Badge>
      ) : null}
      {facts.designatedCount > 0 ? (
        <Tooltip label={t('register.badges.designatedHint')}>
          <Badge color="blue" leftSection={<IconLock size={12} aria-hidden="true" />}>
            {t('register.badges.designated')}
          </Badge>
        </Tooltip>
      ) : null}
      {facts.overseas ? (
        <Badge color="orange" leftSection={<IconWorld size={12} aria-hidden="true" />}>
          {t('register.badges.overseas')}
        </Badge>
      ) : null}
      {facts.riskLevel === 'high' || facts.riskLevel === 'critical' ? <RiskBadge level={facts.riskLevel} /> : null}
      {facts.tradeSecretQualifies === false ? (
        <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} aria-hidden="true" />}>
          {t('register.badges.tradeSecretGap')}
        </Badge>
      ) : null}
    </Group>
  );
}
