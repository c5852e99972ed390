import {
  type DesignatedTechnologyRef,
  type FieldChange,
  type RequirementStatus,
  TRADE_SECRET_REQUIREMENTS,
  type TradeSecretRequirement,
} from '@kakine/contracts';

/** Japan has no daylight saving time, so Asia/Tokyo is always UTC+9. */
const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The calendar date (`YYYY-MM-DD`) in Asia/Tokyo at the instant `d`: "today" for every rule of the register. */
export const tokyoDate = (d: Date): string => new Date(d.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const daysInMonth = (year: number, month0: number): number => new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();

/**
 * Adds whole months to a `YYYY-MM-DD` date; a day that does not exist in the target month becomes that month's last
 * day (2026-01-31 + 1 month = 2026-02-28), which is how people read "every month" on a calendar.
 */
export const addMonths = (date: string, months: number): string => {
  const match = DATE.exec(date);
  if (!match) throw new RangeError(`date must be YYYY-MM-DD, got "${date}"`);
  const total = Number(match[1]) * 12 + (Number(match[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const day = Math.min(Number(match[3]), daysInMonth(year, month0));
  return `${String(year).padStart(4, '0')}-${String(month0 + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
};

/**
 * The date a technology's next review is due: `intervalMonths` after its last review, or after the day it was
 * registered when it has never been reviewed.
 */
export const nextReviewOn = (lastReviewedOn: string | null, createdOn: string, intervalMonths: number): string =>
  addMonths(lastReviewedOn ?? createdOn, intervalMonths);

/** Whether a review is overdue today: the due date has passed (a review due today is not yet overdue). */
export const isReviewOverdue = (nextReview: string, today: string): boolean => nextReview < today;

/**
 * Whether a technology would qualify as a trade secret (営業秘密) today: only when all three requirements are `met`.
 * A requirement without an assessment counts as not assessed, so it fails. `failing` keeps the statutory order.
 */
export const tradeSecretVerdict = (
  requirements: readonly { requirement: TradeSecretRequirement; status: RequirementStatus }[],
): { qualifies: boolean; failing: TradeSecretRequirement[] } => {
  const statusOf = new Map(requirements.map((r) => [r.requirement, r.status]));
  const failing = TRADE_SECRET_REQUIREMENTS.filter((r) => statusOf.get(r) !== 'met');
  return { qualifies: failing.length === 0, failing };
};

/**
 * Normalises text for substring search: NFKC (full-width ＡＢＣ and half-width ｶﾀｶﾅ become their usual forms) and
 * lowercase, so that the stored search text and the user's query compare alike.
 */
export const normaliseSearch = (text: string): string => text.normalize('NFKC').toLowerCase();

/**
 * The stored search text of a technology: code, names, description and products, normalised, one per line. The
 * database indexes it with pg_trgm so that Japanese substrings (「コンデンサ」) match without word boundaries.
 */
export const technologySearchText = (t: {
  code: string;
  nameJa: string;
  nameEn: string | null;
  description: string;
  products: readonly string[];
}): string =>
  normaliseSearch([t.code, t.nameJa, t.nameEn ?? '', t.description, ...t.products].filter((s) => s !== '').join('\n'));

/**
 * The stored name search text of a technology: code and names only, normalised and joined like technologySearchText,
 * of which it is therefore a prefix (the register list relies on that: a name match is always a full-text match).
 * A reader who sees a technology's name only is searched against this, so that a search reveals nothing else of it.
 */
export const technologyNameSearchText = (t: { code: string; nameJa: string; nameEn: string | null }): string =>
  normaliseSearch([t.code, t.nameJa, t.nameEn ?? ''].filter((s) => s !== '').join('\n'));

/**
 * Turns a user's search into an ILIKE pattern over the search text: normalised like technologySearchText, and with
 * `%`, `_` and `\` escaped so that they match literally.
 */
export const searchPattern = (query: string): string =>
  `%${normaliseSearch(query.trim()).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Whether any site of the technology lies outside Japan (a system has no country and never counts). */
export const isOverseas = (locations: readonly { kind: 'site' | 'system'; countryCode: string | null }[]): boolean =>
  locations.some((l) => l.kind === 'site' && l.countryCode !== null && l.countryCode !== 'JP');

/** A JSON text with object keys sorted, so that two values that mean the same compare equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, v: unknown) => {
    if (v instanceof Date) return v.toISOString();
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return v;
  });

/**
 * The fields whose values differ between two versions of a record (deep comparison; a missing field counts as null),
 * with the values before and after, in the order of `after`'s keys then fields only `before` has.
 */
export const diffFields = (before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] => {
  const fields = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return fields
    .filter((field) => canonical(before[field]) !== canonical(after[field]))
    .map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }));
};

/** A designated-technology catalogue entry with the version it belongs to. */
export type DesignatedCatalogueEntry = {
  code: string;
  number: number;
  nameJa: string;
  nameEn: string;
  inForceFrom: string;
  inForceTo: string | null;
  versionId: string;
  versionLabel: string;
  versionEffectiveFrom: string;
};

/**
 * Resolves a technology's designated-technology codes against the catalogue as of `today`: names from the version in
 * force (the latest `effectiveFrom` on or before today) and `inForce` when the entry's own period contains today.
 * A code missing from that version is shown from the newest version that has it, not in force; a code no version has
 * keeps its code as its name.
 */
export const resolveDesignated = (
  codes: readonly string[],
  entries: readonly DesignatedCatalogueEntry[],
  versions: readonly { id: string; effectiveFrom: string }[],
  today: string,
): DesignatedTechnologyRef[] => {
  const inForceVersion = versions
    .filter((v) => v.effectiveFrom <= today)
    .reduce<{ id: string; effectiveFrom: string } | null>(
      (latest, v) => (latest === null || v.effectiveFrom > latest.effectiveFrom ? v : latest),
      null,
    );
  return codes.map((code) => {
    const ofCode = entries.filter((e) => e.code === code);
    const current = ofCode.find((e) => e.versionId === inForceVersion?.id);
    const entry =
      current ?? [...ofCode].sort((a, b) => b.versionEffectiveFrom.localeCompare(a.versionEffectiveFrom))[0] ?? null;
    if (!entry) {
      return {
        code,
        number: null,
        nameJa: code,
        nameEn: code,
        inForce: false,
        inForceFrom: null,
        versionLabel: null,
        versionEffectiveFrom: null,
      };
    }
    return {
      code,
      number: entry.number,
      nameJa: entry.nameJa,
      nameEn: entry.nameEn,
      inForce:
        current !== undefined && entry.inForceFrom <= today && (entry.inForceTo === null || today <= entry.inForceTo),
      inForceFrom: entry.inForceFrom,
      versionLabel: entry.versionLabel,
      versionEffectiveFrom: entry.versionEffectiveFrom,
    };
  });
};
