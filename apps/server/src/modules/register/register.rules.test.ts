import { describe, expect, it } from 'vitest';
import {
  addMonths,
  diffFields,
  isOverseas,
  isReviewOverdue,
  nextReviewOn,
  normaliseSearch,
  resolveDesignated,
  searchPattern,
  technologyNameSearchText,
  technologySearchText,
  tokyoDate,
  tradeSecretVerdict,
} from './register.rules';

describe('tokyoDate', () => {
  it.each([
    ['2026-03-31T14:59:59.999Z', '2026-03-31'],
    ['2026-03-31T15:00:00.000Z', '2026-04-01'],
    ['2025-12-31T15:00:00.000Z', '2026-01-01'],
    ['2026-07-01T00:00:00.000Z', '2026-07-01'],
  ])('%s is %s in Japan', (instant, date) => {
    expect(tokyoDate(new Date(instant))).toBe(date);
  });
});

describe('addMonths and nextReviewOn', () => {
  it.each([
    ['2026-01-15', 1, '2026-02-15'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 6, '2026-09-30'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-10', 12, '2027-05-10'],
    ['2026-05-10', 60, '2031-05-10'],
  ])('%s + %i months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('refuses a malformed date rather than computing nonsense', () => {
    expect(() => addMonths('2026/01/01', 1)).toThrow(RangeError);
  });

  it.each([
    [null, '2026-04-01', 12, '2027-04-01'],
    ['2026-06-15', '2026-04-01', 12, '2027-06-15'],
    ['2026-08-31', '2020-01-01', 6, '2027-02-28'],
  ])('last review %s, registered %s, every %i months → %s', (last, created, months, expected) => {
    expect(nextReviewOn(last, created, months)).toBe(expected);
  });
});

describe('isReviewOverdue', () => {
  it.each([
    ['2026-04-30', '2026-05-01', true],
    ['2026-05-01', '2026-05-01', false],
    ['2026-05-02', '2026-05-01', false],
    ['2025-12-31', '2026-01-01', true],
  ])('due %s, today %s → overdue %s', (due, today, expected) => {
    expect(isReviewOverdue(due, today)).toBe(expected);
  });
});

describe('tradeSecretVerdict', () => {
  const all = (s1: string, s2: string, s3: string) =>
    [
      { requirement: 'secrecy_management', status: s1 },
      { requirement: 'usefulness', status: s2 },
      { requirement: 'non_public', status: s3 },
    ] as Parameters<typeof tradeSecretVerdict>[0];

  it.each([
    ['all met', all('met', 'met', 'met'), true, []],
    ['secrecy partly met', all('partially_met', 'met', 'met'), false, ['secrecy_management']],
    ['usefulness not met', all('met', 'not_met', 'met'), false, ['usefulness']],
    ['non-public unassessed', all('met', 'met', 'unassessed'), false, ['non_public']],
    [
      'nothing met',
      all('not_met', 'partially_met', 'unassessed'),
      false,
      ['secrecy_management', 'usefulness', 'non_public'],
    ],
  ])('%s', (_name, requirements, qualifies, failing) => {
    expect(tradeSecretVerdict(requirements)).toEqual({ qualifies, failing });
  });

  it('treats a requirement without a row as not assessed, keeping the statutory order', () => {
    expect(tradeSecretVerdict([{ requirement: 'non_public', status: 'met' }])).toEqual({
      qualifies: false,
      failing: ['secrecy_management', 'usefulness'],
    });
    expect(tradeSecretVerdict([])).toEqual({
      qualifies: false,
      failing: ['secrecy_management', 'usefulness', 'non_public'],
    });
  });
});

describe('search text', () => {
  const technology = {
    code: 'MLCC-001',
    nameJa: '積層セラミックコンデンサ',
    nameEn: 'Multilayer Ceramic Capacitor',
    description: 'ＢａＴｉＯ３ 粉末の焼成条件',
    products: ['ｶﾒﾗﾓｼﾞｭｰﾙ', '車載ECU'],
  };

  it('is lowercased and NFKC-normalised so that full- and half-width forms match', () => {
    const text = technologySearchText(technology);
    expect(text).toContain('mlcc-001');
    expect(text).toContain('multilayer ceramic capacitor');
    expect(text).toContain('batio3 粉末');
    expect(text).toContain('カメラモジュール');
    expect(text).toContain('車載ecu');
    expect(text).toContain('積層セラミックコンデンサ');
  });

  it('skips an absent English name', () => {
    expect(technologySearchText({ ...technology, nameEn: null, description: '', products: [] })).toBe(
      'mlcc-001\n積層セラミックコンデンサ',
    );
  });

  it('keeps the code and names only in the name search text, normalised alike', () => {
    expect(technologyNameSearchText({ ...technology, code: 'ＭＬＣＣ-001' })).toBe(
      'mlcc-001\n積層セラミックコンデンサ\nmultilayer ceramic capacitor',
    );
    expect(technologyNameSearchText({ ...technology, nameEn: null })).toBe('mlcc-001\n積層セラミックコンデンサ');
  });

  it.each([
    ['with every field', technology],
    ['without an English name', { ...technology, nameEn: null }],
    ['with names only', { ...technology, nameEn: '', description: '', products: [] }],
  ])('is a prefix of the full search text %s, so a name match is a full-text match', (_, t) => {
    expect(technologySearchText(t).startsWith(technologyNameSearchText(t))).toBe(true);
  });

  it.each([
    ['コンデンサ', '%コンデンサ%'],
    ['ＭＬＣＣ', '%mlcc%'],
    ['ｺﾝﾃﾞﾝｻ', '%コンデンサ%'],
    ['  粉末 ', '%粉末%'],
    ['50%_off\\', '%50\\%\\_off\\\\%'],
  ])('the query %j becomes the pattern %j', (query, pattern) => {
    expect(searchPattern(query)).toBe(pattern);
  });

  it('normalises a query like the stored text', () => {
    expect(normaliseSearch('Ｃｅｒａｍｉｃ')).toBe('ceramic');
  });
});

