import type { KnowHowMapInput, KnowHowMapView } from '@kakine/contracts';

/** A cell's depth in the editor: 0 for "no know-how", else 1 (outline), 2 (can do it), 3 (can do and teach it alone). */
export type CellDepth = 0 | 1 | 2 | 3;

/** A person of the map as the editor keeps them (the facts the row header shows). */
export type MatrixPerson = KnowHowMapView['people'][number];

/** A step of the map being edited: `key` is the saved step's id, or a fresh `new-…` key for a step added here. */
export type MatrixStep = { key: string; name: string; description: string | null };

/** The know-how map being edited: steps in order, people in row order, and the depth of each (step, person) cell. */
export type MatrixState = {
  steps: MatrixStep[];
  people: MatrixPerson[];
  /** Depth by `cellKey(stepKey, personId)`; absent means 0. */
  depths: Record<string, 1 | 2 | 3>;
  /** Counter for keys of new steps, so that a removed and re-added step never reuses a key. */
  nextKey: number;
};

/** The most steps a map may have (the contract's limit). */
export const MAX_STEPS = 40;

/** The key of one cell in `MatrixState.depths`. */
export const cellKey = (stepKey: string, personId: string): string => `${stepKey}|${personId}`;

/** The editable state of a saved map. */
export const matrixFromView = (view: Pick<KnowHowMapView, 'steps' | 'people' | 'holdings'>): MatrixState => {
  const steps = [...view.steps]
    .sort((a, b) => a.position - b.position)
    .map((s) => ({ key: s.id, name: s.name, description: s.description }));
  const depths: Record<string, 1 | 2 | 3> = {};
  for (const h of view.holdings) depths[cellKey(h.stepId, h.personId)] = h.depth as 1 | 2 | 3;
  return { steps, people: [...view.people], depths, nextKey: 1 };
};

/** The depth of one cell (0 when nobody recorded anything). */
export const depthOf = (state: MatrixState, stepKey: string, personId: string): CellDepth =>
  state.depths[cellKey(stepKey, personId)] ?? 0;

/** The depth after one click or Enter: none → outline → can do → can teach → none. */
export const nextDepth = (depth: CellDepth): CellDepth => ((depth + 1) % 4) as CellDepth;

/** Sets one cell's depth (0 removes the holding). */
export const setDepth = (state: MatrixState, stepKey: string, personId: string, depth: CellDepth): MatrixState => {
  const depths = { ...state.depths };
  const key = cellKey(stepKey, personId);
  if (depth === 0) delete depths[key];
  else depths[key] = depth;
  return { ...state, depths };
};

/** Cycles one cell to its next depth. */
export const cycleDepth = (state: MatrixState, stepKey: string, personId: string): MatrixState =>
  setDepth(state, stepKey, personId, nextDepth(depthOf(state, stepKey, personId)));

/** Whether a step name is already used by another step (compared trimmed and NFKC-normalised, as people read them). */
export const stepNameTaken = (state: MatrixState, name: string, exceptKey?: string): boolean => {
  const normal = (s: string) => s.normalize('NFKC').trim().toLowerCase();
  return state.steps.some((s) => s.key !== exceptKey && normal(s.name) === normal(name));
};

/** Appends a new step at the end. */
export const addStep = (state: MatrixState, name: string): MatrixState => ({
  ...state,
  steps: [...state.steps, { key: `new-${state.nextKey}`, name: name.trim(), description: null }],
  nextKey: state.nextKey + 1,
});

/** Renames a step (kept as typed; trimmed when the map is saved). */
export const renameStep = (state: MatrixState, key: string, name: string): MatrixState => ({
  ...state,
  steps: state.steps.map((s) => (s.key === key ? { ...s, name } : s)),
});

/** Moves a step one place earlier (-1) or later (+1); nothing happens at either end. */
export const moveStep = (state: MatrixState, key: string, delta: -1 | 1): MatrixState => {
  const from = state.steps.findIndex((s) => s.key === key);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= state.steps.length) return state;
  const steps = [...state.steps];
  const [moved] = steps.splice(from, 1);
  if (moved) steps.splice(to, 0, moved);
  return { ...state, steps };
};

/** Removes a step and every depth recorded for it. */
export const removeStep = (state: MatrixState, key: string): MatrixState => ({
  ...state,
  steps: state.steps.filter((s) => s.key !== key),
  depths: Object.fromEntries(Object.entries(state.depths).filter(([k]) => !k.startsWith(`${key}|`))),
});

/** Adds a person as a new row (once). */
export const addPerson = (state: MatrixState, person: MatrixPerson): MatrixState =>
  state.people.some((p) => p.id === person.id) ? state : { ...state, people: [...state.people, person] };

/** Removes a person's row and every depth recorded for them. */
export const removePerson = (state: MatrixState, personId: string): MatrixState => ({
  ...state,
  people: state.people.filter((p) => p.id !== personId),
  depths: Object.fromEntries(Object.entries(state.depths).filter(([k]) => !k.endsWith(`|${personId}`))),
});

/**
 * The PUT body that saves the whole map: steps in their order with trimmed names, and one holding per non-empty
 * cell of a step and a person still on the map, in step then row order.
 */
export const toKnowHowInput = (state: MatrixState, version: number): KnowHowMapInput => {
  const holdings: KnowHowMapInput['holdings'] = [];
  for (const step of state.steps) {
    for (const person of state.people) {
      const depth = depthOf(state, step.key, person.id);
      if (depth > 0) holdings.push({ stepKey: step.key, personId: person.id, depth });
    }
  }
  return {
    steps: state.steps.map((s) => ({ key: s.key, name: s.name.trim(), description: s.description })),
    holdings,
    version,
  };
};

/** Whether the editor holds changes that the saved map does not have. */
export const isDirty = (state: MatrixState, saved: MatrixState): boolean =>
  JSON.stringify(toKnowHowInput(state, 1)) !== JSON.stringify(toKnowHowInput(saved, 1)) ||
  state.people.map((p) => p.id).join() !== saved.people.map((p) => p.id).join();

/** The problems that stop a map from being saved: a blank or repeated step name, or too many steps. */
export const matrixProblems = (state: MatrixState): { blank: string[]; duplicate: string[]; tooMany: boolean } => ({
  blank: state.steps.filter((s) => !s.name.trim()).map((s) => s.key),
  duplicate: state.steps.filter((s) => s.name.trim() && stepNameTaken(state, s.name, s.key)).map((s) => s.key),
  tooMany: state.steps.length > MAX_STEPS,
});

/** The cell to focus after an arrow key, staying inside the grid. */
export const moveFocus = (
  position: { row: number; column: number },
  key: string,
  size: { rows: number; columns: number },
): { row: number; column: number } | null => {
  const { row, column } = position;
  switch (key) {
    case 'ArrowUp':
      return row > 0 ? { row: row - 1, column } : null;
    case 'ArrowDown':
      return row < size.rows - 1 ? { row: row + 1, column } : null;
    case 'ArrowLeft':
      return column > 0 ? { row, column: column - 1 } : null;
    case 'ArrowRight':
      return column < size.columns - 1 ? { row, column: column + 1 } : null;
    case 'Home':
      return { row, column: 0 };
    case 'End':
      return { row, column: size.columns - 1 };
    default:
      return null;
  }
};

/** The depth a typed key sets: 0–3 directly, Delete/Backspace clears; null for any other key. */
export const depthFromKey = (key: string): CellDepth | null => {
  if (key === '0' || key === 'Delete' || key === 'Backspace') return 0;
  if (key === '1' || key === '2' || key === '3') return Number(key) as CellDepth;
  return null;
};
