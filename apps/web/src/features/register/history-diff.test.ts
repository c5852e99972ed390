import { describe, expect, it } from 'vitest';
import { canonicalText, fieldKey, formatValue, listDelta, type ValueFormatter } from './history-diff';

const format: ValueFormatter = {
  empty: '（なし）',
  yes: 'はい',
  no: 'いいえ',
  date: (iso) => iso.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日'),
  label: (field) => ({ 'locations.kind': '種類', 'locations.name': '名称', 'holding.depth': '深さ' })[field] ?? field,
  code: (field, value) =>
    field === 'exportControlStatus' && value === 'applicable'
      ? '該当'
      : field.endsWith('kind') && value === 'site'
        ? '拠点'
        : null,
};

describe('history: list changes', () => {
  it('shows what was added and removed, whatever the order', () => {
    expect(listDelta(['MLCC', '粉末'], ['粉末', '電極', 'MLCC'])).toEqual({
      added: ['電極'],
      removed: [],
      kept: ['粉末', 'MLCC'],
    });
    expect(listDelta(['a', 'b'], ['b', 'a'])).toEqual({ added: [], removed: [], kept: ['b', 'a'] });
  });

  it('compares objects by value, not by key order (a location moved between fields is the same location)', () => {
    const before = [{ kind: 'site', name: '富山工場', countryCode: 'JP', detail: null }];
    const after = [
      { detail: null, countryCode: 'JP', name: '富山工場', kind: 'site' },
      { kind: 'site', name: '蘇州工場', countryCode: 'CN', detail: null },
    ];
    const delta = listDelta(before, after);
    expect(delta?.added).toEqual([after[1]]);
    expect(delta?.removed).toEqual([]);
  });

  it('treats a missing list as empty and refuses to compare a list with a plain value', () => {
    expect(listDelta(null, ['x'])).toEqual({ added: ['x'], removed: [], kept: [] });
    expect(listDelta('x', ['x'])).toBeNull();
  });

  it('writes equal values the same way', () => {
    expect(canonicalText({ b: 1, a: [2, { d: 1, c: 2 }] })).toBe(canonicalText({ a: [2, { c: 2, d: 1 }], b: 1 }));
  });
});

describe('history: values as text', () => {
  it('writes empty values, booleans, dates, codes and lists for people', () => {
    expect(formatValue('nameEn', null, format)).toBe('（なし）');
    expect(formatValue('description', '', format)).toBe('（なし）');
    expect(formatValue('isCore', true, format)).toBe('はい');
    expect(formatValue('lastReviewedOn', '2026-04-01', format)).toBe('2026年4月1日');
    expect(formatValue('exportControlStatus', 'applicable', format)).toBe('該当');
    expect(formatValue('products', ['MLCC', '車載用'], format)).toBe('MLCC、車載用');
    expect(formatValue('products', [], format)).toBe('（なし）');
    expect(formatValue('reviewIntervalMonths', 12, format)).toBe('12');
  });

  it('writes an object as labelled parts, leaving out empty ones', () => {
    expect(formatValue('locations', { kind: 'site', name: '富山工場', detail: null }, format)).toBe(
      '種類：拠点、名称：富山工場',
    );
  });

  it('keeps text that only looks like a date as it is', () => {
    expect(formatValue('code', '2026-4-1', format)).toBe('2026-4-1');
  });

  it('turns a nested field path into an i18n key segment', () => {
    expect(fieldKey('locations.kind')).toBe('locations_kind');
    expect(fieldKey('code')).toBe('code');
  });
});
