import { describe, expect, it } from 'vitest';
import {
  type CountryRecord,
  countriesOnDate,
  derivedAttribution,
  diffEntries,
  type EndUserRecord,
  endUserCountries,
  endUserEntriesMatching,
  endUserKey,
  type MembershipRecord,
  pageOfItems,
  searchKey,
  todayInJapan,
} from './catalogue-query.rules';

describe('todayInJapan', () => {
  it.each([
    ['2025-06-08T14:59:59.999Z', '2025-06-08'],
    ['2025-06-08T15:00:00.000Z', '2025-06-09'],
    ['2024-12-31T15:00:00.000Z', '2025-01-01'],
    ['2025-01-01T00:00:00.000Z', '2025-01-01'],
  ])('%s is %s in Japan', (instant, date) => {
    expect(todayInJapan(new Date(instant))).toBe(date);
  });
});

describe('searchKey', () => {
  it.each([
    ['ＡＢＣ　Ｃｏ．', 'abc co.'],
    ['  Many   spaces\tand\nlines ', 'many spaces and lines'],
    ['いらん', 'イラン'],
    ['ｲﾗﾝ', 'イラン'],
    ['ООО Альбатрос', 'ооо альбатрос'],
  ])('%j → %j', (input, expected) => {
    expect(searchKey(input)).toBe(expected);
  });
});

describe('pageOfItems', () => {
  it.each<[number, number, number[]]>([
    [1, 2, [1, 2]],
    [3, 2, [5]],
    [4, 2, []],
  ])('page %i of size %i', (page, size, expected) => {
    expect(pageOfItems([1, 2, 3, 4, 5], page, size)).toEqual(expected);
  });
});

const country = (alpha2: string, alpha3: string, numeric: string, nameJa: string, nameEn: string): CountryRecord => ({
  alpha2,
  alpha3,
  numeric,
  nameJa,
  nameEn,
});
const COUNTRIES = [
  country('KR', 'KOR', '410', '大韓民国', 'Korea, Republic of'),
  country('KP', 'PRK', '408', '朝鮮民主主義人民共和国', "Korea, Democratic People's Republic of"),
  country('IR', 'IRN', '364', 'イラン・イスラム共和国', 'Iran, Islamic Republic of'),
  country('US', 'USA', '840', 'アメリカ合衆国', 'United States of America'),
];
const membership = (alpha2: string, from: string, to: string | null, groupCode = 'A'): MembershipRecord => ({
  alpha2,
  groupCode,
  effectiveFrom: from,
  effectiveTo: to,
  source: 'test',
  status: 'C',
  statusNote: null,
});
const MEMBERSHIPS = [
  membership('KR', '2019-08-02', '2019-08-27'),
  membership('KR', '2023-07-21', null),
  membership('US', '2019-08-02', null),
  membership('IR', '2019-08-02', null, 'B'),
];
const byAlpha2 = { sort: 'alpha2', order: 'asc' } as const;

describe('countriesOnDate', () => {
  it.each<[string, string[]]>([
    ['2019-08-02', ['KR', 'US']],
    ['2019-08-27', ['KR', 'US']],
    ['2019-08-28', ['US']],
    ['2023-07-20', ['US']],
    ['2023-07-21', ['KR', 'US']],
  ])('gives Group A members on %s (both ends inclusive)', (date, members) => {
    const result = countriesOnDate(COUNTRIES, MEMBERSHIPS, date, { ...byAlpha2, groupA: true });
    expect(result.map((c) => c.alpha2)).toEqual(members);
  });

  it('attaches the membership valid that day, and none to other groups', () => {
    const result = countriesOnDate(COUNTRIES, MEMBERSHIPS, '2024-01-01', byAlpha2);
    expect(result.find((c) => c.alpha2 === 'KR')?.groupAMembership).toMatchObject({
      effectiveFrom: '2023-07-21',
      effectiveTo: null,
    });
    expect(result.find((c) => c.alpha2 === 'IR')).toMatchObject({ groupA: false, groupAMembership: null });
  });

  it('filters non-members with groupA=false', () => {
    const result = countriesOnDate(COUNTRIES, MEMBERSHIPS, '2020-01-01', { ...byAlpha2, groupA: false });
    expect(result.map((c) => c.alpha2)).toEqual(['IR', 'KP', 'KR']);
  });

  it.each<[string, string[]]>([
    ['korea', ['KP', 'KR']],
    ['イラン', ['IR']],
    ['いらん', ['IR']],
    ['ｲﾗﾝ', ['IR']],
    ['民国', ['KR']],
    ['kr', ['KR']],
    ['PRK', ['KP']],
    ['840', ['US']],
    ['zz', []],
  ])('searches names and codes: %j', (q, expected) => {
    expect(countriesOnDate(COUNTRIES, MEMBERSHIPS, '2024-01-01', { ...byAlpha2, q }).map((c) => c.alpha2)).toEqual(
      expected,
    );
  });

  it('sorts by English name descending', () => {
    const result = countriesOnDate(COUNTRIES, [], '2024-01-01', { sort: 'nameEn', order: 'desc' });
    expect(result.map((c) => c.alpha2)).toEqual(['US', 'KR', 'KP', 'IR']);
  });
});

