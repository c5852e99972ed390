import type { PersonStatus } from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import {
  analyseKnowHow,
  CONCENTRATION_RANK,
  concentrationOf,
  departingHoldersOf,
  effectiveStatus,
  type KnowHowInput,
} from './know-how.rules';

const today = '2026-08-01';

// Readable ids: the rules treat ids as opaque strings.
const CASE3_STEPS = ['開発A', '設計B', '試作C', '評価D', '量産E', '生産F'];

type Row = [personId: string, depths: Record<string, 1 | 2 | 3>];

/** A map from step names and rows of person → depth per step. */
const mapOf = (
  stepNames: string[],
  rows: Row[],
  people: Record<string, PersonStatus | { status: PersonStatus; lastWorkingDay: string | null }>,
  isCore = false,
): KnowHowInput => ({
  steps: stepNames.map((id) => ({ id })),
  holdings: rows.flatMap(([personId, depths]) =>
    Object.entries(depths).map(([stepId, depth]) => ({ stepId, personId, depth })),
  ),
  people: new Map(
    Object.entries(people).map(([id, p]) => [
      id,
      typeof p === 'string' ? { status: p, lastWorkingDay: p === 'active' ? null : '2026-09-30' } : p,
    ]),
  ),
  today,
  isCore,
});

const all = (depth: 1 | 2 | 3, steps = CASE3_STEPS) => Object.fromEntries(steps.map((s) => [s, depth]));
const kinds = (a: ReturnType<typeof analyseKnowHow>) => a.warnings.map((w) => w.kind);

describe('effective status', () => {
  it.each([
    [{ status: 'active', lastWorkingDay: null }, 'present'],
    [{ status: 'active', lastWorkingDay: '2026-07-01' }, 'present'],
    [{ status: 'leaving', lastWorkingDay: '2026-09-30' }, 'leaving'],
    [{ status: 'leaving', lastWorkingDay: today }, 'leaving'],
    [{ status: 'leaving', lastWorkingDay: '2026-07-31' }, 'gone'],
    [{ status: 'leaving', lastWorkingDay: null }, 'leaving'],
    [{ status: 'left', lastWorkingDay: '2026-03-31' }, 'gone'],
    [undefined, 'present'],
  ] as const)('%o → %s', (person, expected) => {
    expect(effectiveStatus(person, today)).toBe(expected);
  });
});

describe('know-how analysis: the seed’s Case 3', () => {
  it('one engineer who gave notice holds every step 開発A…生産F → critical, bus factor 1', () => {
    const analysis = analyseKnowHow(
      mapOf(
        CASE3_STEPS,
        [
          ['engineer-a', all(3)],
          // Subordinate B can do two steps and knows the outline of the rest; C knows outlines only.
          ['subordinate-b', { 開発A: 2, 設計B: 2, 試作C: 1, 評価D: 1, 量産E: 1, 生産F: 1 }],
          ['colleague-c', all(1)],
        ],
        { 'engineer-a': 'leaving', 'subordinate-b': 'active', 'colleague-c': 'active' },
        true,
      ),
    );
    expect(analysis.level).toBe('critical');
    expect(analysis.busFactor).toBe(1);
    expect(analysis.singlePersonAllSteps).toEqual(['engineer-a']);
    expect(analysis.criticalPeople).toEqual(['engineer-a']);
    expect(kinds(analysis)).toContain('single_person_all_steps');
    expect(kinds(analysis)).toContain('holder_leaving');
    expect(analysis.warnings).toContainEqual({ kind: 'holder_leaving', personId: 'engineer-a', stepId: null });
    // Four steps (試作C…生産F) have only the leaving engineer.
    expect(analysis.warnings.filter((w) => w.kind === 'single_holder_step').map((w) => w.stepId)).toEqual([
      '試作C',
      '評価D',
      '量産E',
      '生産F',
    ]);
    expect(kinds(analysis)).not.toContain('step_without_holder');
    expect(concentrationOf(analysis)).toEqual({
      level: 'critical',
      busFactor: 1,
      singlePersonAllSteps: true,
      departingHolders: 1,
    });
  });

  it('after the engineer has left, the uncovered steps make it critical with bus factor 0', () => {
    const analysis = analyseKnowHow(
      mapOf(
        CASE3_STEPS,
        [
          ['engineer-a', all(3)],
          ['subordinate-b', { 開発A: 2, 設計B: 2 }],
        ],
        { 'engineer-a': 'left', 'subordinate-b': 'active' },
      ),
    );
    expect(analysis).toMatchObject({ level: 'critical', busFactor: 0, singlePersonAllSteps: [], criticalPeople: [] });
    expect(analysis.warnings.filter((w) => w.kind === 'step_without_holder')).toHaveLength(4);
    expect(analysis.warnings).toContainEqual({ kind: 'holder_left', personId: 'engineer-a', stepId: null });
    expect(kinds(analysis)).not.toContain('single_person_all_steps');
  });
});

