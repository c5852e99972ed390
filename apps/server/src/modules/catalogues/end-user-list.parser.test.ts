import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type EndUserListEntry,
  type EndUserListParseResult,
  parseConcernCell,
  parseConventionalWeaponsCell,
  parseEndUserList,
  splitAliases,
  splitCountryCell,
} from './end-user-list.parser';

const officialFile = readFileSync(
  fileURLToPath(new URL('../../../../../catalogues/end-user-list/meti-end-user-list-2025-09-29.xlsx', import.meta.url)),
);

const HEADER = [
  'No.',
  '国名、地域名\nCountry or Region',
  '企業名､組織名\nCompany or Organization',
  '別名\nAlso Known As',
  '懸念区分\nType of WMD',
  '通常兵器\nConventional Weapons',
];

/** Builds an xlsx in memory: each sheet is a list of rows of cell values. */
const workbook = async (sheets: Record<string, ExcelJS.CellValue[][]>): Promise<Buffer> => {
  const book = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = book.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
};

const row = (
  number: ExcelJS.CellValue,
  name: string,
  concerns = 'ミサイル\nM',
  extra: { country?: string; aliases?: string; cw?: string } = {},
): ExcelJS.CellValue[] => [
  number,
  extra.country ?? 'イラン\nIslamic Republic of Iran',
  name,
  extra.aliases ?? '',
  concerns,
  extra.cw ?? '',
];

/** A minimal stored (uncompressed) zip archive with the given files, for archives that are not workbooks. */
const storedZip = (files: Record<string, string>): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name);
    const data = Buffer.from(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};

const codes = (result: EndUserListParseResult) => {
  if (result.ok) throw new Error('expected the parse to fail');
  for (const error of result.errors) {
    expect(error.message_ja).not.toBe('');
    expect(error.message_en).not.toBe('');
  }
  return result.errors.map((e) => [e.row, e.field, e.code]);
};

describe('the official End User List of 2025-09-29', () => {
  let entries: readonly EndUserListEntry[] = [];
  const byNumber = (number: number) => {
    const entry = entries.find((e) => e.number === number);
    if (!entry) throw new Error(`no entry ${number}`);
    return entry;
  };

  beforeAll(async () => {
    const result = await parseEndUserList(officialFile);
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
    expect(result.sheet).toBe('ユーザーリスト');
    expect(result.headerRow).toBe(1);
    entries = result.entries;
  });

  it('has 835 entities numbered 1 to 835', () => {
    expect(entries).toHaveLength(835);
    expect(entries.map((e) => e.number)).toEqual(Array.from({ length: 835 }, (_, i) => i + 1));
  });

  it('covers 15 countries and regions with the published counts', () => {
    const counts = new Map<string, number>();
    for (const e of entries)
      counts.set(`${e.countryJa}|${e.countryEn}`, (counts.get(`${e.countryJa}|${e.countryEn}`) ?? 0) + 1);
    expect(counts.size).toBe(15);
    expect(counts.get('イラン|Islamic Republic of Iran')).toBe(257);
    expect(counts.get('北朝鮮|North Korea')).toBe(154);
    expect(counts.get("中国|People's Republic of China")).toBe(127);
    expect(counts.get('パキスタン|Islamic Republic of Pakistan')).toBe(103);
    expect(counts.get('ロシア|Russian Federation')).toBe(100);
    expect(counts.get('香港|Hong Kong')).toBe(22);
    expect(counts.get('台湾|Taiwan')).toBe(5);
  });

  it('reads the conventional-weapons column (240 entries, 54 of them without a WMD concern)', () => {
    expect(entries.filter((e) => e.conventionalWeapons)).toHaveLength(240);
    expect(entries.filter((e) => e.concerns.length === 0)).toHaveLength(54);
    expect(entries.filter((e) => e.concerns.length === 0).every((e) => e.conventionalWeapons)).toBe(true);
  });

  it.each<[number, Partial<EndUserListEntry>]>([
    [
      1,
      {
        countryJa: 'アフガニスタン',
        countryEn: 'Islamic Republic of Afghanistan',
        name: "Al Qa'ida/Islamic Army",
        concerns: ['B', 'C', 'M', 'N'],
        conventionalWeapons: true,
      },
    ],
    [3, { countryJa: 'アラブ首長国連邦', aliases: [], concerns: ['M'], conventionalWeapons: false }],
    [4, { aliases: ['Candid Trading LLC'] }],
    [
      301,
      {
        // the Japanese name on its own line belongs to the alias above it
        aliases: [
          'Amnokkang Development Bank',
          'Amroggang Development Bank (鴨緑江開発銀行)',
          'Amrokkang Development Bank',
        ],
      },
    ],
    [297, { name: '4.27 Co. Pyongyang Branch (4.27貿易会社平壌支社)' }],
    [532, { name: 'DCB Finance Limited', aliases: [] }], // the alias cell holds a single space
    [599, { aliases: ['YINKE ELECTRONICS CO., LTD'] }], // one alias without a bullet
    [761, { aliases: ['Novator Design Bureau', 'JSC OKB Novator'] }], // "; and" in the source
    [
      774,
      {
        aliases: [
          'Urals Plant of Transportation Machinery Joint Stock Company',
          'Aktsionernoe Obshchestvo Uralskiy Zavod Transportnogo Mashinostroeniya',
          'the Urals Plant of Transport Engineering',
          'JSC Ural Plant of Transport Mechanical Engineering',
        ],
        concerns: [],
        conventionalWeapons: true,
      },
    ],
    [796, { aliases: ['OOO Albatros', 'Albatross LLC'] }], // a leading space before the bullet
  ])('reads entry %i', (number, expected) => {
    expect(byNumber(number)).toMatchObject(expected);
  });

  it('normalises the irregular concern cells of the source', () => {
    const concernsOf = (cell: string) => entries.filter((e) => e.raw.cells.concerns === cell).map((e) => e.concerns);
    expect(new Set(concernsOf('ミサイルM').map((c) => c.join()))).toEqual(new Set(['M']));
    expect(new Set(concernsOf('ミサイル、核\nM、N').map((c) => c.join()))).toEqual(new Set(['M,N']));
    expect(new Set(concernsOf('核\nＮ').map((c) => c.join()))).toEqual(new Set(['N']));
  });

  it('keeps the original cells and row of each entry', () => {
    expect(byNumber(2).raw).toMatchObject({ sheet: 'ユーザーリスト', row: 3, cells: { number: '2' } });
  });
});

