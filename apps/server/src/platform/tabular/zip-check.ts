import { inflateRawSync } from 'node:zlib';

const SIGNATURE_END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const SIGNATURE_CENTRAL_DIRECTORY = 0x02014b50;
const SIGNATURE_LOCAL_HEADER = 0x04034b50;

/** The outcome of inflating a zip archive under limits: every part's bytes, or why the archive was refused. */
export type ZipInflateResult =
  | { readonly ok: true; readonly parts: ReadonlyMap<string, Buffer> }
  | {
      readonly ok: false;
      readonly reason: 'not_zip' | 'corrupted' | 'unsupported' | 'too_large';
      readonly detail: string;
    };

/**
 * Reads a zip archive's central directory and inflates every part with an output cap equal to its declared size and
 * a cap on the total, so that truncated, encrypted, zip64 and bomb-like archives are refused with bounded memory
 * before a library that trusts the archive (exceljs) sees them.
 */
export const inflateZip = (bytes: Uint8Array, maxUncompressedBytes: number): ZipInflateResult => {
  const fail = (reason: 'not_zip' | 'corrupted' | 'unsupported' | 'too_large', detail: string): ZipInflateResult => ({
    ok: false,
    reason,
    detail,
  });
  if (bytes.length < 22 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return fail('not_zip', 'not a zip archive');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  let end = -1;
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 0xffff); p--) {
    if (view.getUint32(p, true) === SIGNATURE_END_OF_CENTRAL_DIRECTORY) {
      end = p;
      break;
    }
  }
  if (end < 0) return fail('corrupted', 'the zip directory is missing; the file may be truncated');
  const entryCount = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entryCount === 0xffff || directoryOffset === 0xffffffff) return fail('unsupported', 'zip64 is not supported');
  if (directoryOffset + directorySize > end) return fail('corrupted', 'the zip directory is corrupted');

  const parts = new Map<string, Buffer>();
  let total = 0;
  let p = directoryOffset;
  for (let i = 0; i < entryCount; i++) {
    if (p + 46 > end || view.getUint32(p, true) !== SIGNATURE_CENTRAL_DIRECTORY)
      return fail('corrupted', 'the zip directory is corrupted');
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const compressedSize = view.getUint32(p + 20, true);
    const uncompressedSize = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const localOffset = view.getUint32(p + 42, true);
    if (p + 46 + nameLength > end) return fail('corrupted', 'the zip directory is corrupted');
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if ((flags & 0x1) !== 0) return fail('unsupported', 'the file is encrypted');
    total += uncompressedSize;
    if (total > maxUncompressedBytes) return fail('too_large', `more than ${maxUncompressedBytes} bytes unpacked`);

    if (localOffset + 30 > bytes.length || view.getUint32(localOffset, true) !== SIGNATURE_LOCAL_HEADER)
      return fail('corrupted', `part ${name} is corrupted`);
    const dataStart =
      localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) return fail('corrupted', `part ${name} is truncated`);
    const data = bytes.subarray(dataStart, dataStart + compressedSize);
    let inflated: Buffer;
    if (method === 0) inflated = Buffer.from(data);
    else if (method === 8) {
      try {
        inflated = inflateRawSync(data, { maxOutputLength: uncompressedSize + 1 });
      } catch {
        return fail('corrupted', `part ${name} is corrupted`);
      }
    } else return fail('unsupported', `part ${name} uses an unsupported compression method`);
    if (inflated.length !== uncompressedSize) return fail('corrupted', `part ${name} is corrupted`);
    parts.set(name, inflated);
  }
  return { ok: true, parts };
};
