/** A plain object (not an array, not null). */
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A JSON text with sorted object keys, so that equal values compare equal whatever their key order. */
export const canonicalText = (value: unknown): string =>
  JSON.stringify(value ?? null, (_key, v: unknown) =>
    isPlainObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/** What was added to and removed from a list between two versions (items compared by value). */
export type ListDelta<T> = { added: T[]; removed: T[]; kept: T[] };

/**
 * The items added and removed between two lists, compared by value (objects by their canonical JSON), or null when
 * either side is neither a list nor empty. Order changes alone give empty `added` and `removed`.
 */
export const listDelta = (before: unknown, after: unknown): ListDelta<unknown> | null => {
  const b = before === null || before === undefined ? [] : before;
  const a = after === null || after === undefined ? [] : after;
  if (!Array.isArray(b) || !Array.isArray(a)) return null;
  const beforeKeys = new Set(b.map(canonicalText));
  const afterKeys = new Set(a.map(canonicalText));
  return {
    added: a.filter((item) => !beforeKeys.has(canonicalText(item))),
    removed: b.filter((item) => !afterKeys.has(canonicalText(item))),
    kept: a.filter((item) => beforeKeys.has(canonicalText(item))),
  };
};

/** The i18n key segment of a field path: dots become underscores (`exportControl.status` → `exportControl_status`). */
export const fieldKey = (field: string): string => field.replace(/\./g, '_');

/** How values of the history are turned into text in the reader's language. */
export type ValueFormatter = {
  /** Text for "no value". */
  empty: string;
  yes: string;
  no: string;
  /** A calendar date (`YYYY-MM-DD`) for people. */
  date: (iso: string) => string;
  /** A coded value of a known field (classification code, export-control status, owner id…), or null if unknown. */
  code?: (field: string, value: string | number) => string | null;
  /** The label of a field or of a key inside an object value (`holding.person`). */
  label: (field: string) => string;
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value of the history as text: lists joined with 「、」, dates the reader's way, codes as their labels. */
export const formatValue = (field: string, value: unknown, format: ValueFormatter): string => {
  if (value === null || value === undefined || value === '') return format.empty;
  if (typeof value === 'boolean') return value ? format.yes : format.no;
  if (typeof value === 'number') return format.code?.(field, value) ?? String(value);
  if (typeof value === 'string') {
    const coded = format.code?.(field, value);
    if (coded) return coded;
    return DATE.test(value) ? format.date(value) : value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return format.empty;
    return value.map((item) => formatValue(field, item, format)).join('、');
  }
  if (isPlainObject(value)) {
    // Objects (a location, a know-how holding) read as "label: value" pairs, so that each part says what it is.
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${format.label(`${field}.${k}`)}：${formatValue(`${field}.${k}`, v, format)}`)
      .join('、');
  }
  return String(value);
};