describe('splitAliases', () => {
  it.each<[string, string[]]>([
    ['', []],
    [' ', []],
    ['・A\n・B', ['A', 'B']],
    ['・A \r\n・B ', ['A', 'B']],
    ['Single Name', ['Single Name']],
    ['・Long name\ncontinued', ['Long name continued']],
    ['・English\n(日本語)\n・Other', ['English (日本語)', 'Other']],
    ['・A; and\n・B', ['A', 'B']],
    ['・A; B', ['A', 'B']],
    ['・A\n・A', ['A']],
    ['・アル・カーイダ', ['アル・カーイダ']], // a katakana middle dot inside a name does not split
    ['･Half-width bullet', ['Half-width bullet']],
  ])('%j → %j', (cell, expected) => {
    expect(splitAliases(cell)).toEqual(expected);
  });
});

describe('parseConcernCell', () => {
  it.each<[string, ReturnType<typeof parseConcernCell>]>([
    ['生物、化学、ミサイル、核\nB,C,M,N', { ok: true, concerns: ['B', 'C', 'M', 'N'] }],
    ['ミサイルM', { ok: true, concerns: ['M'] }],
    ['ミサイル、核\nM、N', { ok: true, concerns: ['M', 'N'] }],
    ['核\nＮ', { ok: true, concerns: ['N'] }],
    ['核\nN ', { ok: true, concerns: ['N'] }],
    ['N,M', { ok: true, concerns: ['M', 'N'] }],
    ['化学', { ok: true, concerns: ['C'] }],
    ['', { ok: true, concerns: [] }],
    ['ミサイル\nX', { ok: false, code: 'unknown_concern_code', detail: 'X' }],
    ['通常兵器', { ok: false, code: 'unknown_concern_code', detail: '通常兵器' }],
    ['核\nM', { ok: false, code: 'concern_mismatch', detail: 'N / M' }],
  ])('%j', (cell, expected) => {
    expect(parseConcernCell(cell)).toEqual(expected);
  });
});

describe('parseConventionalWeaponsCell', () => {
  it.each<[string, boolean | null]>([
    ['通常兵器\nCW', true],
    ['CW', true],
    ['ｃｗ', true],
    ['', false],
    [' \n', false],
    ['○', null],
    ['通常兵器\nB', null],
  ])('%j → %s', (cell, expected) => {
    expect(parseConventionalWeaponsCell(cell)).toBe(expected);
  });
});

