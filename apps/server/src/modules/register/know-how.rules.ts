import type { ConcentrationRiskLevel, KNOW_HOW_WARNINGS, KnowHowAnalysis, PersonStatus } from '@kakine/contracts';

/** One warning of a know-how analysis. */
export type KnowHowWarning = KnowHowAnalysis['warnings'][number];
/** The kind of a know-how warning. */
export type KnowHowWarningKind = (typeof KNOW_HOW_WARNINGS)[number];

/** The facts about a person that the analysis needs. */
export type KnowHowPersonFacts = { status: PersonStatus; lastWorkingDay: string | null };

/** What the analysis of one technology's know-how map reads. */
export type KnowHowInput = {
  /** The process steps (工程) in order. */
  steps: readonly { id: string }[];
  holdings: readonly { stepId: string; personId: string; depth: 1 | 2 | 3 }[];
  /** Every holder of the map by id. */
  people: ReadonlyMap<string, KnowHowPersonFacts>;
  /** Today's Asia/Tokyo date, `YYYY-MM-DD`. */
  today: string;
  /** Whether the technology is core technology (コア技術): a leaving sole holder of a step is then critical. */
  isCore?: boolean;
};

/** The depth from which a holding covers a step: 2 (can do it). Knowing the outline (1) never covers a step. */
export const COVERING_DEPTH = 2;

/** Where a person is, as the analysis sees it on a given day. */
export type EffectiveStatus = 'present' | 'leaving' | 'gone';

/**
 * A person's status on `today`: `left` is gone; `leaving` is still present but flagged, unless the last working day
 * is already behind us (HR has not yet marked them left, but they are gone all the same); anyone else is present.
 * A holder missing from `people` cannot happen through the database (foreign key) and is treated as present, so
 * that missing facts never invent a departure.
 */
export const effectiveStatus = (person: KnowHowPersonFacts | undefined, today: string): EffectiveStatus => {
  if (!person) return 'present';
  if (person.status === 'left') return 'gone';
  if (person.status === 'leaving') {
    return person.lastWorkingDay !== null && person.lastWorkingDay < today ? 'gone' : 'leaving';
  }
  return 'present';
};

/**
 * Analyses a know-how map (工程 × 人, the seed's Case 3).
 *
 * Definitions:
 * - A holding covers its step when its depth is ≥ 2 (the holder can do the step); depth 1 never covers a step.
 * - People who have left (see `effectiveStatus`) are already gone: they cover nothing. Leaving people still cover
 *   their steps but are flagged.
 * - Bus factor: the size of the smallest set of present people whose removal leaves at least one step with no
 *   covering holder; 0 when a step is already uncovered; null when the map has no steps.
 *
 *   It equals min over steps s of |H(s)|, where H(s) is the set of present covering holders of s. Proof: (≤) removing
 *   H(s*) for the step s* with the fewest holders leaves s* uncovered, so a set of size |H(s*)| suffices. (≥) any set
 *   R whose removal uncovers some step s must contain all of H(s), so |R| ≥ |H(s)| ≥ |H(s*)|. Hence the minimum is
 *   exact, and H(s*) is one smallest set: it is returned as `criticalPeople` (empty when the bus factor is 0). Among
 *   steps tied for the fewest holders, one whose holders include a leaving person is preferred (it is the set that is
 *   actually walking out of the door), then the earliest step.
 * - `singlePersonAllSteps`: present people who on their own cover every step of a map with at least two steps (a
 *   one-step map held by one person is a single-holder step, not "the whole process").
 *
 * Warnings (in this order): `single_person_all_steps` per such person; `step_without_holder` per uncovered step;
 * `single_holder_step` per step with exactly one present covering holder (with that person); `holder_leaving` and
 * `holder_left` once per person who covers at least one step (depth ≥ 2) and is leaving or gone.
 *
 * Level:
 * | condition (first that applies)                                                        | level    |
 * |---------------------------------------------------------------------------------------|----------|
 * | no steps                                                                              | none     |
 * | bus factor 0 (a step nobody present can do)                                           | critical |
 * | one person covers every step (map ≥ 2 steps) and is leaving or gone                   | critical |
 * | bus factor 1 on core technology and a leaving person is the sole holder of a step     | critical |
 * | bus factor 1                                                                          | high     |
 * | bus factor 2                                                                          | medium   |
 * | bus factor ≥ 3                                                                        | low      |
 */
