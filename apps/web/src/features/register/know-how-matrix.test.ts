import { KnowHowMapInput } from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import {
  addPerson,
  addStep,
  cycleDepth,
  depthFromKey,
  depthOf,
  isDirty,
  type MatrixPerson,
  matrixFromView,
  matrixProblems,
  moveFocus,
  moveStep,
  nextDepth,
  removePerson,
  removeStep,
  renameStep,
  setDepth,
  toKnowHowInput,
} from './know-how-matrix';

const STEP_A = '00000000-0000-4000-8000-00000000000a';
const STEP_B = '00000000-0000-4000-8000-00000000000b';
const SUZUKI = '00000000-0000-4000-8000-000000000001';
const TANAKA = '00000000-0000-4000-8000-000000000002';

const person = (id: string, name: string): MatrixPerson => ({
  id,
  employeeId: id.slice(-3),
  name,
  department: '製造部',
  employmentType: 'employee',
  status: 'active',
  lastWorkingDay: null,
});

// Saved positions deliberately out of array order: the editor must follow `position`.
const saved = matrixFromView({
  steps: [
    { id: STEP_B, position: 2, name: '生産B', description: null },
    { id: STEP_A, position: 1, name: '開発A', description: '配合設計' },
  ],
  people: [person(SUZUKI, '鈴木 一郎')],
  holdings: [
    { stepId: STEP_A, personId: SUZUKI, depth: 3 },
    { stepId: STEP_B, personId: SUZUKI, depth: 2 },
  ],
});

describe('know-how matrix editing', () => {
  it('reads the saved map with steps in their saved order', () => {
    expect(saved.steps.map((s) => s.name)).toEqual(['開発A', '生産B']);
    expect(depthOf(saved, STEP_A, SUZUKI)).toBe(3);
    expect(depthOf(saved, STEP_B, TANAKA)).toBe(0);
  });

  it('cycles a cell none → outline → can do → can teach → none', () => {
    expect([0, 1, 2, 3].map((d) => nextDepth(d as 0 | 1 | 2 | 3))).toEqual([1, 2, 3, 0]);
    let state = addPerson(saved, person(TANAKA, '田中 花子'));
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      state = cycleDepth(state, STEP_B, TANAKA);
      seen.push(depthOf(state, STEP_B, TANAKA));
    }
    expect(seen).toEqual([1, 2, 3, 0]);
    expect(toKnowHowInput(state, 4).holdings.some((h) => h.personId === TANAKA)).toBe(false);
  });

  it('builds the PUT body: steps in order with trimmed names, one holding per non-empty cell', () => {
    let state = addPerson(saved, person(TANAKA, '田中 花子'));
    state = setDepth(state, STEP_A, TANAKA, 2);
    state = setDepth(state, STEP_B, TANAKA, 2);
    state = addStep(state, '  検査C  ');
    state = setDepth(state, 'new-1', TANAKA, 1);
    state = moveStep(state, STEP_B, 1);
    const body = toKnowHowInput(state, 7);
    expect(body).toEqual({
      steps: [
        { key: STEP_A, name: '開発A', description: '配合設計' },
        { key: 'new-1', name: '検査C', description: null },
        { key: STEP_B, name: '生産B', description: null },
      ],
      holdings: [
        { stepKey: STEP_A, personId: SUZUKI, depth: 3 },
        { stepKey: STEP_A, personId: TANAKA, depth: 2 },
        { stepKey: 'new-1', personId: TANAKA, depth: 1 },
        { stepKey: STEP_B, personId: SUZUKI, depth: 2 },
        { stepKey: STEP_B, personId: TANAKA, depth: 2 },
      ],
      version: 7,
    });
    // The body is what the server accepts.
    expect(KnowHowMapInput.safeParse(body).success).toBe(true);
  });

  it('drops the holdings of a removed step or person from the body', () => {
    let state = addPerson(saved, person(TANAKA, '田中 花子'));
    state = setDepth(state, STEP_A, TANAKA, 2);
    state = removeStep(state, STEP_B);
    state = removePerson(state, SUZUKI);
    expect(toKnowHowInput(state, 2)).toEqual({
      steps: [{ key: STEP_A, name: '開発A', description: '配合設計' }],
      holdings: [{ stepKey: STEP_A, personId: TANAKA, depth: 2 }],
      version: 2,
    });
  });

  it('never reuses the key of a removed new step', () => {
    let state = addStep(saved, '検査C');
    state = setDepth(state, 'new-1', SUZUKI, 3);
    state = removeStep(state, 'new-1');
    state = addStep(state, '検査D');
    expect(state.steps.at(-1)?.key).toBe('new-2');
    expect(depthOf(state, 'new-2', SUZUKI)).toBe(0);
  });

  it('does not move past either end and does not add a person twice', () => {
    expect(moveStep(saved, STEP_A, -1)).toBe(saved);
    expect(moveStep(saved, STEP_B, 1)).toBe(saved);
    expect(addPerson(saved, person(SUZUKI, '鈴木 一郎')).people).toHaveLength(1);
  });

  it('knows when there is something to save', () => {
    expect(isDirty(saved, saved)).toBe(false);
    expect(isDirty(renameStep(saved, STEP_A, '開発A '), saved)).toBe(false);
    expect(isDirty(renameStep(saved, STEP_A, '開発X'), saved)).toBe(true);
    expect(isDirty(setDepth(saved, STEP_A, SUZUKI, 1), saved)).toBe(true);
    expect(isDirty(addPerson(saved, person(TANAKA, '田中 花子')), saved)).toBe(true);
  });

  it('refuses blank and repeated step names (full-width and half-width alike)', () => {
    let state = addStep(saved, '開発Ａ');
    state = addStep(state, ' ');
    expect(matrixProblems(state)).toEqual({ blank: ['new-2'], duplicate: [STEP_A, 'new-1'], tooMany: false });
    expect(matrixProblems(saved)).toEqual({ blank: [], duplicate: [], tooMany: false });
  });
});

describe('matrix keyboard', () => {
  const size = { rows: 2, columns: 3 };
  it('moves with the arrow keys and stays inside the grid', () => {
    expect(moveFocus({ row: 0, column: 0 }, 'ArrowRight', size)).toEqual({ row: 0, column: 1 });
    expect(moveFocus({ row: 0, column: 0 }, 'ArrowDown', size)).toEqual({ row: 1, column: 0 });
    expect(moveFocus({ row: 0, column: 0 }, 'ArrowUp', size)).toBeNull();
    expect(moveFocus({ row: 1, column: 2 }, 'ArrowRight', size)).toBeNull();
    expect(moveFocus({ row: 1, column: 1 }, 'End', size)).toEqual({ row: 1, column: 2 });
    expect(moveFocus({ row: 1, column: 1 }, 'Tab', size)).toBeNull();
  });

  it('sets a depth from the number keys and clears with Delete', () => {
    expect(['0', '1', '2', '3', 'Delete', 'Backspace', '4', 'a'].map(depthFromKey)).toEqual([
      0,
      1,
      2,
      3,
      0,
      0,
      null,
      null,
    ]);
  });
});
