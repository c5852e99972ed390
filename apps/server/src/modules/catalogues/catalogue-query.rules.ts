/**
 * Pure rules of the catalogue queries: the default as-of date, search normalisation, filters, sorting, paging, the
 * derived-content attribution of the End User List, and the comparison of two versions.
 */
import { JST_OFFSET_MS } from '@kakine/contracts';
import { isWithinPeriod } from './as-of.rules';

/** Today's calendar date in Japan (Asia/Tokyo, UTC+9 all year), the default of every as-of query. */
export const todayInJapan = (now: Date): string => new Date(now.getTime() + JST_OFFSET_MS).toISOString().slice(0, 10);

const HIRAGANA = /[\u3041-\u3096]/g;

/**
 * The form of a text used for searching and matching: NFKC (full-width letters and half-width katakana become their
 * usual forms), lower case, hiragana as katakana, runs of white space as one space, trimmed.
 */
export const searchKey = (value: string): string =>
  value
    .normalize('NFKC')
    .toLowerCase()
    .replace(HIRAGANA, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60))
    .replace(/\s+/g, ' ')
    .trim();

/** The items of one page (1-based), or none when the page lies beyond the end. */
export const pageOfItems = <T>(items: readonly T[], page: number, pageSize: number): T[] =>
  items.slice((page - 1) * pageSize, page * pageSize);

const collators = { ja: new Intl.Collator('ja'), en: new Intl.Collator('en', { sensitivity: 'base' }) };

/** Sorts a copy of `items` by a text or number key, ascending or descending, with a stable tie-breaker. */
const sortBy = <T>(
  items: readonly T[],
  key: (item: T) => string | number,
  language: 'ja' | 'en',
  order: 'asc' | 'desc',
  tieBreak: (item: T) => string | number,
): T[] => {
  const compare = (a: string | number, b: string | number) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : collators[language].compare(String(a), String(b));
  const sign = order === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => sign * (compare(key(a), key(b)) || compare(tieBreak(a), tieBreak(b))));
};

// ---------------------------------------------------------------------------------------------------------------
// Countries

/** A country as stored in a version. */
export type CountryRecord = {
  readonly alpha2: string;
  readonly alpha3: string;
  readonly numeric: string;
  readonly nameJa: string;
  readonly nameEn: string;
};

/** A dated group membership as stored in a version. */
export type MembershipRecord = {
  readonly alpha2: string;
  readonly groupCode: string;
  readonly effectiveFrom: string;
  readonly effectiveTo: string | null;
  readonly source: string;
  readonly status: 'C' | 'I' | 'U';
  readonly statusNote: string | null;
};

/** A country with its Group A state on a date. */
export type CountryOnDate = CountryRecord & {
  readonly groupA: boolean;
  readonly groupAMembership: {
    readonly effectiveFrom: string;
    readonly effectiveTo: string | null;
    readonly source: string;
    readonly status: 'C' | 'I' | 'U';
    readonly statusNote: string | null;
  } | null;
};

/** Filters and order of a countries query. */
export type CountryFilter = {
  readonly q?: string | undefined;
  readonly groupA?: boolean | undefined;
  readonly sort: 'alpha2' | 'nameJa' | 'nameEn';
  readonly order: 'asc' | 'desc';
};

/**
 * The countries of a version as they stand on `date`: each with the Group A membership valid that day (both ends
 * inclusive), filtered by text (part of either name, or an exact code) and Group A state, and sorted.
 */
export const countriesOnDate = (
  countries: readonly CountryRecord[],
  memberships: readonly MembershipRecord[],
  date: string,
  filter: CountryFilter,
  groupCode = 'A',
): CountryOnDate[] => {
  const valid = new Map<string, MembershipRecord>();
  for (const m of memberships) {
    if (m.groupCode === groupCode && isWithinPeriod(date, { from: m.effectiveFrom, to: m.effectiveTo }))
      valid.set(m.alpha2, m);
  }
  const q = filter.q ? searchKey(filter.q) : '';
  const matches = (c: CountryRecord) => {
    if (q === '') return true;
    const code = q.toUpperCase();
    if (c.alpha2 === code || c.alpha3 === code || c.numeric === q) return true;
    return searchKey(c.nameJa).includes(q) || searchKey(c.nameEn).includes(q);
  };
  const result: CountryOnDate[] = [];
  for (const c of countries) {
    const membership = valid.get(c.alpha2);
    if (!matches(c)) continue;
    if (filter.groupA !== undefined && filter.groupA !== (membership !== undefined)) continue;
    result.push({
      alpha2: c.alpha2,
      alpha3: c.alpha3,
      numeric: c.numeric,
      nameJa: c.nameJa,
      nameEn: c.nameEn,
      groupA: membership !== undefined,
      groupAMembership: membership
        ? {
            effectiveFrom: membership.effectiveFrom,
            effectiveTo: membership.effectiveTo,
            source: membership.source,
            status: membership.status,
            statusNote: membership.statusNote,
          }
        : null,
    });
  }
  const language = filter.sort === 'nameJa' ? 'ja' : 'en';
  return sortBy(
    result,
    (c) => c[filter.sort],
    language,
    filter.order,
    (c) => c.alpha2,
  );
};

