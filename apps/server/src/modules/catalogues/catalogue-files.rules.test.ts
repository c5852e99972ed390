import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type CatalogueFileError,
  parseCatalogueMetadataFile,
  parseCountriesCatalogue,
  parseCountriesCsv,
  parseCountriesUploadFile,
  parseCountryGroupFile,
  parseCsv,
  parseDesignatedTechnologiesFile,
} from './catalogue-files.rules';

const catalogueFile = (path: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../../catalogues/${path}`, import.meta.url)), 'utf8');

const technologiesYaml = catalogueFile('designated-technologies/2024-12-30.yaml');
const countriesCsv = catalogueFile('countries/iso-3166-1.csv');
const countriesMetadata = catalogueFile('countries/catalogue.yaml');
const groupAYaml = catalogueFile('countries/group-a.yaml');

/** The problems of a failed result as comparable tuples (row, field, code); fails the test on success. */
const problems = (result: { ok: true } | { ok: false; errors: readonly CatalogueFileError[] }) => {
  if (result.ok) throw new Error('expected the parse to fail');
  for (const error of result.errors) {
    expect(error.message_ja).not.toBe('');
    expect(error.message_en).not.toBe('');
  }
  return result.errors.map((e) => [e.row, e.field, e.code]);
};

const technologyYaml = (item: string, header = '') => `catalogue: designated_technologies
label: test
effective_from: 2024-12-30
source: S1
${header}technologies:
  - code: MLCC
    number: 1
    name_ja: 積層セラミックコンデンサ
    name_en: Multilayer ceramic capacitors
    in_force_from: 2024-12-30
    legal_reference: 令和6年経済産業省告示第178号
    source: S1
    status: C
${item}`;

const secondTechnology = (lines: Record<string, string | null>) => {
  const fields: Record<string, string | null> = {
    code: 'SAW_BAW_FILTER',
    number: '2',
    name_ja: 'SAW及びBAWフィルタ',
    name_en: 'SAW and BAW filters',
    in_force_from: '2024-12-30',
    legal_reference: '告示',
    source: 'S1',
    status: 'C',
    ...lines,
  };
  const body = Object.entries(fields)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `    ${key}: ${value}`)
    .join('\n');
  return `  -${body.slice(3)}\n`;
};

describe('bundled catalogue files', () => {
  it('reads the 15 designated technologies with their codes and dates', () => {
    const result = parseDesignatedTechnologiesFile(technologiesYaml);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.version).toMatchObject({ catalogue: 'designated_technologies', effectiveFrom: '2024-12-30' });
    expect(result.entries.map((t) => t.code)).toEqual([
      'MLCC',
      'SAW_BAW_FILTER',
      'ELECTROLYTIC_COPPER_FOIL',
      'DIELECTRIC_FILM',
      'BARIUM_TITANATE',
      'CARBON_FIBER',
      'SIC_FIBER',
      'PHOTORESIST',
      'NONFERROUS_TARGET',
      'SEM_TEM',
      'MAGNETIC_SENSOR',
      'TITANIUM_SPONGE',
      'ELECTRODE_BINDER',
      'SOLID_ELECTROLYTE',
      'SEPARATOR_MFG_EQUIPMENT',
    ]);
    expect(result.entries.map((t) => t.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const first10 = result.entries.slice(0, 10);
    const last5 = result.entries.slice(10);
    expect(new Set(first10.map((t) => t.inForceFrom))).toEqual(new Set(['2024-12-30']));
    expect(new Set(last5.map((t) => t.inForceFrom))).toEqual(new Set(['2025-06-09']));
    expect(new Set(first10.map((t) => t.legalReference))).toEqual(new Set(['令和6年経済産業省告示第178号']));
    for (const t of last5) {
      expect(t.legalReference).toContain('[U]');
      expect(t.statusNote).toMatch(/name_en.*\[I\]/);
    }
    expect(result.entries.every((t) => t.inForceTo === null)).toBe(true);
  });

  it('reads every ISO 3166-1 country with Japanese names', () => {
    const result = parseCountriesCsv(countriesCsv);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.entries).toHaveLength(249);
    const byCode = new Map(result.entries.map((c) => [c.alpha2, c]));
    expect(byCode.get('US')).toEqual({
      alpha2: 'US',
      alpha3: 'USA',
      numeric: '840',
      nameJa: 'アメリカ合衆国',
      nameEn: 'United States',
    });
    expect(byCode.get('KR')?.nameJa).toBe('大韓民国');
    expect(byCode.get('KP')?.nameJa).toBe('朝鮮民主主義人民共和国');
    expect(byCode.get('CN')?.nameJa).toBe('中華人民共和国');
    expect(byCode.get('TW')).toMatchObject({ alpha3: 'TWN', numeric: '158', nameJa: '台湾', nameEn: 'Taiwan' });
    expect(byCode.get('HK')).toMatchObject({ alpha3: 'HKG', numeric: '344', nameJa: '香港' });
    expect(byCode.get('JP')).toMatchObject({ alpha3: 'JPN', numeric: '392', nameJa: '日本' });
    expect(byCode.get('AF')?.numeric).toBe('004');
    expect(byCode.get('BO')?.nameEn).toBe('Bolivia, Plurinational State of');
  });

  it('reads the countries catalogue as one version with the Group A memberships', () => {
    const result = parseCountriesCatalogue({
      metadata: { name: 'catalogue.yaml', content: countriesMetadata },
      countries: { name: 'iso-3166-1.csv', content: countriesCsv },
      groups: [{ name: 'group-a.yaml', content: groupAYaml }],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.version).toMatchObject({ catalogue: 'countries', effectiveFrom: '2019-08-02' });
    expect(result.entries.countries).toHaveLength(249);
    expect(result.entries.memberships).toHaveLength(28);
    expect(new Set(result.entries.memberships.map((m) => m.alpha2)).size).toBe(27);
    expect(result.entries.memberships.filter((m) => m.alpha2 === 'KR')).toEqual([
      expect.objectContaining({ groupCode: 'A', effectiveFrom: '2019-08-02', effectiveTo: '2019-08-27', status: 'C' }),
      expect.objectContaining({ groupCode: 'A', effectiveFrom: '2023-07-21', effectiveTo: null, status: 'C' }),
    ]);
  });
});

describe('bundled End User List metadata', () => {
  it('names the edition, its effective date and the attribution', () => {
    const result = parseCatalogueMetadataFile(catalogueFile('end-user-list/catalogue.yaml'), 'end_user_list');
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.version).toMatchObject({
      catalogue: 'end_user_list',
      effectiveFrom: '2025-10-09',
      attribution: '出典：経済産業省「外国ユーザーリスト」(2025年9月29日)',
    });
  });
});

describe('parseDesignatedTechnologiesFile problems', () => {
  it.each<[string, string, (string | number | null)[][]]>([
    ['a missing name_ja', technologyYaml(secondTechnology({ name_ja: null })), [[14, 'name_ja', 'required']]],
    ['an empty name_en', technologyYaml(secondTechnology({ name_en: "''" })), [[17, 'name_en', 'required']]],
    [
      'a malformed date',
      technologyYaml(secondTechnology({ in_force_from: '2024-12-32' })),
      [[18, 'in_force_from', 'invalid_format']],
    ],
    ['a number given as text', technologyYaml(secondTechnology({ number: '"2"' })), [[15, 'number', 'invalid_type']]],
    ['a number below 1', technologyYaml(secondTechnology({ number: '0' })), [[15, 'number', 'invalid_value']]],
    ['an unknown status', technologyYaml(secondTechnology({ status: 'X' })), [[21, 'status', 'invalid_value']]],
    ['a lower-case code', technologyYaml(secondTechnology({ code: 'mlcc2' })), [[14, 'code', 'invalid_format']]],
    ['an unknown field', technologyYaml(secondTechnology({ nmae_ja: 'x' })), [[22, 'nmae_ja', 'unknown_field']]],
    ['a duplicate code', technologyYaml(secondTechnology({ code: 'MLCC' })), [[14, 'code', 'duplicate']]],
    ['a duplicate number', technologyYaml(secondTechnology({ number: '1' })), [[15, 'number', 'duplicate']]],
    [
      'an end before the start',
      technologyYaml(secondTechnology({ in_force_to: '2024-12-01' })),
      [[22, 'in_force_to', 'invalid_period']],
    ],
    ['a missing version label', technologyYaml('').replace('label: test\n', ''), [[null, 'label', 'required']]],
    [
      'an empty list',
      technologyYaml('').replace(/technologies:[\s\S]*$/, 'technologies: []\n'),
      [[5, 'technologies', 'empty']],
    ],
    ['a bad source_url', technologyYaml('', 'source_url: not a url\n'), [[5, 'source_url', 'invalid_format']]],
  ])('reports %s with its line and field', (_label, source, expected) => {
    expect(problems(parseDesignatedTechnologiesFile(source))).toEqual(expected);
  });

  it('reports the problems of several items at once and gives no entries', () => {
    const source = technologyYaml(
      secondTechnology({ name_ja: null }) + secondTechnology({ code: 'DIELECTRIC_FILM', number: '3', status: 'Z' }),
    );
    const result = parseDesignatedTechnologiesFile(source);
    expect(result).not.toHaveProperty('entries');
    expect(problems(result)).toEqual([
      [14, 'name_ja', 'required'],
      [28, 'status', 'invalid_value'],
    ]);
  });

  it('names the field in both languages', () => {
    const result = parseDesignatedTechnologiesFile(technologyYaml(secondTechnology({ name_ja: null })));
    if (result.ok) throw new Error('expected failure');
    expect(result.errors[0]?.message_ja).toContain('「name_ja」');
    expect(result.errors[0]?.message_en).toContain('"name_ja"');
  });

  it.each([
    ['a YAML syntax error', 'catalogue: designated_technologies\nlabel: [unclosed\n', 'file_syntax'],
    ['a duplicate key', 'catalogue: designated_technologies\ncatalogue: x\n', 'file_syntax'],
    ['a top-level list', '- a\n- b\n', 'file_syntax'],
    ['an empty file', '', 'file_syntax'],
    ['another catalogue', 'catalogue: countries\n', 'wrong_catalogue'],
    ['no catalogue key', 'label: x\n', 'required'],
    [
      'an alias bomb',
      `catalogue: designated_technologies\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n`,
      'file_syntax',
    ],
  ])('reports %s as one file-level problem', (_label, source, code) => {
    const result = parseDesignatedTechnologiesFile(source);
    if (result.ok) throw new Error('expected failure');
    expect(result.errors.map((e) => e.code)).toContain(code);
  });
});

describe('parseCsv (RFC 4180)', () => {
  it.each<[string, string, { line: number; fields: string[] }[]]>([
    [
      'plain fields',
      'a,b,c\n1,2,3\n',
      [
        { line: 1, fields: ['a', 'b', 'c'] },
        { line: 2, fields: ['1', '2', '3'] },
      ],
    ],
    [
      'no final line break',
      'a,b\n1,2',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
      ],
    ],
    [
      'CRLF line ends',
      'a,b\r\n1,2\r\n',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['1', '2'] },
      ],
    ],
    ['a quoted comma', 'x,"Korea, Republic of"\n', [{ line: 1, fields: ['x', 'Korea, Republic of'] }]],
    ['a doubled quote', '"say ""hi""",2\n', [{ line: 1, fields: ['say "hi"', '2'] }]],
    ['empty fields', ',,\n', [{ line: 1, fields: ['', '', ''] }]],
    ['an empty quoted field', '"",x\n', [{ line: 1, fields: ['', 'x'] }]],
    [
      'a line break inside quotes',
      'a,"two\nlines"\nb,c\n',
      [
        { line: 1, fields: ['a', 'two\nlines'] },
        { line: 3, fields: ['b', 'c'] },
      ],
    ],
    [
      'a BOM and empty lines',
      '\uFEFFa,b\n\n1,2\n\n',
      [
        { line: 1, fields: ['a', 'b'] },
        { line: 3, fields: ['1', '2'] },
      ],
    ],
    ['an empty input', '', []],
  ])('splits %s', (_label, source, expected) => {
    expect(parseCsv(source)).toEqual({ ok: true, records: expected });
  });

  it.each([
    ['an unclosed quote', 'a,b\n"open,1\n2,3\n', 2],
    ['text after a closing quote', 'a\n"x"y\n', 2],
    ['a quote inside an unquoted field', 'a\nx"y"\n', 2],
  ])('rejects %s with its line', (_label, source, line) => {
    const result = parseCsv(source);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.line).toBe(line);
  });
});

describe('parseCountriesCsv problems', () => {
  const header = 'alpha2,alpha3,numeric,name_ja,name_en\n';
  it.each<[string, string, (string | number | null)[][]]>([
    ['a missing column', 'alpha2,alpha3,numeric,name_ja\nJP,JPN,392,日本\n', [[1, 'name_en', 'missing_column']]],
    ['an unknown column', 'alpha2,alpha3,numeric,name_ja,name_en,flag\n', [[1, 'flag', 'unknown_column']]],
    ['a lower-case alpha2', `${header}jp,JPN,392,日本,Japan\n`, [[2, 'alpha2', 'invalid_format']]],
    ['a two-digit numeric code', `${header}JP,JPN,39,日本,Japan\n`, [[2, 'numeric', 'invalid_format']]],
    ['a missing Japanese name', `${header}JP,JPN,392,,Japan\n`, [[2, 'name_ja', 'required']]],
    ['a short row', `${header}JP,JPN,392,日本\n`, [[2, null, 'column_count']]],
    [
      'a duplicate alpha2 (line of the repeat)',
      `${header}JP,JPN,392,日本,Japan\n"KR","KOR","410","大韓民国","Korea,\nRepublic of"\nJP,JPX,999,日本2,Japan2\n`,
      [[5, 'alpha2', 'duplicate']],
    ],
    ['a syntax error', `${header}JP,"JPN,392,日本,Japan\n`, [[2, null, 'file_syntax']]],
    ['no rows', header, [[null, 'countries', 'empty']]],
  ])('reports %s', (_label, source, expected) => {
    expect(problems(parseCountriesCsv(source))).toEqual(expected);
  });

  it('accepts the columns in any order', () => {
    const result = parseCountriesCsv('name_en,name_ja,numeric,alpha3,alpha2\nJapan,日本,392,JPN,JP\n');
    expect(result).toEqual({
      ok: true,
      entries: [{ alpha2: 'JP', alpha3: 'JPN', numeric: '392', nameJa: '日本', nameEn: 'Japan' }],
    });
  });
});