describe('isOverseas', () => {
  it.each([
    ['no locations', [], false],
    ['a site in Japan', [{ kind: 'site', countryCode: 'JP' }], false],
    [
      'a site in Thailand',
      [
        { kind: 'site', countryCode: 'JP' },
        { kind: 'site', countryCode: 'TH' },
      ],
      true,
    ],
    ['a system only', [{ kind: 'system', countryCode: null }], false],
  ] as const)('%s → %s', (_name, locations, expected) => {
    expect(isOverseas(locations)).toBe(expected);
  });
});

describe('diffFields', () => {
  it.each([
    ['no change', { a: 1, b: ['x'] }, { a: 1, b: ['x'] }, []],
    ['a scalar', { a: 1 }, { a: 2 }, [{ field: 'a', before: 1, after: 2 }]],
    [
      'list order matters',
      { b: ['x', 'y'] },
      { b: ['y', 'x'] },
      [{ field: 'b', before: ['x', 'y'], after: ['y', 'x'] }],
    ],
    ['object key order does not', { l: [{ k: 1, n: 'a' }] }, { l: [{ n: 'a', k: 1 }] }, []],
    ['missing counts as null', { a: null }, {}, []],
    ['added field', {}, { a: 'x' }, [{ field: 'a', before: null, after: 'x' }]],
    ['removed field', { a: 'x' }, {}, [{ field: 'a', before: 'x', after: null }]],
    ['null to empty string is a change', { a: null }, { a: '' }, [{ field: 'a', before: null, after: '' }]],
  ])('%s', (_name, before, after, expected) => {
    expect(diffFields(before, after)).toEqual(expected);
  });

  it('lists fields in the order of the new record, then fields only the old one had', () => {
    expect(diffFields({ z: 1, a: 1, gone: 1 }, { a: 2, z: 2 }).map((c) => c.field)).toEqual(['a', 'z', 'gone']);
  });
});

describe('resolveDesignated', () => {
  const v2024 = { id: 'v1', effectiveFrom: '2024-12-30' };
  const v2027 = { id: 'v2', effectiveFrom: '2027-04-01' };
  const entry = (
    code: string,
    version: { id: string; effectiveFrom: string },
    from: string,
    to: string | null = null,
  ) => ({
    code,
    number: code === 'MLCC' ? 1 : 11,
    nameJa: `${code}（${version.effectiveFrom}版）`,
    nameEn: `${code} (${version.effectiveFrom})`,
    inForceFrom: from,
    inForceTo: to,
    versionId: version.id,
    versionLabel: `版 ${version.effectiveFrom}`,
    versionEffectiveFrom: version.effectiveFrom,
  });
  const entries = [
    entry('MLCC', v2024, '2024-12-30'),
    entry('SOLID', v2024, '2025-06-09'),
    entry('MLCC', v2027, '2024-12-30', '2027-12-31'),
  ];

  it.each([
    ['before the first version', '2024-01-01', 'MLCC', { inForce: false, versionEffectiveFrom: '2027-04-01' }],
    ['in force from the first version', '2025-01-01', 'MLCC', { inForce: true, versionEffectiveFrom: '2024-12-30' }],
    ['not yet in force', '2025-06-08', 'SOLID', { inForce: false, inForceFrom: '2025-06-09' }],
    ['in force from its own date', '2025-06-09', 'SOLID', { inForce: true, versionLabel: '版 2024-12-30' }],
    [
      'named from the newer version once it applies',
      '2027-04-01',
      'MLCC',
      { inForce: true, nameJa: 'MLCC（2027-04-01版）' },
    ],
    [
      'no longer in force after its end date',
      '2028-01-01',
      'MLCC',
      { inForce: false, versionEffectiveFrom: '2027-04-01' },
    ],
    [
      'dropped from the version in force',
      '2027-04-01',
      'SOLID',
      { inForce: false, versionEffectiveFrom: '2024-12-30' },
    ],
  ])('%s (%s, %s)', (_name, today, code, expected) => {
    const [ref] = resolveDesignated([code], entries, [v2024, v2027], today);
    expect(ref).toMatchObject({ code, ...expected });
  });

  it('keeps a code no catalogue version has, named by its code', () => {
    expect(resolveDesignated(['GONE'], entries, [v2024], '2026-01-01')).toEqual([
      {
        code: 'GONE',
        number: null,
        nameJa: 'GONE',
        nameEn: 'GONE',
        inForce: false,
        inForceFrom: null,
        versionLabel: null,
        versionEffectiveFrom: null,
      },
    ]);
  });
});