describe('splitCountryCell', () => {
  it.each<[string, { ja: string; en: string } | null]>([
    ['イラン\nIslamic Republic of Iran', { ja: 'イラン', en: 'Islamic Republic of Iran' }],
    ["中国\r\nPeople's Republic of China ", { ja: '中国', en: "People's Republic of China" }],
    ['香港 Hong Kong', { ja: '香港', en: 'Hong Kong' }],
    ['台湾Taiwan', { ja: '台湾', en: 'Taiwan' }],
    ['Iran', null],
    ['イラン', null],
    ['Iran\nイラン', null],
  ])('%j', (cell, expected) => {
    expect(splitCountryCell(cell)).toEqual(expected);
  });
});

describe('parseEndUserList with other layouts', () => {
  it('finds a header below title rows, on a later sheet, by its texts', async () => {
    const file = await workbook({
      表紙: [['外国ユーザーリスト'], ['2025年9月29日']],
      リスト: [
        ['外国ユーザーリスト'],
        [],
        [
          'No',
          '国名・地域名 Country or Region',
          '企業名・組織名 Company or Organization',
          '別名 Also Known As',
          '懸念区分 Type of WMD',
        ],
        [1, '北朝鮮\nNorth Korea', 'Example Trading', '・Alias One\n・Alias Two', '核\nN'],
        [2, '北朝鮮\nNorth Korea', { richText: [{ text: 'Rich ' }, { text: 'Text Co.' }] }, null, 'B,C'],
      ],
    });
    const result = await parseEndUserList(file);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.sheet).toBe('リスト');
    expect(result.headerRow).toBe(3);
    expect(result.entries.map((e) => [e.number, e.name, e.aliases, e.concerns, e.conventionalWeapons])).toEqual([
      [1, 'Example Trading', ['Alias One', 'Alias Two'], ['N'], false],
      [2, 'Rich Text Co.', [], ['B', 'C'], false],
    ]);
  });

  it('reads formula results in the No. column', async () => {
    const file = await workbook({
      s: [HEADER, [{ formula: 'ROW()-1', result: 1 }, 'イラン\nIran', 'A', '', 'M', '']],
    });
    const result = await parseEndUserList(file);
    expect(result.ok && result.entries.map((e) => e.number)).toEqual([1]);
  });

  it.each<[string, ExcelJS.CellValue[][], (string | number | null)[][]]>([
    ['a missing name', [row(1, 'A'), row(2, '  ')], [[3, 'name', 'missing_name']]],
    ['an unknown concern code', [row(1, 'A', 'ミサイル\nX')], [[2, 'concerns', 'unknown_concern_code']]],
    ['labels and codes that disagree', [row(1, 'A', '核\nM')], [[2, 'concerns', 'concern_mismatch']]],
    ['a duplicate No.', [row(1, 'A'), row(2, 'B'), row(2, 'C')], [[4, 'number', 'duplicate_number']]],
    ['a missing No.', [row(null, 'A')], [[2, 'number', 'missing_number']]],
    [
      'a No. that is not a whole number',
      [row(1.5, 'A'), row('x', 'B')],
      [
        [2, 'number', 'invalid_number'],
        [3, 'number', 'invalid_number'],
      ],
    ],
    ['a missing country', [row(1, 'A', 'M', { country: '' })], [[2, 'country', 'missing_country']]],
    [
      'a country without an English name',
      [row(1, 'A', 'M', { country: 'イラン' })],
      [[2, 'country', 'invalid_country']],
    ],
    [
      'an unknown conventional-weapons mark',
      [row(1, 'A', 'M', { cw: '○' })],
      [[2, 'conventionalWeapons', 'invalid_conventional_weapons']],
    ],
    ['neither concern nor conventional weapons', [row(1, 'A', '')], [[2, 'concerns', 'no_concern']]],
    ['no data rows', [], [[null, null, 'empty']]],
  ])('reports %s with its row', async (_label, rows, expected) => {
    const result = await parseEndUserList(await workbook({ s: [HEADER, ...rows] }));
    expect(result).not.toHaveProperty('entries');
    expect(codes(result)).toEqual(expected);
  });

  it('reports every bad row, not only the first', async () => {
    const result = await parseEndUserList(
      await workbook({ s: [HEADER, row(1, ''), row(2, 'B'), row(3, 'C', 'Q'), row(3, 'D')] }),
    );
    expect(codes(result)).toEqual([
      [2, 'name', 'missing_name'],
      [4, 'concerns', 'unknown_concern_code'],
      [5, 'number', 'duplicate_number'],
    ]);
  });

  it('skips empty rows between entries', async () => {
    const result = await parseEndUserList(await workbook({ s: [HEADER, row(1, 'A'), [], ['', '', ''], row(2, 'B')] }));
    expect(result.ok && result.entries.map((e) => e.name)).toEqual(['A', 'B']);
  });

  it('reports a workbook without the header', async () => {
    const result = await parseEndUserList(
      await workbook({
        s: [
          ['No.', 'Name'],
          [1, 'A'],
        ],
      }),
    );
    expect(codes(result)).toEqual([[null, null, 'header_not_found']]);
  });
});