describe('parseCountryGroupFile problems', () => {
  const groupYaml = (memberships: string) => `group_code: A
label: Group A
source: test
memberships:
${memberships}`;
  const member = (alpha2: string, from: string, to: string | null) =>
    `  - alpha2: ${alpha2}\n    effective_from: ${from}\n    effective_to: ${to ?? 'null'}\n    source: s\n    status: C\n`;

  it.each<[string, string, (string | number | null)[][]]>([
    [
      'an open period followed by another',
      member('KR', '2019-08-02', null) + member('KR', '2023-07-21', null),
      [[10, 'effective_from', 'overlapping_period']],
    ],
    [
      'periods sharing a day',
      member('KR', '2019-08-02', '2019-08-28') + member('KR', '2019-08-28', null),
      [[10, 'effective_from', 'overlapping_period']],
    ],
    ['an end before the start', member('KR', '2019-08-02', '2019-08-01'), [[7, 'effective_to', 'invalid_period']]],
    ['a three-letter code', member('KOR', '2019-08-02', null), [[5, 'alpha2', 'invalid_format']]],
  ])('reports %s', (_label, memberships, expected) => {
    expect(problems(parseCountryGroupFile(groupYaml(memberships)))).toEqual(expected);
  });

  it('accepts adjacent periods (removal and later reinstatement)', () => {
    const result = parseCountryGroupFile(
      groupYaml(member('KR', '2019-08-02', '2019-08-27') + member('KR', '2019-08-28', null)),
    );
    expect(result.ok).toBe(true);
  });

  it('rejects a code missing from the country list', () => {
    const result = parseCountryGroupFile(groupYaml(member('XK', '2019-08-02', null)), {
      knownAlpha2: new Set(['KR']),
    });
    expect(problems(result)).toEqual([[5, 'alpha2', 'unknown_country']]);
  });
});

