import { describe, expect, it } from 'vitest';
import { contentDisposition, MAX_FILE_NAME_LENGTH, sanitiseFileName } from './file-name.rules';

describe('sanitiseFileName', () => {
  it.each([
    ['事前報告書_2026年度.pdf', '事前報告書_2026年度.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\sato\\技術台帳.xlsx', '技術台帳.xlsx'],
    ['  .hidden  ', 'hidden'],
    ['report\u202Efdp.exe', 'reportfdp.exe'],
    ['a\u0000b\r\nc.txt', 'abc.txt'],
    ['what?<is>this:"file"|*.csv', 'what__is_this__file___.csv'],
    ['CON.txt', '_CON.txt'],
    ['name.', 'name'],
    ['', 'file'],
    ['...', 'file'],
    ['カ\u3099タログ.yaml', 'ガタログ.yaml'],
  ])('turns %j into %j', (input, expected) => {
    expect(sanitiseFileName(input)).toBe(expected);
  });

  it('shortens long names and keeps the extension', () => {
    const long = `${'技'.repeat(300)}.xlsx`;
    const clean = sanitiseFileName(long);
    expect([...clean]).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(clean.endsWith('.xlsx')).toBe(true);
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('技術台帳 (2026).xlsx')).toBe(
      'attachment; filename="____ (2026).xlsx"; filename*=UTF-8\'\'%E6%8A%80%E8%A1%93%E5%8F%B0%E5%B8%B3%20%282026%29.xlsx',
    );
  });

  it('never lets a quote or backslash end the quoted fallback', () => {
    expect(contentDisposition('a"b\\c.txt')).toMatch(
      /^attachment; filename="a_b_c\.txt"; filename\*=UTF-8''a%22b%5Cc\.txt$/,
    );
  });
});
