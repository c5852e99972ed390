/**
 * "As of a date" rules for versioned reference data. All dates are calendar dates written `YYYY-MM-DD` (Japan's legal
 * dates: an instrument "in force from 2019-08-28" applies for that whole day). Periods are closed on both ends:
 * `from` is the first day and `to` the last day of validity, and `to: null` means open-ended. So a Group A membership
 * with `effectiveTo: '2019-08-27'` still holds on 2019-08-27 and no longer on 2019-08-28, which is how the source
 * documents state removals ("in force 2019-08-28").
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A period of validity: first and last day, both inclusive; `to: null` means open-ended. */
export type Period = { readonly from: string; readonly to: string | null };

/** Whether a value is a real calendar date written `YYYY-MM-DD` (e.g. rejects 2025-02-30). */
export const isCalendarDate = (value: string): boolean => {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const assertDate = (value: string, name: string) => {
  if (!isCalendarDate(value)) throw new RangeError(`${name} must be a calendar date YYYY-MM-DD, got "${value}"`);
};

/**
 * Whether `date` lies within the period, both ends inclusive (`from ≤ date` and, unless `to` is null, `date ≤ to`);
 * throws a RangeError if any date is malformed, because comparing malformed strings would silently give wrong answers.
 */
export const isWithinPeriod = (date: string, period: Period): boolean => {
  assertDate(date, 'date');
  assertDate(period.from, 'from');
  if (period.to !== null) assertDate(period.to, 'to');
  // Same-length ISO dates compare correctly as strings.
  return period.from <= date && (period.to === null || date <= period.to);
};

/**
 * Picks the version in force on `date`: the one with the latest `effectiveFrom` on or before the date (inclusive), or
 * undefined when every version starts later; if two versions share that date, the later one in the list wins.
 */
export const pickVersionInForce = <V extends { readonly effectiveFrom: string }>(
  versions: readonly V[],
  date: string,
): V | undefined => {
  assertDate(date, 'date');
  let picked: V | undefined;
  for (const version of versions) {
    assertDate(version.effectiveFrom, 'effectiveFrom');
    if (version.effectiveFrom <= date && (picked === undefined || version.effectiveFrom >= picked.effectiveFrom))
      picked = version;
  }
  return picked;
};

/** Keeps the entries whose period (read by `periodOf`) contains `date`, both ends inclusive, in their original order. */
export const filterValidOn = <E>(entries: readonly E[], date: string, periodOf: (entry: E) => Period): E[] =>
  entries.filter((entry) => isWithinPeriod(date, periodOf(entry)));

/** Keeps the designated technologies in force on `date` (`inForceFrom ≤ date ≤ inForceTo`, open when null). */
export const technologiesInForceOn = <T extends { readonly inForceFrom: string; readonly inForceTo: string | null }>(
  technologies: readonly T[],
  date: string,
): T[] => filterValidOn(technologies, date, (t) => ({ from: t.inForceFrom, to: t.inForceTo }));

/** Keeps the group memberships valid on `date` (`effectiveFrom ≤ date ≤ effectiveTo`, open when null). */
export const membershipsValidOn = <M extends { readonly effectiveFrom: string; readonly effectiveTo: string | null }>(
  memberships: readonly M[],
  date: string,
): M[] => filterValidOn(memberships, date, (m) => ({ from: m.effectiveFrom, to: m.effectiveTo }));

/** The code of Group A (輸出令別表第3) in `country_group_memberships.group_code`. */
export const GROUP_A = 'A';

/**
 * Whether the country (ISO 3166-1 alpha-2, case-insensitive) is in Group A on `date` according to the given dated
 * memberships; dates before the first recorded membership answer false, so callers should first check that the
 * countries catalogue version covering the date exists (see pickVersionInForce).
 */
export const isGroupA = (
  memberships: readonly {
    readonly alpha2: string;
    readonly groupCode: string;
    readonly effectiveFrom: string;
    readonly effectiveTo: string | null;
  }[],
  alpha2: string,
  date: string,
): boolean => {
  const code = alpha2.toUpperCase();
  return memberships.some(
    (m) =>
      m.groupCode === GROUP_A &&
      m.alpha2 === code &&
      isWithinPeriod(date, { from: m.effectiveFrom, to: m.effectiveTo }),
  );
};
