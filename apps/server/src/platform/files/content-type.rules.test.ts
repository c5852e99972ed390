import { deflateRawSync } from 'node:zlib';
import { FILE_CONTENT_TYPES } from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import {
  DOCM,
  detectContentType,
  OLE_COMPOUND_FILE,
  servedContentType,
  UNKNOWN_BINARY,
  XLSM,
} from './content-type.rules';

/** Builds a minimal ZIP archive (local headers + central directory) with the given entry names. */
const zipOf = (names: string[], options: { centralDirectory?: boolean } = {}): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = deflateRawSync(Buffer.from(`<x>${name}</x>`));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length + 10, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  if (options.centralDirectory === false) return Buffer.concat(locals);
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};

const OOXML = ['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml'];

describe('detectContentType', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'a.pdf', FILE_CONTENT_TYPES.pdf],
    [
      'PNG',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'a.png',
      FILE_CONTENT_TYPES.png,
    ],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'a.jpg', FILE_CONTENT_TYPES.jpeg],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'a.gif', FILE_CONTENT_TYPES.gif],
    ['xlsx', zipOf([...OOXML, 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']), 'a.xlsx', FILE_CONTENT_TYPES.xlsx],
    ['docx', zipOf([...OOXML, 'word/document.xml']), 'a.docx', FILE_CONTENT_TYPES.docx],
    ['pptx', zipOf([...OOXML, 'ppt/presentation.xml']), 'a.pptx', FILE_CONTENT_TYPES.pptx],
    ['xlsm', zipOf([...OOXML, 'xl/workbook.xml', 'xl/vbaProject.bin']), 'a.xlsx', XLSM],
    ['docm', zipOf([...OOXML, 'word/document.xml', 'word/vbaProject.bin']), 'a.docx', DOCM],
    ['a plain ZIP', zipOf(['readme.txt', 'xl/fake.xml']), 'a.xlsx', 'application/zip'],
    [
      'xlsx without a central directory',
      zipOf([...OOXML, 'xl/workbook.xml'], { centralDirectory: false }),
      'a',
      FILE_CONTENT_TYPES.xlsx,
    ],
    ['legacy Excel', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'a.xls', OLE_COMPOUND_FILE],
    ['a Windows executable', Buffer.from('MZ\x90\x00\x03\x00', 'latin1'), 'report.pdf', 'application/x-msdownload'],
    ['CSV in Japanese', Buffer.from('\uFEFF技術名,区分\n積層セラミック,極秘\n'), '台帳.csv', FILE_CONTENT_TYPES.csv],
    ['YAML', Buffer.from('name: 垣根\nitems:\n  - a\n'), 'catalogue.yml', FILE_CONTENT_TYPES.yaml],
    ['YAML (.yaml)', Buffer.from('a: 1\n'), 'x.YAML', FILE_CONTENT_TYPES.yaml],
    ['plain text', Buffer.from('メモ\n'), 'memo.txt', FILE_CONTENT_TYPES.text],
    ['text named like a spreadsheet', Buffer.from('a,b\n'), 'ledger.xlsx', FILE_CONTENT_TYPES.text],
    ['Shift_JIS text (not UTF-8)', Buffer.from([0x8b, 0x5a, 0x8f, 0x70, 0x0d, 0x0a]), 'a.csv', UNKNOWN_BINARY],
    ['text with a NUL byte', Buffer.from('a,b\u0000c\n'), 'a.csv', UNKNOWN_BINARY],
    ['random bytes', Buffer.from([0x00, 0x01, 0xfe, 0xff]), 'a.pdf', UNKNOWN_BINARY],
  ])('detects %s', (_label, bytes, name, expected) => {
    expect(detectContentType(bytes, name)).toBe(expected);
  });

  it('never trusts the name: a PDF named .csv is a PDF', () => {
    expect(detectContentType(Buffer.from('%PDF-1.4\n'), 'data.csv')).toBe(FILE_CONTENT_TYPES.pdf);
  });
});

describe('servedContentType', () => {
  it('adds the UTF-8 charset to text types only', () => {
    expect(servedContentType('text/csv')).toBe('text/csv; charset=utf-8');
    expect(servedContentType('application/yaml')).toBe('application/yaml; charset=utf-8');
    expect(servedContentType('application/pdf')).toBe('application/pdf');
  });
});