const entry = (number: number, name: string, extra: Partial<EndUserRecord> = {}): EndUserRecord => ({
  number,
  countryJa: 'イラン',
  countryEn: 'Islamic Republic of Iran',
  name,
  aliases: [],
  concerns: ['M'],
  conventionalWeapons: false,
  ...extra,
});
const ENTRIES = [
  entry(1, 'Amnokkang Trading', {
    aliases: ['Korea Ryonbong General Corporation'],
    countryJa: '北朝鮮',
    countryEn: 'North Korea',
  }),
  entry(2, 'Sharif University of Technology', { concerns: ['N'], conventionalWeapons: true }),
  entry(3, 'OOO Albatros', {
    aliases: ['Albatross LLC', 'ООО Альбатрос'],
    countryJa: 'ロシア',
    countryEn: 'Russian Federation',
    concerns: [],
    conventionalWeapons: true,
  }),
];

describe('endUserEntriesMatching', () => {
  it.each<[string, Parameters<typeof endUserEntriesMatching>[1], number[]]>([
    ['an alias, any case', { q: 'ryonbong', sort: 'number', order: 'asc' }, [1]],
    ['a full-width alias', { q: 'ＡＬＢＡＴＲＯＳＳ', sort: 'number', order: 'asc' }, [3]],
    ['a Cyrillic alias in upper case', { q: 'АЛЬБАТРОС', sort: 'number', order: 'asc' }, [3]],
    ['part of a name', { q: 'university', sort: 'number', order: 'asc' }, [2]],
    ['a country in Japanese', { country: 'イラン', sort: 'number', order: 'asc' }, [2]],
    ['a country in English', { country: 'north korea', sort: 'number', order: 'asc' }, [1]],
    ['conventional weapons', { concern: 'CW', sort: 'number', order: 'asc' }, [2, 3]],
    ['a WMD concern', { concern: 'M', sort: 'number', order: 'asc' }, [1]],
    ['name order, descending', { sort: 'name', order: 'desc' }, [2, 3, 1]],
    ['nothing', { q: 'no such entity', sort: 'number', order: 'asc' }, []],
  ])('finds %s', (_label, filter, numbers) => {
    expect(endUserEntriesMatching(ENTRIES, filter).map((e) => e.number)).toEqual(numbers);
  });

  it('counts the entities per country, in Japanese collation order (kana before kanji)', () => {
    expect(endUserCountries([...ENTRIES, entry(4, 'Another')])).toEqual([
      { countryJa: 'イラン', countryEn: 'Islamic Republic of Iran', count: 2 },
      { countryJa: 'ロシア', countryEn: 'Russian Federation', count: 1 },
      { countryJa: '北朝鮮', countryEn: 'North Korea', count: 1 },
    ]);
  });
});

describe('derivedAttribution', () => {
  it.each<[string | null, string | null]>([
    [
      '出典：経済産業省「外国ユーザーリスト」(2025年9月29日)',
      '経済産業省「外国ユーザーリスト」(2025年9月29日)を加工して作成',
    ],
    [
      '出典: 経済産業省「外国ユーザーリスト」(2026年1月15日)',
      '経済産業省「外国ユーザーリスト」(2026年1月15日)を加工して作成',
    ],
    ['経済産業省「外国ユーザーリスト」', '経済産業省「外国ユーザーリスト」を加工して作成'],
    [null, null],
    ['  ', null],
  ])('%j → %j', (attribution, expected) => {
    expect(derivedAttribution(attribution)).toBe(expected);
  });
});

describe('endUserKey', () => {
  it('ignores width, case and spacing, and separates countries', () => {
    expect(endUserKey({ name: 'ＡＢＣ  Trading', countryJa: 'イラン' })).toBe(
      endUserKey({ name: 'abc trading', countryJa: 'イラン' }),
    );
    expect(endUserKey({ name: 'ABC', countryJa: 'イラン' })).not.toBe(endUserKey({ name: 'ABC', countryJa: '中国' }));
  });
});

describe('diffEntries', () => {
  type Row = { code: string; name: string; tags: string[] };
  const row = (code: string, name: string, tags: string[] = []): Row => ({ code, name, tags });

  it('reports added, removed and changed entries with the fields that differ, matching by key not position', () => {
    const before = [row('A', 'a'), row('B', 'b', ['x']), row('C', 'c'), row('D', 'd')];
    const after = [row('D', 'd'), row('B', 'b', ['y']), row('A', 'a2'), row('E', 'e')];
    const result = diffEntries(before, after, (r) => r.code, ['name', 'tags']);
    expect(result.added).toEqual([row('E', 'e')]);
    expect(result.removed).toEqual([row('C', 'c')]);
    expect(result.changed.map((c) => [c.key, c.fields])).toEqual([
      ['B', ['tags']],
      ['A', ['name']],
    ]);
    expect(result.unchanged).toBe(1);
  });

  it('pairs entries that share a key in order and reports the surplus', () => {
    const result = diffEntries([row('A', '1'), row('A', '2')], [row('A', '1')], (r) => r.code, ['name']);
    expect(result).toMatchObject({ added: [], removed: [row('A', '2')], changed: [], unchanged: 1 });
  });

  it('finds nothing between equal lists', () => {
    const list = [row('A', 'a'), row('B', 'b')];
    expect(diffEntries(list, [...list], (r) => r.code, ['name', 'tags'])).toEqual({
      added: [],
      removed: [],
      changed: [],
      unchanged: 2,
    });
  });
});
