import { readFileSync } from 'node:fs';

/** Parses the common-passwords data file: one password a line, `#` comment lines, compared lower-cased. */
export const parseCommonPasswords = (text: string): ReadonlySet<string> =>
  new Set(
    text
      .split(/\r?\n/)
      .map((line) => line.trim().toLowerCase())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );

/** The common passwords shipped in `common-passwords.txt` (source and licence in its header), loaded once. */
export const COMMON_PASSWORDS: ReadonlySet<string> = parseCommonPasswords(
  readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8'),
);
