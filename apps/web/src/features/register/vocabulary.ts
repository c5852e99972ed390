import type { Bilingual, ClassificationLevel, ConcentrationRiskLevel, Locale } from '@kakine/contracts';

/** The text of a contract label in the UI language. */
export const inLocale = (label: Bilingual, locale: Locale): string => label[locale];

/** The name of a classification level in the UI language, or its code when the level is no longer configured. */
export const classificationName = (
  levels: readonly ClassificationLevel[] | undefined,
  code: string | null,
  locale: Locale,
): string | null => {
  if (!code) return null;
  const level = levels?.find((l) => l.code === code);
  if (!level) return code;
  return locale === 'en' ? level.nameEn : level.nameJa;
};

/** Mantine colours of the concentration risk levels: the darker, the more urgent. */
export const RISK_COLORS: Record<ConcentrationRiskLevel, string> = {
  none: 'gray',
  low: 'hedge',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

/** Mantine colours of a classification level by its rank among the company's levels (rank 1 is the most secret). */
export const classificationColor = (
  levels: readonly ClassificationLevel[] | undefined,
  code: string | null,
): string => {
  const level = levels?.find((l) => l.code === code);
  if (!level) return 'gray';
  if (!level.secret) return 'gray';
  const secretRanks = (levels ?? [])
    .filter((l) => l.secret)
    .map((l) => l.rank)
    .sort((a, b) => a - b);
  const position = secretRanks.indexOf(level.rank);
  return position === 0 ? 'red' : position === 1 ? 'orange' : 'yellow';
};

/** Whether a date `YYYY-MM-DD` falls within `days` days from today (inclusive), to show "review due soon". */
export const isDueWithin = (date: string | null, today: string, days: number): boolean => {
  if (!date || date < today) return false;
  const limit = new Date(`${today}T00:00:00Z`);
  limit.setUTCDate(limit.getUTCDate() + days);
  return date <= limit.toISOString().slice(0, 10);
};
