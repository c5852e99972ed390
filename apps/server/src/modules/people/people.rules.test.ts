import type { PersonInput } from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import { affectsRegister, normaliseEmployeeId, personChanges, personSearchText, searchPattern } from './people.rules';

const person: PersonInput = {
  employeeId: 'M-0009',
  name: '岡田 哲也',
  nameKana: 'オカダ テツヤ',
  email: 'okada@example.co.jp',
  department: '積層技術部',
  jobTitle: '主席技師',
  employmentType: 'employee',
  employer: null,
  status: 'active',
  lastWorkingDay: null,
  contractEndDate: null,
  notes: null,
};

describe('personSearchText', () => {
  it('joins the searchable fields, NFKC-normalised and lowercased, skipping blanks', () => {
    expect(
      personSearchText({
        employeeId: 'ＭＣ-001',
        name: 'Okada Tetsuya',
        nameKana: 'ｵｶﾀﾞ ﾃﾂﾔ',
        email: 'Okada@Example.co.jp',
        department: null,
        jobTitle: '主席技師',
      }),
    ).toBe('mc-001 okada tetsuya オカダ テツヤ okada@example.co.jp 主席技師');
  });

  it('finds a person by a Japanese substring and by half-width input through the same normalisation', () => {
    const text = personSearchText(person);
    // What LIKE does with the pattern: the text between the % signs, unescaped, anywhere in the search text.
    const like = (pattern: string) => text.includes(pattern.slice(1, -1).replace(/\\(.)/g, '$1'));
    expect(like(searchPattern('積層'))).toBe(true);
    expect(like(searchPattern('ｵｶﾀﾞ'))).toBe(true);
    expect(like(searchPattern('OKADA@'))).toBe(true);
    expect(like(searchPattern('佐藤'))).toBe(false);
  });
});

describe('searchPattern', () => {
  it('escapes LIKE wildcards so that they match literally', () => {
    expect(searchPattern(' 100%_a\\b ')).toBe('%100\\%\\_a\\\\b%');
  });
});

describe('normaliseEmployeeId', () => {
  it.each([
    ['Ｍ－０００１', 'M-0001'],
    ['  E-1 ', 'E-1'],
    ['12345', '12345'],
  ])('normalises %j to %j', (input, expected) => {
    expect(normaliseEmployeeId(input)).toBe(expected);
  });
});

describe('personChanges and affectsRegister', () => {
  it('lists nothing for an identical person', () => {
    expect(personChanges(person, { ...person })).toEqual([]);
  });

  it('lists each changed field with before and after, in field order', () => {
    const after = { ...person, status: 'leaving' as const, lastWorkingDay: '2026-05-31', jobTitle: '技師長' };
    expect(personChanges(person, after)).toEqual([
      { field: 'jobTitle', before: '主席技師', after: '技師長' },
      { field: 'status', before: 'active', after: 'leaving' },
      { field: 'lastWorkingDay', before: null, after: '2026-05-31' },
    ]);
  });

  it.each([
    [{ status: 'leaving' as const, lastWorkingDay: '2026-05-31' }, true],
    [{ department: '品質保証部' }, true],
    [{ employmentType: 'contractor' as const }, true],
    [{ jobTitle: '技師長', notes: 'メモ' }, false],
    [{ email: 'new@example.co.jp' }, false],
  ])('decides whether %j matters to the register (%s)', (change, expected) => {
    expect(affectsRegister(personChanges(person, { ...person, ...change }))).toBe(expected);
  });
});
