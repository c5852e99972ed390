import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogueName } from '@kakine/contracts';
import type { Database } from '../../platform/db/database';
import type { Logger } from '../../platform/logger/logger';
import {
  type CatalogueVersionMeta,
  parseCatalogueMetadataFile,
  parseCountriesCatalogue,
  parseDesignatedTechnologiesFile,
} from './catalogue-files.rules';
import { type FileProblem, type ParsedCatalogue, writeVersion } from './catalogue-import';
import * as repo from './catalogues.repository';
import { type EndUserListParseResult, parseEndUserList } from './end-user-list.parser';

/** The folder of the catalogues shipped with Kakine (`catalogues/` at the project root), found from this file. */
export const BUNDLED_CATALOGUES_DIR = fileURLToPath(new URL('../../../../../catalogues/', import.meta.url));

/** A bundled catalogue file that cannot be read; start-up stops with this message, which names file, row and field. */
export class BundledCatalogueError extends Error {
  /** Creates the error from the problems found in one catalogue's files. */
  constructor(
    readonly catalogue: CatalogueName,
    readonly problems: readonly FileProblem[],
    directory: string,
  ) {
    const shown = problems.slice(0, 20).map((p) => {
      const where = [
        p.file ? path.join(path.basename(directory), p.file) : null,
        p.row !== null ? `row ${p.row}` : null,
        p.field ? `field "${p.field}"` : null,
      ].filter(Boolean);
      return `  ${where.join(', ')}: ${p.message_en} / ${p.message_ja} [${p.code}]`;
    });
    const more = problems.length > shown.length ? [`  … and ${problems.length - shown.length} more`] : [];
    super(
      [
        `The bundled ${catalogue} catalogue in ${directory} is invalid; Kakine cannot start. ` +
          '同梱カタログファイルに誤りがあるため起動できません。',
        ...shown,
        ...more,
      ].join('\n'),
    );
    this.name = 'BundledCatalogueError';
  }
}

/** What happened to one bundled version at start-up. */
export type BundledLoadOutcome = {
  catalogue: CatalogueName;
  effectiveFrom: string;
  /** `loaded`: inserted now; `present`: already stored from the same file; `kept`: stored from another file. */
  status: 'loaded' | 'present' | 'kept';
  versionId: string;
  fileSha256: string;
  /** The bundled file(s), relative to the catalogues folder. */
  files: string;
};

