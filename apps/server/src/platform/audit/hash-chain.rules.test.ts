import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ChainedEvent,
  canonicalJson,
  findChainBreak,
  GENESIS_HASH,
  hashEvent,
  storable,
} from './hash-chain.rules';

const TENANT = '6f1c2a4e-9d3b-4c1a-8e2f-0a1b2c3d4e5f';

const base = (seq: number, overrides: Partial<ChainedEvent> = {}): ChainedEvent => ({
  tenantId: TENANT,
  seq,
  id: `00000000-0000-4000-8000-${String(seq).padStart(12, '0')}`,
  occurredAt: new Date(Date.UTC(2025, 5, 9, 5, 3, seq)),
  type: 'user.roles_changed',
  actorUserId: null,
  actorLabel: '佐藤 美咲 <admin@minato-ceramics.example>',
  subjectType: 'user',
  subjectId: `u-${seq}`,
  payload: { from: ['employee'], to: ['hr'], n: seq },
  ip: '192.0.2.1',
  ...overrides,
});

/** Builds a correctly linked chain of `n` events. */
const chain = (n: number, start = { seq: 0, hash: GENESIS_HASH }) => {
  const events: (ChainedEvent & { prevHash: string; hash: string })[] = [];
  let prevHash = start.hash;
  for (let seq = start.seq + 1; seq <= start.seq + n; seq++) {
    const event = base(seq);
    const hash = hashEvent(prevHash, event);
    events.push({ ...event, prevHash, hash });
    prevHash = hash;
  }
  return events;
};

