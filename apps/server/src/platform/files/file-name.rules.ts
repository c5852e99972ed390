/** The longest stored file name, in characters (the extension is kept when a name is shortened). */
export const MAX_FILE_NAME_LENGTH = 200;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * Makes an uploaded file name safe to store and to offer for download: the last path segment only, NFC-normalised,
 * without control or bidirectional-override characters (which can disguise `.exe` as `.pdf`), with characters that
 * Windows forbids replaced, no leading dots, no reserved device names, at most 200 characters; never empty.
 */
export const sanitiseFileName = (name: string): string => {
  const base = name.split(/[/\\]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (WINDOWS_RESERVED.test(clean)) clean = `_${clean}`;
  const chars = [...clean];
  if (chars.length > MAX_FILE_NAME_LENGTH) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 16 ? [...clean.slice(dot)] : [];
    clean = chars.slice(0, MAX_FILE_NAME_LENGTH - ext.length).join('') + ext.join('');
  }
  return clean === '' ? 'file' : clean;
};

const rfc5987 = (value: string): string =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * A Content-Disposition header for a download: an ASCII `filename` for old clients and the exact name as RFC 5987
 * `filename*` (UTF-8, percent-encoded) so that Japanese names arrive intact.
 */
export const contentDisposition = (name: string, disposition: 'attachment' | 'inline' = 'attachment'): string => {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_') || 'file';
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
};