describe('parseCountriesCatalogue', () => {
  it('names the file of each problem and reports all files at once', () => {
    const result = parseCountriesCatalogue({
      metadata: { name: 'catalogue.yaml', content: countriesMetadata.replace('catalogue: countries', 'catalogue: x') },
      countries: { name: 'iso-3166-1.csv', content: countriesCsv },
      groups: [
        { name: 'group-a.yaml', content: groupAYaml.replace('- alpha2: US', '- alpha2: QQ') },
        { name: 'group-a-copy.yaml', content: groupAYaml },
        { name: 'group-a-again.yaml', content: groupAYaml },
      ],
    });
    if (result.ok) throw new Error('expected failure');
    expect(result.errors.map((e) => [e.file, e.field, e.code])).toEqual([
      ['catalogue.yaml', 'catalogue', 'wrong_catalogue'],
      ['group-a.yaml', 'alpha2', 'unknown_country'],
      ['group-a-again.yaml', 'group_code', 'duplicate'],
    ]);
  });

  it('rejects a metadata file for another catalogue', () => {
    const result = parseCatalogueMetadataFile(countriesMetadata, 'end_user_list');
    expect(problems(result)).toEqual([[3, 'catalogue', 'wrong_catalogue']]);
  });
});

describe('parseDesignatedTechnologiesFile with the publisher’s effective date', () => {
  it('accepts the same date and rejects another one at its line', () => {
    expect(parseDesignatedTechnologiesFile(technologiesYaml, { expectedEffectiveFrom: '2024-12-30' }).ok).toBe(true);
    const result = parseDesignatedTechnologiesFile(technologiesYaml, { expectedEffectiveFrom: '2025-01-01' });
    expect(problems(result)).toEqual([[7, 'effective_from', 'effective_date_mismatch']]);
    if (!result.ok)
      expect(result.errors[0]?.message_en).toContain(
        '(2024-12-30) differs from the effective date of the form (2025-01-01)',
      );
  });
});

