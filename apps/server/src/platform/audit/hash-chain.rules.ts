import { createHash } from 'node:crypto';

/** The previous-hash of the first event of every tenant's chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event that the hash covers, in stored form. */
export type ChainedEvent = {
  tenantId: string;
  seq: number;
  id: string;
  occurredAt: Date;
  type: string;
  actorUserId: string | null;
  actorLabel: string;
  subjectType: string | null;
  subjectId: string | null;
  payload: unknown;
  ip: string | null;
};

/**
 * Deterministic JSON: object keys sorted at every depth, no whitespace, `undefined` members dropped.
 * The same value always serialises to the same string, whatever key order jsonb returns.
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number in audit payload');
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v ?? null)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

// PostgreSQL stores neither NUL characters nor unpaired UTF-16 surrogates in text or jsonb.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what must be replaced.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Returns `value` with every string (and object key) made storable in PostgreSQL text and jsonb: NUL characters and
 * unpaired surrogates become U+FFFD. The recorder hashes and stores this form, so that what is read back hashes alike.
 */
export const storable = <T>(value: T): T => {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map((v) => storable(v)) as T;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [storable(k), storable(v)]),
  ) as T;
};

/**
 * An instant as the hash covers it: ISO 8601 in UTC with milliseconds. A stored time JavaScript cannot represent
 * (such as `infinity`, which only a direct edit of the database can produce) reads as `invalid`, so that
 * verification reports the event instead of failing.
 */
export const instantText = (at: Date): string => (Number.isNaN(at.getTime()) ? 'invalid' : at.toISOString());

/** SHA-256 (hex) over the previous hash and the canonical serialisation of the event. */
export const hashEvent = (prevHash: string, event: ChainedEvent): string =>
  createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      canonicalJson({
        actorLabel: event.actorLabel,
        actorUserId: event.actorUserId,
        id: event.id,
        ip: event.ip,
        occurredAt: instantText(event.occurredAt),
        payload: event.payload,
        seq: event.seq,
        subjectId: event.subjectId,
        subjectType: event.subjectType,
        tenantId: event.tenantId,
        type: event.type,
      }),
    )
    .digest('hex');

/** Why a chain check failed at an event. */
export type ChainBreak = { seq: number; id: string; reason: 'hash_mismatch' | 'prev_hash_mismatch' | 'sequence_gap' };

/**
 * Checks events of one tenant in ascending `seq` order, continuing from `prev` (the last verified event, or the
 * start of the chain). Returns the first break, or null when every event is intact.
 */
export const findChainBreak = (
  events: ReadonlyArray<ChainedEvent & { prevHash: string; hash: string }>,
  prev: { seq: number; hash: string } = { seq: 0, hash: GENESIS_HASH },
): ChainBreak | null => {
  let expectedSeq = prev.seq + 1;
  let prevHash = prev.hash;
  for (const event of events) {
    if (event.seq !== expectedSeq) return { seq: event.seq, id: event.id, reason: 'sequence_gap' };
    if (event.prevHash !== prevHash) return { seq: event.seq, id: event.id, reason: 'prev_hash_mismatch' };
    if (hashEvent(prevHash, event) !== event.hash) return { seq: event.seq, id: event.id, reason: 'hash_mismatch' };
    prevHash = event.hash;
    expectedSeq++;
  }
  return null;
};
