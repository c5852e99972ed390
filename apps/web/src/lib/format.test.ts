import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatIsoDate,
  formatNumber,
  formatWareki,
  isIsoDate,
  toDateParts,
  todayIsoDate,
  toJapaneseEra,
} from './format';

describe('formatDate', () => {
  it.each([
    ['2025-06-09', 'ja', 'gregorian', '2025年6月9日'],
    ['2025-06-09', 'ja', 'japanese', '令和7年6月9日'],
    ['2025-06-09', 'en', 'gregorian', '9 Jun 2025'],
    ['2025-06-09', 'en', 'japanese', '9 Jun 2025'],
    ['2025-12-31', 'ja', 'gregorian', '2025年12月31日'],
  ] as const)('%s in %s (%s) → %s', (value, locale, calendar, expected) => {
    expect(formatDate(value, locale, calendar)).toBe(expected);
  });

  it('never shifts a calendar date, whatever the time zone', () => {
    expect(formatDate('2025-01-01', 'ja')).toBe('2025年1月1日');
  });

  it('shows an instant as its date in Japan', () => {
    // 2025-06-08T15:30Z is 2025-06-09 00:30 in Tokyo.
    expect(formatDate('2025-06-08T15:30:00Z', 'ja')).toBe('2025年6月9日');
    expect(formatDate(new Date('2025-06-08T14:59:59Z'), 'ja')).toBe('2025年6月8日');
  });

  it('returns an empty string for missing or invalid values', () => {
    expect(formatDate(null, 'ja')).toBe('');
    expect(formatDate(undefined, 'en')).toBe('');
    expect(formatDate('', 'ja')).toBe('');
    expect(formatDate('not a date', 'ja')).toBe('');
    expect(formatDate('2025-02-30', 'ja')).toBe('');
  });
});

describe('Japanese era (和暦)', () => {
  it.each([
    ['2019-04-30', '平成31年4月30日'],
    ['2019-05-01', '令和元年5月1日'],
    ['2020-01-01', '令和2年1月1日'],
    ['1989-01-07', '昭和64年1月7日'],
    ['1989-01-08', '平成元年1月8日'],
    ['1926-12-25', '昭和元年12月25日'],
    ['1926-12-24', '大正15年12月24日'],
    ['1912-07-30', '大正元年7月30日'],
    ['1912-07-29', '明治45年7月29日'],
    ['1873-01-01', '明治6年1月1日'],
  ])('%s → %s', (value, expected) => {
    expect(formatWareki(value)).toBe(expected);
  });

  it('can write the first year as 1 instead of 元', () => {
    expect(formatWareki('2019-05-01', { gannen: false })).toBe('令和1年5月1日');
  });

  it('falls back to Western years before the Gregorian calendar was adopted (1873)', () => {
    expect(toJapaneseEra({ year: 1872, month: 12, day: 31 })).toBeNull();
    expect(formatWareki('1872-12-31')).toBe('1872年12月31日');
  });

  it('gives the era names in both scripts', () => {
    expect(toJapaneseEra({ year: 2025, month: 6, day: 9 })).toEqual({ era: '令和', eraEn: 'Reiwa', year: 7 });
  });
});

describe('formatDateTime', () => {
  it('writes the time in Japan Standard Time', () => {
    expect(formatDateTime('2025-06-09T05:05:09Z', 'ja')).toBe('2025年6月9日 14:05');
    expect(formatDateTime('2025-06-09T05:05:09Z', 'ja', { seconds: true })).toBe('2025年6月9日 14:05:09');
    expect(formatDateTime('2025-06-09T05:05:09Z', 'en')).toBe('9 Jun 2025, 14:05');
    expect(formatDateTime('2025-06-09T05:05:09Z', 'ja', { calendar: 'japanese' })).toBe('令和7年6月9日 14:05');
  });

  it('writes a plain date without a time', () => {
    expect(formatDateTime('2025-06-09', 'ja')).toBe('2025年6月9日');
  });
});

describe('ISO helpers', () => {
  it('formats dates and instants as YYYY-MM-DD in Japan', () => {
    expect(formatIsoDate('2025-06-09')).toBe('2025-06-09');
    expect(formatIsoDate('2025-06-08T15:00:00Z')).toBe('2025-06-09');
    expect(formatIsoDate('garbage')).toBe('');
  });

  it("gives today's date in Japan, not in the machine's zone", () => {
    expect(todayIsoDate(new Date('2025-12-31T15:00:00Z'))).toBe('2026-01-01');
    expect(todayIsoDate(new Date('2025-12-31T14:59:59Z'))).toBe('2025-12-31');
  });

  it('validates calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-6-9')).toBe(false);
  });

  it('splits instants into Japan wall-clock parts', () => {
    expect(toDateParts('2025-06-09T23:30:00+09:00')).toEqual({
      year: 2025,
      month: 6,
      day: 9,
      hour: 23,
      minute: 30,
      second: 0,
    });
  });
});

describe('formatNumber', () => {
  it('groups digits', () => {
    expect(formatNumber(12345, 'ja')).toBe('12,345');
    expect(formatNumber(12345, 'en')).toBe('12,345');
  });
});