describe('parseCountriesUploadFile (one-file countries version)', () => {
  const upload = (body: string) => `catalogue: countries\n${body}`;
  const countries = [
    'countries:',
    '  - { alpha2: JP, alpha3: JPN, numeric: "392", name_ja: 日本, name_en: Japan }',
    '  - { alpha2: KR, alpha3: KOR, numeric: "410", name_ja: 大韓民国, name_en: "Korea, Republic of" }',
  ].join('\n');
  const group = (code: string, members: string[]) =>
    [
      `  - group_code: ${code}`,
      '    label: test',
      '    source: test',
      '    memberships:',
      ...members.map((m) => `      - ${m}`),
    ].join('\n');

  it('reads countries and the memberships of every group', () => {
    const result = parseCountriesUploadFile(
      upload(
        `effective_from: 2026-01-01\n${countries}\ngroups:\n${group('A', [
          '{ alpha2: KR, effective_from: 2019-08-02, effective_to: 2019-08-27, source: s, status: C }',
          '{ alpha2: KR, effective_from: 2023-07-21, source: s, status: C }',
        ])}\n`,
      ),
      { expectedEffectiveFrom: '2026-01-01' },
    );
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.entries.countries.map((c) => c.alpha2)).toEqual(['JP', 'KR']);
    expect(result.entries.memberships.map((m) => [m.groupCode, m.alpha2, m.effectiveFrom, m.effectiveTo])).toEqual([
      ['A', 'KR', '2019-08-02', '2019-08-27'],
      ['A', 'KR', '2023-07-21', null],
    ]);
  });

  it('accepts a file without groups', () => {
    const result = parseCountriesUploadFile(upload(`${countries}\n`));
    expect(result.ok && result.entries.memberships).toEqual([]);
  });

  it('reports problems of countries and nested groups by line and field', () => {
    const result = parseCountriesUploadFile(
      upload(
        `effective_from: 2026-02-01\n${countries}\n  - { alpha2: JP, alpha3: JPX, numeric: "999", name_ja: 重複, name_en: Dup }\ngroups:\n${group(
          'A',
          [
            '{ alpha2: ZZ, effective_from: 2020-01-01, source: s, status: C }',
            '{ alpha2: KR, effective_from: 2020-01-01, effective_to: 2019-01-01, source: s, status: C }',
          ],
        )}\n${group('A', ['{ alpha2: JP, effective_from: 2020-01-01, source: s, status: X }'])}\n`,
      ),
      { expectedEffectiveFrom: '2026-01-01' },
    );
    expect(problems(result)).toEqual([
      [2, 'effective_from', 'effective_date_mismatch'],
      [6, 'alpha2', 'duplicate'],
      [12, 'alpha2', 'unknown_country'],
      [13, 'effective_to', 'invalid_period'],
      [18, 'status', 'invalid_value'],
    ]);
  });

  it('rejects a duplicate group code', () => {
    const member = '{ alpha2: JP, effective_from: 2020-01-01, source: s, status: C }';
    const result = parseCountriesUploadFile(
      upload(`${countries}\ngroups:\n${group('A', [member])}\n${group('A', [member])}\n`),
    );
    expect(problems(result)).toEqual([[11, 'group_code', 'duplicate']]);
  });

  it('rejects a file of another catalogue and an unknown key', () => {
    expect(problems(parseCountriesUploadFile(technologiesYaml))).toEqual([[5, 'catalogue', 'wrong_catalogue']]);
    expect(problems(parseCountriesUploadFile(upload(`${countries}\nextra: 1\n`)))).toEqual([
      [5, 'extra', 'unknown_field'],
    ]);
  });
});
