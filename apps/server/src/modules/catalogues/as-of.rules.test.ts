import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  filterValidOn,
  isCalendarDate,
  isGroupA,
  isWithinPeriod,
  membershipsValidOn,
  pickVersionInForce,
  technologiesInForceOn,
} from './as-of.rules';
import { parseCountryGroupFile, parseDesignatedTechnologiesFile } from './catalogue-files.rules';

const catalogueFile = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../../catalogues/${path}`, import.meta.url)), 'utf8');

const technologies = (() => {
  const parsed = parseDesignatedTechnologiesFile(catalogueFile('designated-technologies/2024-12-30.yaml'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.entries;
})();

const groupA = (() => {
  const parsed = parseCountryGroupFile(catalogueFile('countries/group-a.yaml'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.entries;
})();

describe('isCalendarDate', () => {
  it.each([
    ['2024-12-30', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2025-13-01', false],
    ['2025-04-31', false],
    ['2025-1-01', false],
    ['20250101', false],
    ['2025-01-01T00:00:00Z', false],
    ['', false],
  ])('%s → %s', (value, expected) => {
    expect(isCalendarDate(value)).toBe(expected);
  });
});

describe('isWithinPeriod (both ends inclusive)', () => {
  it.each([
    ['2019-08-01', { from: '2019-08-02', to: '2019-08-27' }, false],
    ['2019-08-02', { from: '2019-08-02', to: '2019-08-27' }, true],
    ['2019-08-27', { from: '2019-08-02', to: '2019-08-27' }, true],
    ['2019-08-28', { from: '2019-08-02', to: '2019-08-27' }, false],
    ['2099-12-31', { from: '2023-07-21', to: null }, true],
    ['2023-07-20', { from: '2023-07-21', to: null }, false],
    ['2024-01-01', { from: '2024-01-01', to: '2024-01-01' }, true],
  ])('%s in %o → %s', (date, period, expected) => {
    expect(isWithinPeriod(date, period)).toBe(expected);
  });

  it.each([
    ['2025-1-1', { from: '2024-01-01', to: null }],
    ['2025-01-01', { from: '2024/01/01', to: null }],
    ['2025-01-01', { from: '2024-01-01', to: '2024-02-30' }],
  ])('throws a RangeError for malformed dates (%s, %o)', (date, period) => {
    expect(() => isWithinPeriod(date, period)).toThrow(RangeError);
  });
});

describe('pickVersionInForce', () => {
  const versions = [
    { label: 'second', effectiveFrom: '2025-10-09' },
    { label: 'first', effectiveFrom: '2023-12-11' },
    { label: 'third', effectiveFrom: '2026-10-01' },
  ];

  it.each([
    ['2023-12-10', undefined],
    ['2023-12-11', 'first'],
    ['2025-10-08', 'first'],
    ['2025-10-09', 'second'],
    ['2026-09-30', 'second'],
    ['2026-10-01', 'third'],
    ['2030-01-01', 'third'],
  ])('on %s → %s', (date, expected) => {
    expect(pickVersionInForce(versions, date)?.label).toBe(expected);
  });

  it('returns undefined for an empty list', () => {
    expect(pickVersionInForce([], '2025-01-01')).toBeUndefined();
  });

  it('lets the later of two versions with the same date win', () => {
    const tied = [
      { label: 'a', effectiveFrom: '2025-01-01' },
      { label: 'b', effectiveFrom: '2025-01-01' },
    ];
    expect(pickVersionInForce(tied, '2025-06-01')?.label).toBe('b');
  });

  it('throws a RangeError for a malformed date', () => {
    expect(() => pickVersionInForce(versions, '2025-13-01')).toThrow(RangeError);
  });
});

describe('filterValidOn', () => {
  it('keeps the entries valid on the date in their order', () => {
    const entries = [
      { id: 1, from: '2020-01-01', to: null },
      { id: 2, from: '2021-01-01', to: '2021-12-31' },
      { id: 3, from: '2019-01-01', to: '2020-12-31' },
    ];
    expect(filterValidOn(entries, '2020-06-01', (e) => e).map((e) => e.id)).toEqual([1, 3]);
    expect(filterValidOn(entries, '2021-12-31', (e) => e).map((e) => e.id)).toEqual([1, 2]);
  });
});

describe('technologiesInForceOn (bundled catalogue)', () => {
  it.each([
    ['2024-12-29', 0],
    ['2024-12-30', 10],
    ['2025-01-01', 10],
    ['2025-06-08', 10],
    ['2025-06-09', 15],
    ['2026-11-26', 15],
  ])('on %s → %i technologies', (date, count) => {
    expect(technologiesInForceOn(technologies, date)).toHaveLength(count);
  });

  it('adds exactly the five 2025 technologies on 2025-06-09', () => {
    const before = new Set(technologiesInForceOn(technologies, '2025-06-08').map((t) => t.code));
    const added = technologiesInForceOn(technologies, '2025-06-09')
      .map((t) => t.code)
      .filter((code) => !before.has(code));
    expect(added).toEqual([
      'MAGNETIC_SENSOR',
      'TITANIUM_SPONGE',
      'ELECTRODE_BINDER',
      'SOLID_ELECTROLYTE',
      'SEPARATOR_MFG_EQUIPMENT',
    ]);
  });

  it('respects an end date', () => {
    const ended = [{ inForceFrom: '2024-12-30', inForceTo: '2025-03-31' }];
    expect(technologiesInForceOn(ended, '2025-03-31')).toHaveLength(1);
    expect(technologiesInForceOn(ended, '2025-04-01')).toHaveLength(0);
  });
});

describe('isGroupA (bundled Group A memberships)', () => {
  it.each([
    ['KR', '2019-08-01', false], // before the recorded memberships start
    ['KR', '2019-08-02', true],
    ['KR', '2019-08-27', true],
    ['KR', '2019-08-28', false],
    ['KR', '2020-01-01', false],
    ['KR', '2023-07-20', false],
    ['KR', '2023-07-21', true],
    ['KR', '2024-01-01', true],
    ['kr', '2024-01-01', true],
    ['US', '2020-01-01', true],
    ['GB', '2024-01-01', true],
    ['BG', '2025-10-09', true],
    ['CN', '2024-01-01', false],
    ['TW', '2024-01-01', false],
    ['JP', '2024-01-01', false],
  ])('%s on %s → %s', (alpha2, date, expected) => {
    expect(isGroupA(groupA, alpha2, date)).toBe(expected);
  });

  it('counts 26 members while Korea was out and 27 otherwise', () => {
    const count = (date: string) => new Set(membershipsValidOn(groupA, date).map((m) => m.alpha2)).size;
    expect(count('2019-08-27')).toBe(27);
    expect(count('2020-01-01')).toBe(26);
    expect(count('2024-01-01')).toBe(27);
  });

  it('ignores memberships of other groups', () => {
    const other = [{ alpha2: 'KR', groupCode: 'B', effectiveFrom: '2019-08-28', effectiveTo: '2023-07-20' }];
    expect(isGroupA(other, 'KR', '2020-01-01')).toBe(false);
  });
});