type BundledSource = {
  catalogue: CatalogueName;
  /** Files relative to the catalogues folder, for messages. */
  label: string;
  version: CatalogueVersionMeta;
  sha256: string;
  /** Reads and validates the entries; only called when the version is not stored yet. */
  read: () => Promise<ParsedCatalogue>;
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * SHA-256 of a set of files: each file contributes `name NUL byte-length NUL bytes`, in the order given, so that a
 * renamed, reordered or edited file changes the hash.
 */
const combinedSha256 = (files: readonly { name: string; bytes: Uint8Array }[]) => {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.name}\u0000${file.bytes.byteLength}\u0000`).update(file.bytes);
  return hash.digest('hex');
};

const withFile = (file: string, problems: readonly FileProblem[]): FileProblem[] =>
  problems.map((p) => ({ ...p, file: p.file ?? file }));

const yamlFiles = (folder: string) =>
  readdirSync(folder)
    .filter((name) => /\.ya?ml$/i.test(name))
    .sort();

// Parsing the End User List workbook takes a few hundred milliseconds; a process that loads the same bundled bytes
// into several databases (the test suite) parses them once.
const workbookCache = new Map<string, Promise<EndUserListParseResult>>();
const parseWorkbookOnce = (hash: string, bytes: Uint8Array) => {
  let result = workbookCache.get(hash);
  if (!result) {
    result = parseEndUserList(bytes);
    workbookCache.set(hash, result);
  }
  return result;
};

/** Reads the designated-technologies folder: one YAML file per version, validated completely on every start. */
const technologySources = (directory: string): BundledSource[] => {
  const folder = path.join(directory, 'designated-technologies');
  return yamlFiles(folder).map((name) => {
    const file = `designated-technologies/${name}`;
    const bytes = readFileSync(path.join(folder, name));
    const parsed = parseDesignatedTechnologiesFile(bytes.toString('utf8'));
    if (!parsed.ok)
      throw new BundledCatalogueError('designated_technologies', withFile(file, parsed.errors), directory);
    return {
      catalogue: 'designated_technologies',
      label: file,
      version: parsed.version,
      sha256: sha256(bytes),
      read: async () => ({ catalogue: 'designated_technologies', technologies: parsed.entries }),
    };
  });
};

/** Reads the countries folder: catalogue.yaml, iso-3166-1.csv and every group-*.yaml, as one version. */
const countrySources = (directory: string): BundledSource[] => {
  const folder = path.join(directory, 'countries');
  const names = ['catalogue.yaml', 'iso-3166-1.csv', ...yamlFiles(folder).filter((n) => n.startsWith('group-'))];
  const files = names.map((name) => ({ name, bytes: readFileSync(path.join(folder, name)) }));
  const text = (name: string) => files.find((f) => f.name === name)?.bytes.toString('utf8') ?? '';
  const parsed = parseCountriesCatalogue({
    metadata: { name: 'countries/catalogue.yaml', content: text('catalogue.yaml') },
    countries: { name: 'countries/iso-3166-1.csv', content: text('iso-3166-1.csv') },
    groups: names.slice(2).map((name) => ({ name: `countries/${name}`, content: text(name) })),
  });
  if (!parsed.ok) throw new BundledCatalogueError('countries', parsed.errors, directory);
  return [
    {
      catalogue: 'countries',
      label: `countries/{${names.join(',')}}`,
      version: parsed.version,
      sha256: combinedSha256(files),
      read: async () => ({
        catalogue: 'countries',
        countries: parsed.entries.countries,
        memberships: parsed.entries.memberships,
      }),
    },
  ];
};

/** Reads the End User List folder: catalogue.yaml and exactly one official workbook (.xlsx). */
const endUserListSources = (directory: string): BundledSource[] => {
  const folder = path.join(directory, 'end-user-list');
  const metadataFile = 'end-user-list/catalogue.yaml';
  const metadata = parseCatalogueMetadataFile(
    readFileSync(path.join(folder, 'catalogue.yaml'), 'utf8'),
    'end_user_list',
  );
  if (!metadata.ok)
    throw new BundledCatalogueError('end_user_list', withFile(metadataFile, metadata.errors), directory);
  const workbooks = readdirSync(folder).filter((name) => name.toLowerCase().endsWith('.xlsx'));
  if (workbooks.length !== 1) {
    const problem: FileProblem = {
      file: 'end-user-list/',
      row: null,
      field: null,
      code: 'file_count',
      message_ja: `Excelファイルはちょうど1つ必要です（${workbooks.length}個あります）。`,
      message_en: `Exactly one .xlsx workbook is expected (found ${workbooks.length}).`,
    };
    throw new BundledCatalogueError('end_user_list', [problem], directory);
  }
  const workbook = `end-user-list/${workbooks[0]}`;
  const bytes = readFileSync(path.join(directory, workbook));
  const hash = sha256(bytes);
  return [
    {
      catalogue: 'end_user_list',
      label: workbook,
      version: metadata.version,
      sha256: hash,
      read: async () => {
        const result = await parseWorkbookOnce(hash, bytes);
        if (!result.ok) throw new BundledCatalogueError('end_user_list', withFile(workbook, result.errors), directory);
        return { catalogue: 'end_user_list', entries: result.entries };
      },
    },
  ];
};

/**
 * Stores the catalogues shipped in `catalogues/` as versions, at start-up, in system context. Idempotent and cheap
 * once loaded: a version is recognised by catalogue, effective date and the SHA-256 of its file(s), and only new
 * versions are parsed in full and inserted (each in one transaction). A stored version is never replaced: when the
 * bundled file for a stored date differs, the stored version is kept and a warning is logged (corrections ship as a
 * new effective date or are published by a catalogue administrator). A bad bundled file throws
 * BundledCatalogueError naming the file, row and field.
 */
export const loadBundledCatalogues = async (deps: {
  db: Database;
  log?: Logger;
  directory?: string;
}): Promise<BundledLoadOutcome[]> => {
  const started = performance.now();
  const directory = deps.directory ?? BUNDLED_CATALOGUES_DIR;
  const sources = [...technologySources(directory), ...countrySources(directory), ...endUserListSources(directory)];
  const outcomes: BundledLoadOutcome[] = [];
  for (const source of sources) {
    const { catalogue, effectiveFrom } = source.version;
    const outcome = (status: BundledLoadOutcome['status'], versionId: string): BundledLoadOutcome => ({
      catalogue,
      effectiveFrom,
      status,
      versionId,
      fileSha256: source.sha256,
      files: source.label,
    });
    const stored = await deps.db.system((tx) => repo.findVersionByDate(tx, catalogue, effectiveFrom));
    if (stored) {
      outcomes.push(outcome(stored.fileSha256 === source.sha256 ? 'present' : 'kept', stored.id));
      continue;
    }
    const parsed = await source.read();
    const result = await deps.db.system(async (tx) => {
      await repo.lockCatalogueDate(tx, catalogue, effectiveFrom);
      // Another server may have loaded it while this one was parsing.
      const raced = await repo.findVersionByDate(tx, catalogue, effectiveFrom);
      if (raced) return outcome(raced.fileSha256 === source.sha256 ? 'present' : 'kept', raced.id);
      const versionId = await writeVersion(
        tx,
        { ...source.version, fileSha256: source.sha256, fileId: null, publishedBy: null, publishedByTenant: null },
        parsed,
      );
      return outcome('loaded', versionId);
    });
    outcomes.push(result);
  }
  deps.log?.info(
    { ms: Math.round(performance.now() - started), loaded: outcomes.filter((o) => o.status === 'loaded').length },
    'bundled catalogues checked',
  );
  for (const o of outcomes) {
    if (o.status === 'loaded') deps.log?.info({ ...o }, 'bundled catalogue version loaded');
    if (o.status === 'kept')
      deps.log?.warn(
        { ...o },
        'a stored catalogue version has the effective date of a bundled file with other content; the stored version is kept',
      );
  }
  return outcomes;
};