describe('know-how analysis: bus factor and level', () => {
  const steps = ['s1', 's2', 's3'];
  it.each<[string, Row[], Record<string, PersonStatus>, boolean, number | null, string]>([
    ['no steps at all', [], {}, false, null, 'none'],
    ['a step nobody can do', [['p', { s1: 3, s2: 3 }]], { p: 'active' }, false, 0, 'critical'],
    ['depth 1 never covers a step', [['p', { s1: 1, s2: 1, s3: 1 }]], { p: 'active' }, false, 0, 'critical'],
    [
      'one active person per step, different people',
      [
        ['p', { s1: 2 }],
        ['q', { s2: 2 }],
        ['r', { s3: 3 }],
      ],
      { p: 'active', q: 'active', r: 'active' },
      false,
      1,
      'high',
    ],
    [
      'two people on every step',
      [
        ['p', all(2, steps)],
        ['q', all(3, steps)],
      ],
      { p: 'active', q: 'active' },
      false,
      2,
      'medium',
    ],
    [
      'three people on every step',
      [
        ['p', all(2, steps)],
        ['q', all(2, steps)],
        ['r', all(2, steps)],
      ],
      { p: 'active', q: 'active', r: 'active' },
      false,
      3,
      'low',
    ],
    [
      'the weakest step decides, not the average',
      [
        ['p', all(2, steps)],
        ['q', all(2, steps)],
        ['r', { s1: 2, s3: 2 }],
        ['t', { s1: 2, s3: 2 }],
      ],
      { p: 'active', q: 'active', r: 'active', t: 'active' },
      false,
      2,
      'medium',
    ],
    [
      'people who left do not count',
      [
        ['p', all(2, steps)],
        ['q', all(2, steps)],
        ['gone', { s1: 3, s2: 3 }],
      ],
      { p: 'active', q: 'active', gone: 'left' },
      false,
      2,
      'medium',
    ],
    [
      'leaving people still count',
      [
        ['p', { s1: 2, s2: 2 }],
        ['q', { s2: 2, s3: 2 }],
        ['r', { s3: 2, s1: 2 }],
        ['leaver', { s1: 2, s2: 2 }],
        ['t', { s3: 2 }],
      ],
      { p: 'active', q: 'active', r: 'active', leaver: 'leaving', t: 'active' },
      false,
      3,
      'low',
    ],
    [
      'a leaving holder beside others does not raise the level',
      [
        ['p', { s1: 2, s2: 2 }],
        ['q', { s2: 2, s3: 2 }],
        ['r', { s1: 2, s3: 2 }],
        ['leaver', { s2: 3 }],
        ['x', { s3: 1 }],
        ['y', { s1: 2 }],
      ],
      { p: 'active', q: 'active', r: 'active', leaver: 'leaving', x: 'active', y: 'active' },
      false,
      2,
      'medium',
    ],
  ])('%s', (name, rows, people, isCore, busFactor, level) => {
    const analysis = analyseKnowHow(mapOf(name === 'no steps at all' ? [] : steps, rows, people, isCore));
    expect(analysis.busFactor).toBe(busFactor);
    expect(analysis.level).toBe(level);
  });

  it('a leaving sole holder makes core technology critical, ordinary technology high', () => {
    const rows: Row[] = [
      ['p', { s1: 2, s2: 2, s3: 2 }],
      ['q', { s1: 2, s2: 2 }],
      ['leaver', { s3: 3 }],
    ];
    // s3 has p and the leaver: bus factor 2 — not yet a sole holder.
    expect(analyseKnowHow(mapOf(steps, rows, { p: 'active', q: 'active', leaver: 'leaving' }, true)).level).toBe(
      'medium',
    );
    const soleRows: Row[] = [
      ['p', { s1: 2, s2: 2 }],
      ['q', { s1: 2, s2: 2 }],
      ['leaver', { s3: 3 }],
    ];
    const people = { p: 'active', q: 'active', leaver: 'leaving' } as const;
    const core = analyseKnowHow(mapOf(steps, soleRows, people, true));
    expect(core).toMatchObject({ level: 'critical', busFactor: 1, criticalPeople: ['leaver'] });
    expect(analyseKnowHow(mapOf(steps, soleRows, people, false))).toMatchObject({ level: 'high', busFactor: 1 });
  });

  it('bus factor 1 on core technology with an active sole holder stays high', () => {
    const analysis = analyseKnowHow(
      mapOf(
        steps,
        [
          ['p', all(2, steps)],
          ['q', { s1: 2, s2: 2 }],
        ],
        { p: 'active', q: 'active' },
        true,
      ),
    );
    expect(analysis).toMatchObject({ level: 'high', busFactor: 1, singlePersonAllSteps: ['p'], criticalPeople: ['p'] });
  });

  it('someone who left after holding every step is critical even when others now cover every step', () => {
    const analysis = analyseKnowHow(
      mapOf(
        steps,
        [
          ['former', all(3, steps)],
          ['p', all(2, steps)],
          ['q', all(2, steps)],
          ['r', all(2, steps)],
        ],
        { former: 'left', p: 'active', q: 'active', r: 'active' },
      ),
    );
    expect(analysis.busFactor).toBe(3);
    expect(analysis.level).toBe('critical');
    // Only present people are listed as holding every step; the leaver is flagged as holder_left.
    expect(analysis.singlePersonAllSteps).toEqual(['p', 'q', 'r']);
    expect(analysis.warnings).toContainEqual({ kind: 'holder_left', personId: 'former', stepId: null });
  });

  it('someone leaving who alone covers every step is critical whatever the bus factor', () => {
    const analysis = analyseKnowHow(
      mapOf(
        steps,
        [
          ['leaver', all(3, steps)],
          ['p', all(2, steps)],
          ['q', all(2, steps)],
        ],
        { leaver: 'leaving', p: 'active', q: 'active' },
      ),
    );
    expect(analysis).toMatchObject({ busFactor: 3, level: 'critical' });
  });

  it('a one-step map held by one person is a single-holder step, not "every step"', () => {
    const analysis = analyseKnowHow(mapOf(['only'], [['p', { only: 3 }]], { p: 'active' }));
    expect(analysis).toMatchObject({ busFactor: 1, level: 'high', singlePersonAllSteps: [] });
    expect(analysis.warnings).toEqual([{ kind: 'single_holder_step', personId: 'p', stepId: 'only' }]);
  });

  it('a leaver whose last working day has passed counts as gone', () => {
    const analysis = analyseKnowHow(
      mapOf(
        ['s1'],
        [
          ['p', { s1: 2 }],
          ['q', { s1: 2 }],
        ],
        { p: 'active', q: { status: 'leaving', lastWorkingDay: '2026-07-31' } },
      ),
    );
    expect(analysis.busFactor).toBe(1);
    expect(analysis.warnings).toContainEqual({ kind: 'holder_left', personId: 'q', stepId: null });
  });
});

