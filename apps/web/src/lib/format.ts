import type { Locale } from '@kakine/contracts';

/** How a date is written in Japanese: Western years (2025年) or Japanese era years (令和7年). */
export type CalendarStyle = 'gregorian' | 'japanese';

/** A calendar date, and for instants the wall-clock time in Japan. */
export type DateParts = {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
  second?: number;
};

/** Dates and times are shown in Japan Standard Time, which has no daylight saving (UTC+9 all year). */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Japanese eras from the adoption of the Gregorian calendar (1 January 1873, Meiji 6), newest first. */
const ERAS = [
  { name: '令和', nameEn: 'Reiwa', start: [2019, 5, 1] },
  { name: '平成', nameEn: 'Heisei', start: [1989, 1, 8] },
  { name: '昭和', nameEn: 'Showa', start: [1926, 12, 25] },
  { name: '大正', nameEn: 'Taisho', start: [1912, 7, 30] },
  { name: '明治', nameEn: 'Meiji', start: [1868, 1, 25] },
] as const;
const GREGORIAN_ADOPTED = 18730101;

const pad2 = (n: number) => String(n).padStart(2, '0');
const dateKey = (p: Pick<DateParts, 'year' | 'month' | 'day'>) => p.year * 10000 + p.month * 100 + p.day;

/**
 * Splits a value into Japanese calendar parts: a `YYYY-MM-DD` string is a calendar date and never shifts,
 * anything else is an instant shown as the date and time in Japan. Returns null for unparseable input.
 */
export const toDateParts = (value: string | Date | null | undefined): DateParts | null => {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) {
      const year = Number(m[1]);
      const month = Number(m[2]);
      const day = Number(m[3]);
      const check = new Date(Date.UTC(year, month - 1, day));
      if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day)
        return null;
      return { year, month, day };
    }
  }
  const date = value instanceof Date ? value : new Date(value);
  const time = date.getTime();
  if (Number.isNaN(time)) return null;
  const jst = new Date(time + JST_OFFSET_MS);
  return {
    year: jst.getUTCFullYear(),
    month: jst.getUTCMonth() + 1,
    day: jst.getUTCDate(),
    hour: jst.getUTCHours(),
    minute: jst.getUTCMinutes(),
    second: jst.getUTCSeconds(),
  };
};

/** The Japanese era and era year of a date, or null before the Gregorian calendar was adopted in Japan (1873). */
export const toJapaneseEra = (
  parts: Pick<DateParts, 'year' | 'month' | 'day'>,
): { era: string; eraEn: string; year: number } | null => {
  const key = dateKey(parts);
  if (key < GREGORIAN_ADOPTED) return null;
  for (const era of ERAS) {
    const [y, m, d] = era.start;
    if (key >= y * 10000 + m * 100 + d) return { era: era.name, eraEn: era.nameEn, year: parts.year - y + 1 };
  }
  return null;
};

/** Writes a date in the Japanese era style, e.g. 令和7年6月9日 (the first year of an era as 元年). */
export const formatWareki = (value: string | Date | null | undefined, options: { gannen?: boolean } = {}): string => {
  const parts = toDateParts(value);
  if (!parts) return '';
  const era = toJapaneseEra(parts);
  if (!era) return `${parts.year}年${parts.month}月${parts.day}日`;
  const year = era.year === 1 && options.gannen !== false ? '元' : String(era.year);
  return `${era.era}${year}年${parts.month}月${parts.day}日`;
};

/** Writes a date for people: 2025年6月9日 (or 令和7年6月9日) in Japanese, 9 Jun 2025 in English. */
export const formatDate = (
  value: string | Date | null | undefined,
  locale: Locale,
  calendar: CalendarStyle = 'gregorian',
): string => {
  const parts = toDateParts(value);
  if (!parts) return '';
  if (locale === 'en') return `${parts.day} ${MONTHS_EN[parts.month - 1]} ${parts.year}`;
  if (calendar === 'japanese') return formatWareki(value);
  return `${parts.year}年${parts.month}月${parts.day}日`;
};

/** Writes an instant as date and Japan time: 2025年6月9日 14:05 / 9 Jun 2025, 14:05 (optionally with seconds). */
export const formatDateTime = (
  value: string | Date | null | undefined,
  locale: Locale,
  options: { calendar?: CalendarStyle; seconds?: boolean } = {},
): string => {
  const parts = toDateParts(value);
  if (!parts) return '';
  const date = formatDate(value, locale, options.calendar);
  if (parts.hour === undefined) return date;
  const time = `${pad2(parts.hour)}:${pad2(parts.minute ?? 0)}${options.seconds ? `:${pad2(parts.second ?? 0)}` : ''}`;
  return locale === 'en' ? `${date}, ${time}` : `${date} ${time}`;
};

/** Writes a date as ISO 8601 `YYYY-MM-DD` (instants as their date in Japan). */
export const formatIsoDate = (value: string | Date | null | undefined): string => {
  const parts = toDateParts(value);
  if (!parts) return '';
  return `${String(parts.year).padStart(4, '0')}-${pad2(parts.month)}-${pad2(parts.day)}`;
};

/** Today's date in Japan as `YYYY-MM-DD`, the default for as-of pickers. */
export const todayIsoDate = (now: Date = new Date()): string => formatIsoDate(now);

/** Whether a string is a valid calendar date `YYYY-MM-DD`. */
export const isIsoDate = (value: string): boolean => DATE_ONLY.test(value) && toDateParts(value) !== null;

/** Formats a whole number with the locale's digit grouping, e.g. 12,345. */
export const formatNumber = (value: number, locale: Locale): string =>
  new Intl.NumberFormat(locale === 'ja' ? 'ja-JP' : 'en-GB').format(value);