describe('parseEndUserList with files that are not a valid list', () => {
  const flipped = (offset: number) => {
    const copy = Buffer.from(officialFile);
    for (let i = 0; i < 64; i++) copy[offset + i] = (copy[offset + i] ?? 0) ^ 0x5a;
    return copy;
  };
  const deflatedZip = () => {
    // A zip whose only part inflates to far more than its declared size: a zip bomb in miniature.
    const data = deflateRawSync(Buffer.alloc(1_000_000));
    const zip = storedZip({ '[Content_Types].xml': 'x'.repeat(data.length) });
    const start = 30 + '[Content_Types].xml'.length;
    data.copy(zip, start);
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(8, 8); // local header: deflate
    zip.writeUInt16LE(8, central + 10); // central directory: deflate, declared size stays tiny
    return zip;
  };

  it.each<[string, () => Uint8Array, string]>([
    ['an empty buffer', () => Buffer.alloc(0), 'not_xlsx'],
    ['random bytes', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)), 'not_xlsx'],
    ['a PDF', () => Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n'), 'not_xlsx'],
    ['a CSV export', () => Buffer.from('No.,国名\n1,イラン\n'), 'not_xlsx'],
    ['"PK" followed by garbage', () => Buffer.from(`PK${'x'.repeat(100)}`), 'unreadable'],
    ['a zip archive that is not a workbook', () => storedZip({ 'readme.txt': 'hello' }), 'not_xlsx'],
    ['a zip bomb in miniature', deflatedZip, 'unreadable'],
    [
      'a workbook with broken XML',
      () => storedZip({ '[Content_Types].xml': '<bad', 'xl/workbook.xml': '<<<' }),
      'unreadable',
    ],
    [
      'a workbook without sheets',
      () => storedZip({ '[Content_Types].xml': '<?xml version="1.0"?><Types/>', 'xl/workbook.xml': '<workbook/>' }),
      'header_not_found',
    ],
    ['the first half of the file', () => officialFile.subarray(0, officialFile.length / 2), 'unreadable'],
    ['the file without its last bytes', () => officialFile.subarray(0, officialFile.length - 10), 'unreadable'],
    ['corrupted bytes inside a part', () => flipped(5000), 'unreadable'],
    ['corrupted bytes in the worksheet', () => flipped(40_000), 'unreadable'],
  ])('returns an error for %s instead of throwing', async (_label, make, code) => {
    const result = await parseEndUserList(make());
    if (result.ok) throw new Error('expected failure');
    expect(result.errors.map((e) => e.code)).toEqual([code]);
  });

  it('stops inflating a part at its declared size', async () => {
    const result = await parseEndUserList(deflatedZip());
    if (result.ok) throw new Error('expected failure');
    expect(result.errors[0]?.message_en).toContain('[Content_Types].xml is corrupted');
  });

  it.each<[string, { maxBytes?: number; maxUncompressedBytes?: number }]>([
    ['the file size', { maxBytes: 10_000 }],
    ['the unpacked size', { maxUncompressedBytes: 100_000 }],
  ])('enforces the limit on %s', async (_label, options) => {
    const result = await parseEndUserList(officialFile, options);
    expect(codes(result)).toEqual([[null, null, 'too_large']]);
  });

  it('accepts a Uint8Array view into a larger buffer', async () => {
    const padded = new Uint8Array(officialFile.length + 16);
    padded.set(officialFile, 8);
    const result = await parseEndUserList(padded.subarray(8, 8 + officialFile.length));
    expect(result.ok && result.entries.length).toBe(835);
  });
});