describe('know-how analysis: critical people are one smallest set', () => {
  it('returns the holders of the weakest step, preferring the step a leaving person holds', () => {
    const analysis = analyseKnowHow(
      mapOf(
        ['s1', 's2', 's3'],
        [
          ['a', { s1: 2, s3: 2 }],
          ['b', { s1: 2, s2: 2 }],
          ['c', { s2: 2, s3: 3 }],
          ['d', { s1: 2, s2: 2, s3: 2 }],
          ['e', { s3: 2 }],
        ],
        { a: 'active', b: 'active', c: 'leaving', d: 'active', e: 'active' },
      ),
    );
    // s1: a b d (3), s2: b c d (3), s3: a c d e (4): tied s1/s2, s2 has the leaving c.
    expect(analysis.busFactor).toBe(3);
    expect(analysis.criticalPeople).toEqual(['b', 'c', 'd']);
  });

  it('removing the critical people really empties a step, and no smaller set does (brute force)', () => {
    // A deterministic pseudo-random family of maps checked against exhaustive search.
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 60; round++) {
      const stepIds = Array.from({ length: 1 + Math.floor(random() * 4) }, (_, i) => `s${i}`);
      const personIds = Array.from({ length: 1 + Math.floor(random() * 5) }, (_, i) => `p${i}`);
      const holdings = personIds.flatMap((personId) =>
        stepIds
          .filter(() => random() < 0.55)
          .map((stepId) => ({ stepId, personId, depth: (1 + Math.floor(random() * 3)) as 1 | 2 | 3 })),
      );
      const people = new Map(
        personIds.map((id) => {
          const status = (['active', 'active', 'leaving', 'left'] as const)[Math.floor(random() * 4)] ?? 'active';
          return [id, { status, lastWorkingDay: status === 'active' ? null : '2026-09-30' }];
        }),
      );
      const analysis = analyseKnowHow({ steps: stepIds.map((id) => ({ id })), holdings, people, today });
      const presentIds = personIds.filter((p) => people.get(p)?.status !== 'left');
      const uncoversAStep = (removed: Set<string>) =>
        stepIds.some(
          (s) =>
            !holdings.some(
              (h) =>
                h.stepId === s && h.depth >= 2 && !removed.has(h.personId) && people.get(h.personId)?.status !== 'left',
            ),
        );
      let smallest = Number.POSITIVE_INFINITY;
      for (let mask = 0; mask < 1 << presentIds.length; mask++) {
        const removed = new Set(presentIds.filter((_, i) => mask & (1 << i)));
        if (uncoversAStep(removed)) smallest = Math.min(smallest, removed.size);
      }
      expect(analysis.busFactor).toBe(smallest);
      expect(analysis.criticalPeople).toHaveLength(smallest);
      expect(uncoversAStep(new Set(analysis.criticalPeople))).toBe(true);
    }
  });
});

