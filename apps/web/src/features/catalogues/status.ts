/** The certainty tags of domain-reference.md: [C] confirmed, [I] inferred, [U] unknown. */
export type Certainty = 'C' | 'I' | 'U';

const ALIASES: Record<string, Certainty> = {
  c: 'C',
  confirmed: 'C',
  i: 'I',
  inferred: 'I',
  inference: 'I',
  u: 'U',
  unknown: 'U',
};

/** Reads a status as sent by the server (`C`, `[C]`, `confirmed`, …); anything unrecognised counts as unknown. */
export const toCertainty = (status: string | null | undefined): Certainty =>
  ALIASES[(status ?? '').replace(/[[\]\s]/g, '').toLowerCase()] ?? 'U';
