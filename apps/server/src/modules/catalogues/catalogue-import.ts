import type { CatalogueFileProblem, CatalogueInvalidFileDetails, CatalogueName, Locale } from '@kakine/contracts';
import type { Tx } from '../../platform/db/database';
import {
  type CatalogueUploadOptions,
  type CountryEntry,
  type CountryGroupMembershipEntry,
  type DesignatedTechnologyEntry,
  parseCountriesUploadFile,
  parseDesignatedTechnologiesFile,
} from './catalogue-files.rules';
import * as repo from './catalogues.repository';
import { type EndUserListEntry, parseEndUserList } from './end-user-list.parser';

/** The entries of one catalogue version, read and validated from its file(s), ready to be stored. */
export type ParsedCatalogue =
  | { readonly catalogue: 'designated_technologies'; readonly technologies: readonly DesignatedTechnologyEntry[] }
  | {
      readonly catalogue: 'countries';
      readonly countries: readonly CountryEntry[];
      readonly memberships: readonly CountryGroupMembershipEntry[];
    }
  | { readonly catalogue: 'end_user_list'; readonly entries: readonly EndUserListEntry[] };

/** One problem of a catalogue file in both languages, as the parsers report it. */
export type FileProblem = {
  readonly file?: string;
  readonly row: number | null;
  readonly field: string | null;
  readonly code: string;
  readonly message_ja: string;
  readonly message_en: string;
};

/** The outcome of reading an uploaded catalogue file. */
export type UploadParseResult =
  | { readonly ok: true; readonly parsed: ParsedCatalogue }
  | { readonly ok: false; readonly errors: readonly FileProblem[] };

/** Rows per INSERT statement when a version is stored (and the step of the publishing job's progress). */
export const INSERT_BATCH_SIZE = 500;
/** The most problems a rejected file reports; the total is always given. */
export const MAX_REPORTED_PROBLEMS = 500;

/** The number a version shows as its size: technologies, countries or End User List entities. */
export const entryCountOf = (parsed: ParsedCatalogue): number => {
  if (parsed.catalogue === 'designated_technologies') return parsed.technologies.length;
  if (parsed.catalogue === 'countries') return parsed.countries.length;
  return parsed.entries.length;
};

/** How many rows storing the version inserts (countries count their memberships too). */
export const rowCountOf = (parsed: ParsedCatalogue): number =>
  parsed.catalogue === 'countries' ? parsed.countries.length + parsed.memberships.length : entryCountOf(parsed);

const notUtf8: FileProblem = {
  row: null,
  field: null,
  code: 'file_syntax',
  message_ja: 'ファイルがUTF-8のテキストではありません。',
  message_en: 'The file is not UTF-8 text.',
};

const decodeUtf8 = (bytes: Uint8Array): string | null => {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.startsWith('\uFEFF') ? text.slice(1) : text;
  } catch {
    return null;
  }
};

/**
 * Reads an uploaded catalogue file: the official End User List workbook (.xlsx), a designated-technologies YAML in
 * the bundled format, or the one-file countries YAML (see parseCountriesUploadFile). Never throws for bad input.
 */
export const parseCatalogueUpload = async (
  catalogue: CatalogueName,
  bytes: Uint8Array,
  options: CatalogueUploadOptions = {},
): Promise<UploadParseResult> => {
  if (catalogue === 'end_user_list') {
    const result = await parseEndUserList(bytes);
    return result.ok ? { ok: true, parsed: { catalogue, entries: result.entries } } : result;
  }
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, errors: [notUtf8] };
  if (catalogue === 'designated_technologies') {
    const result = parseDesignatedTechnologiesFile(text, options);
    return result.ok ? { ok: true, parsed: { catalogue, technologies: result.entries } } : result;
  }
  const result = parseCountriesUploadFile(text, options);
  return result.ok
    ? { ok: true, parsed: { catalogue, countries: result.entries.countries, memberships: result.entries.memberships } }
    : result;
};

/**
 * The details of `catalogue/invalid_file`: at most MAX_REPORTED_PROBLEMS problems with their message in `locale`,
 * and how many there were in all.
 */
export const invalidFileDetails = (errors: readonly FileProblem[], locale: Locale): CatalogueInvalidFileDetails => ({
  errors: errors.slice(0, MAX_REPORTED_PROBLEMS).map(
    (e): CatalogueFileProblem => ({
      row: e.row,
      field: e.field,
      code: e.code,
      message: locale === 'ja' ? e.message_ja : e.message_en,
    }),
  ),
  total: errors.length,
});

const inBatches = async <T>(
  items: readonly T[],
  insert: (batch: readonly T[]) => Promise<void>,
  onRows: (count: number) => void,
) => {
  for (let start = 0; start < items.length; start += INSERT_BATCH_SIZE) {
    const batch = items.slice(start, start + INSERT_BATCH_SIZE);
    await insert(batch);
    onRows(batch.length);
  }
};

/**
 * Stores a version and all its entries inside the caller's transaction, in batches of INSERT_BATCH_SIZE rows, and
 * tells `onProgress` how many of the rows are in after each batch; returns the new version's id.
 */
export const writeVersion = async (
  tx: Tx,
  version: Omit<repo.NewVersion, 'entryCount'>,
  parsed: ParsedCatalogue,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<string> => {
  const total = rowCountOf(parsed);
  let done = 0;
  const onRows = (count: number) => {
    done += count;
    onProgress(done, total);
  };
  const versionId = await repo.insertVersion(tx, { ...version, entryCount: entryCountOf(parsed) });
  if (parsed.catalogue === 'designated_technologies') {
    await inBatches(parsed.technologies, (batch) => repo.insertTechnologies(tx, versionId, batch), onRows);
  } else if (parsed.catalogue === 'countries') {
    await inBatches(parsed.countries, (batch) => repo.insertCountries(tx, versionId, batch), onRows);
    await inBatches(parsed.memberships, (batch) => repo.insertMemberships(tx, versionId, batch), onRows);
  } else {
    await inBatches(parsed.entries, (batch) => repo.insertEndUserEntries(tx, versionId, batch), onRows);
  }
  return versionId;
};
