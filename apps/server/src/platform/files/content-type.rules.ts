import { FILE_CONTENT_TYPES } from '@kakine/contracts';

/** Legacy Office (OLE2 compound file: .xls, .doc, .ppt), named so that a refusal can say what was sent. */
export const OLE_COMPOUND_FILE = 'application/x-ole-storage';
/** Macro-enabled OOXML workbooks are told apart from plain ones so that they are never accepted as `.xlsx`. */
export const XLSM = 'application/vnd.ms-excel.sheet.macroEnabled.12';
/** Macro-enabled Word document. */
export const DOCM = 'application/vnd.ms-word.document.macroEnabled.12';
/** Macro-enabled PowerPoint presentation. */
export const PPTM = 'application/vnd.ms-powerpoint.presentation.macroEnabled.12';
/** Anything that matches no known signature and is not UTF-8 text. */
export const UNKNOWN_BINARY = 'application/octet-stream';

const startsWith = (bytes: Buffer, signature: readonly number[] | string, offset = 0): boolean => {
  const sig = typeof signature === 'string' ? Buffer.from(signature, 'latin1') : Buffer.from(signature);
  return bytes.length >= offset + sig.length && bytes.subarray(offset, offset + sig.length).equals(sig);
};

const MAX_ZIP_ENTRIES = 10_000;

/** Names of a ZIP archive's entries from its central directory; null when the archive cannot be read that way. */
const centralDirectoryNames = (bytes: Buffer): string[] | null => {
  const EOCD = 0x06054b50;
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (bytes.readUInt32LE(at) !== EOCD) continue;
    const entries = bytes.readUInt16LE(at + 10);
    const offset = bytes.readUInt32LE(at + 16);
    if (entries === 0xffff || offset === 0xffffffff || offset >= bytes.length) return null;
    const names: string[] = [];
    let p = offset;
    for (let i = 0; i < Math.min(entries, MAX_ZIP_ENTRIES); i++) {
      if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return null;
      const nameLength = bytes.readUInt16LE(p + 28);
      const extraLength = bytes.readUInt16LE(p + 30);
      const commentLength = bytes.readUInt16LE(p + 32);
      if (p + 46 + nameLength > bytes.length) return null;
      names.push(bytes.toString('utf8', p + 46, p + 46 + nameLength));
      p += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return null;
};

/** Names of a ZIP archive's leading entries read from local headers (for archives without a usable directory). */
const localHeaderNames = (bytes: Buffer): string[] => {
  const names: string[] = [];
  let p = 0;
  while (names.length < MAX_ZIP_ENTRIES && p + 30 <= bytes.length && bytes.readUInt32LE(p) === 0x04034b50) {
    const flags = bytes.readUInt16LE(p + 6);
    const compressedSize = bytes.readUInt32LE(p + 18);
    const nameLength = bytes.readUInt16LE(p + 26);
    const extraLength = bytes.readUInt16LE(p + 28);
    if (p + 30 + nameLength > bytes.length) break;
    names.push(bytes.toString('utf8', p + 30, p + 30 + nameLength));
    // With a data descriptor (flag bit 3) the size is only known after the data: stop at the first such entry.
    if (flags & 0x08) break;
    p += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
};

/** Classifies a ZIP archive: an OOXML document (told apart by `[Content_Types].xml` and its part folders) or a ZIP. */
export const classifyZip = (bytes: Buffer): string => {
  const names = centralDirectoryNames(bytes) ?? localHeaderNames(bytes);
  if (!names.includes('[Content_Types].xml')) return 'application/zip';
  const has = (prefix: string) => names.some((n) => n.startsWith(prefix));
  const macros = (folder: string) => names.includes(`${folder}vbaProject.bin`);
  if (has('xl/')) return macros('xl/') ? XLSM : FILE_CONTENT_TYPES.xlsx;
  if (has('word/')) return macros('word/') ? DOCM : FILE_CONTENT_TYPES.docx;
  if (has('ppt/')) return macros('ppt/') ? PPTM : FILE_CONTENT_TYPES.pptx;
  return 'application/zip';
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether bytes are text Kakine accepts: valid UTF-8 (a BOM is fine) with no NUL byte. */
export const isUtf8Text = (bytes: Buffer): boolean => {
  if (bytes.includes(0)) return false;
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

const extensionOf = (fileName: string): string => {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
};

/**
 * Detects a file's content type from its bytes: signatures for PDF, PNG, JPEG, GIF, ZIP/OOXML (xlsx, docx, pptx and
 * their macro-enabled forms), legacy Office, executables and gzip; otherwise UTF-8 text, where the extension only
 * chooses among the text types (CSV, YAML, plain). The name can never turn binary bytes into an accepted type.
 */
export const detectContentType = (bytes: Buffer, fileName: string): string => {
  if (startsWith(bytes, '%PDF-')) return FILE_CONTENT_TYPES.pdf;
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return FILE_CONTENT_TYPES.png;
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return FILE_CONTENT_TYPES.jpeg;
  if (startsWith(bytes, 'GIF87a') || startsWith(bytes, 'GIF89a')) return FILE_CONTENT_TYPES.gif;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return classifyZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return OLE_COMPOUND_FILE;
  if (startsWith(bytes, 'MZ')) return 'application/x-msdownload';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'application/x-executable';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'application/gzip';
  if (isUtf8Text(bytes)) {
    const ext = extensionOf(fileName);
    if (ext === 'csv') return FILE_CONTENT_TYPES.csv;
    if (ext === 'yaml' || ext === 'yml') return FILE_CONTENT_TYPES.yaml;
    return FILE_CONTENT_TYPES.text;
  }
  return UNKNOWN_BINARY;
};

/** The Content-Type header to serve a stored type with: UTF-8 text says its charset. */
export const servedContentType = (contentType: string): string =>
  contentType.startsWith('text/') || contentType === FILE_CONTENT_TYPES.yaml
    ? `${contentType}; charset=utf-8`
    : contentType;