describe('know-how analysis: warnings', () => {
  it('lists each kind in a stable order with the person or step it concerns', () => {
    const analysis = analyseKnowHow(
      mapOf(
        ['s1', 's2', 's3'],
        [
          ['a', { s1: 3, s2: 2 }],
          ['b', { s1: 2 }],
          ['leaver', { s2: 1, s1: 2 }],
          ['former', { s3: 2 }],
          ['outline', { s3: 1 }],
        ],
        { a: 'active', b: 'active', leaver: 'leaving', former: 'left', outline: 'leaving' },
      ),
    );
    expect(analysis.warnings).toEqual([
      { kind: 'step_without_holder', personId: null, stepId: 's3' },
      { kind: 'single_holder_step', personId: 'a', stepId: 's2' },
      { kind: 'holder_leaving', personId: 'leaver', stepId: null },
      { kind: 'holder_left', personId: 'former', stepId: null },
    ]);
    // Someone leaving who only knows outlines is not a departing holder.
    expect(departingHoldersOf(analysis)).toBe(2);
  });

  it('ignores holdings of steps that are not in the map', () => {
    const analysis = analyseKnowHow({
      steps: [{ id: 's1' }],
      holdings: [
        { stepId: 's1', personId: 'p', depth: 2 },
        { stepId: 'elsewhere', personId: 'q', depth: 3 },
      ],
      people: new Map([
        ['p', { status: 'active', lastWorkingDay: null }],
        ['q', { status: 'leaving', lastWorkingDay: '2026-09-30' }],
      ]),
      today,
    });
    expect(analysis.warnings).toEqual([{ kind: 'single_holder_step', personId: 'p', stepId: 's1' }]);
  });
});

describe('concentration summary', () => {
  it('a map without steps has no level and no bus factor', () => {
    const analysis = analyseKnowHow({ steps: [], holdings: [], people: new Map(), today });
    expect(concentrationOf(analysis, 0)).toEqual({
      level: 'none',
      busFactor: null,
      singlePersonAllSteps: false,
      departingHolders: 0,
    });
  });

  it('ranks critical first and maps last', () => {
    const levels = (['low', 'none', 'critical', 'medium', 'high'] as const).toSorted(
      (a, b) => CONCENTRATION_RANK[a] - CONCENTRATION_RANK[b],
    );
    expect(levels).toEqual(['critical', 'high', 'medium', 'low', 'none']);
  });
});