export const analyseKnowHow = (input: KnowHowInput): KnowHowAnalysis => {
  const { steps, holdings, people, today } = input;
  if (steps.length === 0) {
    return { level: 'none', busFactor: null, singlePersonAllSteps: [], criticalPeople: [], warnings: [] };
  }
  const stepIds = new Set(steps.map((s) => s.id));
  const statusOf = (personId: string) => effectiveStatus(people.get(personId), today);

  // Covering holders per step, split by whether they are still here; people in order of first appearance.
  const present = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  const anyone = new Map<string, string[]>(steps.map((s) => [s.id, []]));
  const coveringPeople: string[] = [];
  for (const h of holdings) {
    if (h.depth < COVERING_DEPTH || !stepIds.has(h.stepId)) continue;
    if (!coveringPeople.includes(h.personId)) coveringPeople.push(h.personId);
    anyone.get(h.stepId)?.push(h.personId);
    if (statusOf(h.personId) !== 'gone') present.get(h.stepId)?.push(h.personId);
  }

  const holdersOf = (stepId: string) => present.get(stepId) ?? [];
  const busFactor = Math.min(...steps.map((s) => holdersOf(s.id).length));
  const weakest = steps.filter((s) => holdersOf(s.id).length === busFactor);
  const criticalStep =
    weakest.find((s) => holdersOf(s.id).some((p) => statusOf(p) === 'leaving')) ?? (weakest[0] as { id: string });
  const criticalPeople = busFactor === 0 ? [] : [...holdersOf(criticalStep.id)];

  const coversEverything = (personId: string) =>
    steps.length >= 2 && steps.every((s) => (anyone.get(s.id) ?? []).includes(personId));
  const allStepsHolders = coveringPeople.filter(coversEverything);
  const singlePersonAllSteps = allStepsHolders.filter((p) => statusOf(p) !== 'gone');

  const warnings: KnowHowWarning[] = [];
  for (const personId of singlePersonAllSteps) {
    warnings.push({ kind: 'single_person_all_steps', personId, stepId: null });
  }
  for (const s of steps) {
    if (holdersOf(s.id).length === 0) warnings.push({ kind: 'step_without_holder', personId: null, stepId: s.id });
  }
  for (const s of steps) {
    const [only, ...others] = holdersOf(s.id);
    if (only !== undefined && others.length === 0) {
      warnings.push({ kind: 'single_holder_step', personId: only, stepId: s.id });
    }
  }
  for (const personId of coveringPeople) {
    if (statusOf(personId) === 'leaving') warnings.push({ kind: 'holder_leaving', personId, stepId: null });
  }
  for (const personId of coveringPeople) {
    if (statusOf(personId) === 'gone') warnings.push({ kind: 'holder_left', personId, stepId: null });
  }

  const leavingSoleHolder = steps.some((s) => {
    const holders = holdersOf(s.id);
    return holders.length === 1 && statusOf(holders[0] as string) === 'leaving';
  });
  const level = riskLevel({
    busFactor,
    allStepsHolderDeparting: allStepsHolders.some((p) => statusOf(p) !== 'present'),
    coreWithLeavingSoleHolder: input.isCore === true && leavingSoleHolder,
  });

  return { level, busFactor, singlePersonAllSteps, criticalPeople, warnings };
};

/** The level table of `analyseKnowHow` for a map with at least one step. */
const riskLevel = (facts: {
  busFactor: number;
  allStepsHolderDeparting: boolean;
  coreWithLeavingSoleHolder: boolean;
}): ConcentrationRiskLevel => {
  if (facts.busFactor === 0 || facts.allStepsHolderDeparting) return 'critical';
  if (facts.busFactor === 1) return facts.coreWithLeavingSoleHolder ? 'critical' : 'high';
  if (facts.busFactor === 2) return 'medium';
  return 'low';
};

/** The summary stored on a technology and shown in lists, from an analysis and the number of departing holders. */
export type ConcentrationSummaryValue = {
  level: ConcentrationRiskLevel;
  busFactor: number | null;
  singlePersonAllSteps: boolean;
  departingHolders: number;
};

/**
 * The number of covering holders (depth ≥ 2) who are leaving or gone: one per `holder_leaving` / `holder_left`
 * warning, since the analysis emits those once per person.
 */
export const departingHoldersOf = (analysis: KnowHowAnalysis): number =>
  analysis.warnings.filter((w) => w.kind === 'holder_leaving' || w.kind === 'holder_left').length;

/**
 * The concentration summary of a technology (ConcentrationSummary). `departingHolders` defaults to the count the
 * analysis itself implies (`departingHoldersOf`).
 */
export const concentrationOf = (
  analysis: KnowHowAnalysis,
  departingHolders: number = departingHoldersOf(analysis),
): ConcentrationSummaryValue => ({
  level: analysis.level,
  busFactor: analysis.busFactor,
  singlePersonAllSteps: analysis.singlePersonAllSteps.length > 0,
  departingHolders,
});

/** The order in which the concentration ranking lists levels: the most urgent first. */
export const CONCENTRATION_RANK: Record<ConcentrationRiskLevel, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  none: 4,
};