// ---------------------------------------------------------------------------------------------------------------
// End User List

/** An End User List entry as stored in a version (without the original cells). */
export type EndUserRecord = {
  readonly number: number;
  readonly countryJa: string;
  readonly countryEn: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly concerns: readonly ('B' | 'C' | 'M' | 'N')[];
  readonly conventionalWeapons: boolean;
};

/** Filters and order of an End User List query. */
export type EndUserFilter = {
  readonly q?: string | undefined;
  readonly country?: string | undefined;
  readonly concern?: 'B' | 'C' | 'M' | 'N' | 'CW' | undefined;
  readonly sort: 'number' | 'name' | 'country';
  readonly order: 'asc' | 'desc';
};

/**
 * The entries that match: `q` is part of the name or of an alias (NFKC, case- and width-insensitive), `country`
 * equals the Japanese or English country name as the list writes it, `concern` is a WMD code or CW (conventional
 * weapons); sorted by No., name or country.
 */
export const endUserEntriesMatching = <E extends EndUserRecord>(entries: readonly E[], filter: EndUserFilter): E[] => {
  const q = filter.q ? searchKey(filter.q) : '';
  const country = filter.country ? searchKey(filter.country) : '';
  const result = entries.filter((e) => {
    if (country !== '' && searchKey(e.countryJa) !== country && searchKey(e.countryEn) !== country) return false;
    if (filter.concern === 'CW' && !e.conventionalWeapons) return false;
    if (filter.concern && filter.concern !== 'CW' && !e.concerns.includes(filter.concern)) return false;
    if (q === '') return true;
    return searchKey(e.name).includes(q) || e.aliases.some((alias) => searchKey(alias).includes(q));
  });
  if (filter.sort === 'number')
    return sortBy(
      result,
      (e) => e.number,
      'en',
      filter.order,
      (e) => e.number,
    );
  if (filter.sort === 'name')
    return sortBy(
      result,
      (e) => e.name,
      'en',
      filter.order,
      (e) => e.number,
    );
  return sortBy(
    result,
    (e) => e.countryJa,
    'ja',
    filter.order,
    (e) => e.number,
  );
};

/** The countries and regions of an edition with their number of entities, in the order they first appear. */
export const endUserCountries = (
  entries: readonly EndUserRecord[],
): { countryJa: string; countryEn: string; count: number }[] => {
  const counts = new Map<string, { countryJa: string; countryEn: string; count: number }>();
  for (const e of entries) {
    const key = `${e.countryJa}\u0000${e.countryEn}`;
    const current = counts.get(key);
    if (current) current.count += 1;
    else counts.set(key, { countryJa: e.countryJa, countryEn: e.countryEn, count: 1 });
  }
  return sortBy(
    [...counts.values()],
    (c) => c.countryJa,
    'ja',
    'asc',
    (c) => c.countryEn,
  );
};

/**
 * The credit for displays and exports of entries derived from a source (split, normalised), as the Government of
 * Japan Standard Terms of Use ask for edited content: 「出典：X」 becomes 「Xを加工して作成」.
 */
export const derivedAttribution = (attribution: string | null): string | null => {
  if (attribution === null || attribution.trim() === '') return null;
  const credited = attribution.trim().replace(/^出典\s*[：:]\s*/, '');
  return `${credited}を加工して作成`;
};

/**
 * What identifies an End User List entity across editions: its normalised name and country. METI renumbers the list
 * in every edition, so No. never identifies an entity.
 */
export const endUserKey = (entry: Pick<EndUserRecord, 'name' | 'countryJa'>): string =>
  `${searchKey(entry.name)}|${searchKey(entry.countryJa)}`;

// ---------------------------------------------------------------------------------------------------------------
// Comparing versions

/** The differences between two lists of entries matched by key. */
export type EntryDiff<T> = {
  added: T[];
  removed: T[];
  changed: { key: string; fields: string[]; before: T; after: T }[];
  unchanged: number;
};

const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares two versions' entries: entries are matched by `keyOf` (entries sharing a key are paired in their order),
 * an entry is changed when any of `fields` differs, and every entry is reported in the order of its own version.
 */
export const diffEntries = <T extends object>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (entry: T) => string,
  fields: readonly (keyof T & string)[],
): EntryDiff<T> => {
  const waiting = new Map<string, T[]>();
  for (const entry of before) {
    const key = keyOf(entry);
    waiting.set(key, [...(waiting.get(key) ?? []), entry]);
  }
  const result: EntryDiff<T> = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const entry of after) {
    const key = keyOf(entry);
    const candidates = waiting.get(key);
    const previous = candidates?.shift();
    if (previous === undefined) {
      result.added.push(entry);
      continue;
    }
    const differing = fields.filter((field) => !sameValue(previous[field], entry[field]));
    if (differing.length > 0) result.changed.push({ key, fields: differing, before: previous, after: entry });
    else result.unchanged += 1;
  }
  const left = new Set([...waiting.values()].flat());
  result.removed = before.filter((entry) => left.has(entry));
  return result;
};