describe('canonicalJson', () => {
  it.each([
    [
      'sorts keys at every depth',
      { b: 1, a: { d: [{ z: 1, y: 2 }], c: null } },
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    ],
    ['keeps array order and nests arrays', [3, [2, [1, []]], { a: [] }], '[3,[2,[1,[]]],{"a":[]}]'],
    ['drops undefined members and nulls undefined array items', { a: undefined, b: [undefined, 1] }, '{"b":[null,1]}'],
    [
      'writes unicode as itself',
      { 名前: '積層セラミックコンデンサ 😀', é: 'ü' },
      '{"é":"ü","名前":"積層セラミックコンデンサ 😀"}',
    ],
    ['escapes quotes and control characters like JSON', { s: 'a"b\\c\n' }, '{"s":"a\\"b\\\\c\\n"}'],
    [
      'serialises dates as ISO strings',
      { at: new Date('2025-06-09T05:03:21.123Z') },
      '{"at":"2025-06-09T05:03:21.123Z"}',
    ],
    ['handles scalars', 'x', '"x"'],
    ['handles null', null, 'null'],
    ['handles booleans and numbers', [true, false, 0, -1.5, 1e21], '[true,false,0,-1.5,1e+21]'],
    ['orders keys by code unit, not locale', { b: 1, B: 2, a: 3, _: 4 }, '{"B":2,"_":4,"a":3,"b":1}'],
  ])('%s', (_name, value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('gives the same string whatever the key order', () => {
    const a = { x: { p: 1, q: [1, { s: 2, r: 3 }] }, y: '値' };
    const b = { y: '値', x: { q: [1, { r: 3, s: 2 }], p: 1 } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('refuses non-finite numbers, which JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/non-finite/);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(/non-finite/);
  });
});

describe('storable', () => {
  it.each([
    ['replaces NUL characters', 'a\u0000b', 'a\uFFFDb'],
    ['replaces a lone high surrogate', 'x\uD800y', 'x\uFFFDy'],
    ['replaces a lone low surrogate', '\uDC00z', '\uFFFDz'],
    ['keeps a valid surrogate pair', '😀', '😀'],
    ['keeps ordinary Japanese text', '垣根', '垣根'],
  ])('%s', (_name, input, expected) => {
    expect(storable(input)).toBe(expected);
  });

  it('cleans nested values and keys, and leaves other values alone', () => {
    const at = new Date(0);
    expect(storable({ 'k\u0000': ['\uD800', 1, null, { d: at }] })).toEqual({
      'k\uFFFD': ['\uFFFD', 1, null, { d: at }],
    });
  });
});

describe('hashEvent', () => {
  it('is SHA-256 over the previous hash, a newline and the canonical event', () => {
    const event = base(1);
    const expected = createHash('sha256')
      .update(
        `${GENESIS_HASH}\n${canonicalJson({
          actorLabel: event.actorLabel,
          actorUserId: event.actorUserId,
          id: event.id,
          ip: event.ip,
          occurredAt: event.occurredAt.toISOString(),
          payload: event.payload,
          seq: event.seq,
          subjectId: event.subjectId,
          subjectType: event.subjectType,
          tenantId: event.tenantId,
          type: event.type,
        })}`,
      )
      .digest('hex');
    expect(hashEvent(GENESIS_HASH, event)).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the key order of the payload', () => {
    const a = base(1, { payload: { from: ['a'], to: ['b'] } });
    const b = base(1, { payload: { to: ['b'], from: ['a'] } });
    expect(hashEvent(GENESIS_HASH, a)).toBe(hashEvent(GENESIS_HASH, b));
  });

  it.each<[string, Partial<ChainedEvent>]>([
    ['tenant', { tenantId: '6f1c2a4e-9d3b-4c1a-8e2f-0a1b2c3d4e60' }],
    ['sequence number', { seq: 2 }],
    ['id', { id: '00000000-0000-4000-8000-999999999999' }],
    ['time, by one millisecond', { occurredAt: new Date(Date.UTC(2025, 5, 9, 5, 3, 1, 1)) }],
    ['type', { type: 'user.disabled' }],
    ['actor', { actorUserId: '00000000-0000-4000-8000-000000000001' }],
    ['actor label', { actorLabel: 'someone else' }],
    ['subject type', { subjectType: null }],
    ['subject id', { subjectId: 'u-2' }],
    ['payload, deep inside an array', { payload: { from: ['employee'], to: ['hr '], n: 1 } }],
    ['payload, by a unicode character', { payload: { from: ['employee'], to: ['hr'], n: 1, note: 'ｈ' } }],
    ['ip', { ip: '192.0.2.2' }],
  ])('changes when the %s changes', (_field, change) => {
    expect(hashEvent(GENESIS_HASH, base(1, change))).not.toBe(hashEvent(GENESIS_HASH, base(1)));
  });

  it('changes with the previous hash', () => {
    expect(hashEvent('f'.repeat(64), base(1))).not.toBe(hashEvent(GENESIS_HASH, base(1)));
  });
});

describe('findChainBreak', () => {
  const intact = chain(6);

  it('accepts an intact chain and an empty one', () => {
    expect(findChainBreak(intact)).toBeNull();
    expect(findChainBreak([])).toBeNull();
  });

  it('continues from a previous batch', () => {
    expect(findChainBreak(intact.slice(3), { seq: 3, hash: intact[2]!.hash })).toBeNull();
    expect(findChainBreak(intact.slice(3), { seq: 3, hash: intact[1]!.hash })).toEqual({
      seq: 4,
      id: intact[3]!.id,
      reason: 'prev_hash_mismatch',
    });
  });

  type Events = typeof intact;
  it.each<[string, (events: Events) => Events, { seq: number; reason: string }]>([
    [
      'a changed payload',
      (e) => e.map((x) => (x.seq === 3 ? { ...x, payload: { n: 99 } } : x)),
      { seq: 3, reason: 'hash_mismatch' },
    ],
    [
      'a changed time',
      (e) => e.map((x) => (x.seq === 2 ? { ...x, occurredAt: new Date(0) } : x)),
      { seq: 2, reason: 'hash_mismatch' },
    ],
    [
      'a changed stored hash',
      (e) => e.map((x) => (x.seq === 5 ? { ...x, hash: 'f'.repeat(64) } : x)),
      { seq: 5, reason: 'hash_mismatch' },
    ],
    [
      'a changed link',
      (e) => e.map((x) => (x.seq === 4 ? { ...x, prevHash: 'e'.repeat(64) } : x)),
      { seq: 4, reason: 'prev_hash_mismatch' },
    ],
    [
      'an event rewritten with a recomputed hash',
      (e) =>
        e.map((x) => {
          if (x.seq !== 3) return x;
          const forged = { ...x, payload: { forged: true } };
          return { ...forged, hash: hashEvent(x.prevHash, forged) };
        }),
      { seq: 4, reason: 'prev_hash_mismatch' },
    ],
    ['a deleted middle event', (e) => e.filter((x) => x.seq !== 3), { seq: 4, reason: 'sequence_gap' }],
    ['a deleted first event', (e) => e.slice(1), { seq: 2, reason: 'sequence_gap' }],
    ['a duplicated event', (e) => [...e.slice(0, 3), e[2]!, ...e.slice(3)], { seq: 3, reason: 'sequence_gap' }],
    ['swapped events', (e) => [e[0]!, e[2]!, e[1]!, ...e.slice(3)], { seq: 3, reason: 'sequence_gap' }],
    [
      'a first event not linked to the genesis hash',
      (e) => [{ ...e[0]!, prevHash: 'a'.repeat(64) }, ...e.slice(1)],
      { seq: 1, reason: 'prev_hash_mismatch' },
    ],
  ])('names the first broken event after %s', (_name, tamper, expected) => {
    const events = tamper(intact);
    const found = findChainBreak(events);
    expect(found).toEqual({ ...expected, id: events.find((x) => x.seq === expected.seq)!.id });
  });

  it('reports only the first of several breaks', () => {
    const events = intact.map((x) => (x.seq === 2 || x.seq === 5 ? { ...x, payload: {} } : x));
    expect(findChainBreak(events)?.seq).toBe(2);
  });
});
