import type {
  ConcentrationRankingItem,
  ConcentrationRankingQuery,
  FieldChange,
  KnowHowMapInput,
  KnowHowMapView,
  PersonStatus,
  TechnologyAbilities,
} from '@kakine/contracts';
import type { z } from 'zod';
import { EXPORT_ROW_LIMIT } from '../../http/list-export';
import { type Actor, requirePermission } from '../../platform/actor/actor';
import { recordAudit } from '../../platform/audit/audit.recorder';
import type { Clock } from '../../platform/clock';
import type { Database, Tx } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import * as repo from './know-how.repository';
import { analyseKnowHow, concentrationOf } from './know-how.rules';
import { fullAccessCondition } from './register.repository';
import { tokyoDate } from './register.rules';
import { accessScopeOf, findTechnologyForActor } from './technology-access';

/** The know-how map as PUT sends it, after parsing. */
export type KnowHowMapInputParsed = z.output<typeof KnowHowMapInput>;
/** One row of the concentration ranking. */
export type ConcentrationRankingRow = z.infer<typeof ConcentrationRankingItem>;
/** The concentration ranking's query, after parsing. */
export type ConcentrationRankingQueryParsed = z.output<typeof ConcentrationRankingQuery>;

/** A page of a list as every list endpoint answers it. */
type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/** Which technologies a concentration refresh looks at (see refreshConcentration). */
export type ConcentrationScope = { technologyIds?: readonly string[]; personIds?: readonly string[] };

// Batches keep `in (…)` lists and the rows held in memory small when a whole tenant is refreshed.
const REFRESH_BATCH = 500;

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];

// Node 20 has no Map.groupBy.
const groupBy = <T>(values: readonly T[], key: (value: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const value of values) {
    const group = groups.get(key(value));
    if (group) group.push(value);
    else groups.set(key(value), [value]);
  }
  return groups;
};

/**
 * The analysis of the given technologies' maps, each from its steps, holdings and holders as stored now.
 * `subjects` carries each technology's core flag, which the level table reads.
 */
const analyseStored = async (
  tx: Tx,
  tenantId: string,
  subjects: readonly { id: string; isCore: boolean }[],
  today: string,
) => {
  const ids = subjects.map((s) => s.id);
  const steps = await repo.stepsOf(tx, tenantId, ids);
  const holdings = await repo.holdingsOf(tx, tenantId, ids);
  const holders = await repo.peopleByIds(tx, tenantId, unique(holdings.map((h) => h.personId)));
  const facts = new Map(holders.map((p) => [p.id, p]));
  const stepsByTechnology = groupBy(steps, (step) => step.technologyId);
  const holdingsByTechnology = groupBy(holdings, (h) => h.technologyId);
  return {
    holders: facts,
    analyses: new Map(
      subjects.map((s) => [
        s.id,
        analyseKnowHow({
          steps: stepsByTechnology.get(s.id) ?? [],
          holdings: holdingsByTechnology.get(s.id) ?? [],
          people: facts,
          today,
          isCore: s.isCore,
        }),
      ]),
    ),
  };
};

/**
 * Recomputes and stores the concentration columns (`concentration_level`, `bus_factor`, `single_person_all_steps`,
 * `departing_holders`) of technologies inside the caller's transaction: the given technologies, those where one of
 * the given people holds know-how, or — with neither — every technology of the tenant that has a map or still
 * carries a level. Call it whenever an input changes: the map, a holder's status or last working day, the core flag,
 * or simply the date (a leaver's last working day passing). Returns how many technologies changed.
 */
export const refreshConcentration = async (
  tx: Tx,
  tenantId: string,
  scope: ConcentrationScope,
  today: string,
): Promise<number> => {
  const subjects = await repo.concentrationSubjects(tx, tenantId, scope);
  let changed = 0;
  for (let start = 0; start < subjects.length; start += REFRESH_BATCH) {
    const batch = subjects.slice(start, start + REFRESH_BATCH);
    const { analyses } = await analyseStored(tx, tenantId, batch, today);
    for (const subject of batch) {
      const analysis = analyses.get(subject.id);
      if (!analysis) continue;
      const summary = concentrationOf(analysis);
      const next: repo.ConcentrationColumns = {
        concentrationLevel: summary.level,
        busFactor: summary.busFactor,
        singlePersonAllSteps: summary.singlePersonAllSteps,
        departingHolders: summary.departingHolders,
      };
      const same =
        next.concentrationLevel === subject.concentrationLevel &&
        next.busFactor === subject.busFactor &&
        next.singlePersonAllSteps === subject.singlePersonAllSteps &&
        next.departingHolders === subject.departingHolders;
      if (same) continue;
      await repo.saveConcentration(tx, tenantId, subject.id, next);
      changed += 1;
    }
  }
  return changed;
};

/**
 * The people service's `onPeopleChanged` hook: when people's status, last working day, department or employment
 * type change, the technologies where they hold know-how are recomputed in the same transaction.
 */
export const concentrationRefresherFor =
  (clock: Clock) =>
  async (tx: Tx, tenantId: string, personIds: string[]): Promise<void> => {
    await refreshConcentration(tx, tenantId, { personIds }, tokyoDate(clock()));
  };

/** A holding as the audit trail shows it: the person's name, the step's name and the depth. */
type HoldingText = { person: string; step: string; depth: number };

/**
 * The readable changes between two versions of a map, in this order: steps added, removed and renamed (field
 * `step`, the names before/after), step descriptions (`stepDescription`), the order of the steps that stayed
 * (`stepOrder`), then holdings added, removed or changed in depth (`holding`, `{ person, step, depth }`). Holdings of
 * removed steps go with the step and are not listed one by one.
 */
export const knowHowChanges = (
  before: {
    steps: readonly { id: string; name: string; description: string | null }[];
    holdings: readonly { stepId: string; personId: string; depth: number }[];
  },
  after: {
    /** Steps in their new order; `id` is the kept step's id or null for a new step. */
    steps: readonly { key: string; id: string | null; name: string; description: string | null }[];
    holdings: readonly { stepKey: string; personId: string; depth: number }[];
  },
  personName: (personId: string) => string,
): FieldChange[] => {
  const changes: FieldChange[] = [];
  const keptIds = new Set(after.steps.flatMap((s) => (s.id ? [s.id] : [])));
  const oldById = new Map(before.steps.map((s) => [s.id, s]));
  for (const s of after.steps) if (!s.id) changes.push({ field: 'step', before: null, after: s.name });
  for (const s of before.steps) if (!keptIds.has(s.id)) changes.push({ field: 'step', before: s.name, after: null });
  for (const s of after.steps) {
    const old = s.id ? oldById.get(s.id) : undefined;
    if (old && old.name !== s.name) changes.push({ field: 'step', before: old.name, after: s.name });
  }
  for (const s of after.steps) {
    const old = s.id ? oldById.get(s.id) : undefined;
    if (old && (old.description ?? null) !== (s.description ?? null)) {
      changes.push({
        field: 'stepDescription',
        before: { step: s.name, description: old.description },
        after: { step: s.name, description: s.description },
      });
    }
  }
  const oldOrder = before.steps.filter((s) => keptIds.has(s.id)).map((s) => s.id);
  const newOrder = after.steps.flatMap((s) => (s.id ? [s.id] : []));
  if (oldOrder.join('|') !== newOrder.join('|')) {
    changes.push({
      field: 'stepOrder',
      before: oldOrder.map((id) => after.steps.find((s) => s.id === id)?.name ?? ''),
      after: newOrder.map((id) => after.steps.find((s) => s.id === id)?.name ?? ''),
    });
  }

  // Holdings compared by (step key, person): a kept step's key is its id.
  const stepNameByKey = new Map(after.steps.map((s) => [s.id ?? s.key, s.name]));
  const keyOf = (stepKey: string, personId: string) => `${stepKey}|${personId}`;
  const oldHoldings = new Map(
    before.holdings.filter((h) => keptIds.has(h.stepId)).map((h) => [keyOf(h.stepId, h.personId), h]),
  );
  const newHoldings = new Map(
    after.holdings.map((h) => {
      const step = after.steps.find((s) => s.key === h.stepKey);
      const stepKey = step?.id ?? h.stepKey;
      return [keyOf(stepKey, h.personId), { stepKey, personId: h.personId, depth: h.depth }];
    }),
  );
  const text = (stepKey: string, personId: string, depth: number): HoldingText => ({
    person: personName(personId),
    step: stepNameByKey.get(stepKey) ?? '',
    depth,
  });
  for (const [key, h] of newHoldings) {
    const old = oldHoldings.get(key);
    if (!old) changes.push({ field: 'holding', before: null, after: text(h.stepKey, h.personId, h.depth) });
    else if (old.depth !== h.depth) {
      changes.push({
        field: 'holding',
        before: text(h.stepKey, h.personId, old.depth),
        after: text(h.stepKey, h.personId, h.depth),
      });
    }
  }
  for (const [key, h] of oldHoldings) {
    if (!newHoldings.has(key))
      changes.push({ field: 'holding', before: text(h.stepId, h.personId, h.depth), after: null });
  }
  return changes;
};

/** Dependencies of the know-how service. */
export type KnowHowServiceDeps = { db: Database; clock: Clock };

/**
 * Creates the know-how service: the people × steps map of a technology (工程 × 人) with its concentration analysis,
 * saving the whole map at once, and the register-wide concentration ranking.
 */
export const createKnowHowService = (deps: KnowHowServiceDeps) => {
  const { db, clock } = deps;

  const buildView = async (
    tx: Tx,
    actor: Actor,
    technology: { id: string; isCore: boolean; version: number },
    abilities: TechnologyAbilities,
    today: string,
  ): Promise<KnowHowMapView> => {
    const steps = await repo.stepsOf(tx, actor.tenantId, [technology.id]);
    const holdings = await repo.holdingsOf(tx, actor.tenantId, [technology.id]);
    const holders = await repo.peopleByIds(tx, actor.tenantId, unique(holdings.map((h) => h.personId)));
    const analysis = analyseKnowHow({
      steps,
      holdings,
      people: new Map(holders.map((p) => [p.id, p])),
      today,
      isCore: technology.isCore,
    });
    return {
      technologyId: technology.id,
      steps: steps.map((s) => ({ id: s.id, position: s.position, name: s.name, description: s.description })),
      people: holders,
      holdings: holdings.map((h) => ({ stepId: h.stepId, personId: h.personId, depth: h.depth })),
      analysis,
      version: technology.version,
      abilities: { edit: abilities.editKnowHow },
    };
  };

  /** The know-how map of a technology the actor may read in full (404 for a name-only or unknown technology). */
  const get = async (actor: Actor, technologyId: string): Promise<KnowHowMapView> => {
    const today = tokyoDate(clock());
    return db.tenant(actor.tenantId, async (tx) => {
      const { row, abilities } = await findTechnologyForActor(tx, actor, technologyId, today);
      return buildView(tx, actor, row, abilities, today);
    });
  };

  /**
   * Replaces a technology's whole map in one transaction. Steps whose key is one of the technology's step ids are
   * kept (renamed, moved), other keys create steps, steps not sent are removed with their holdings. The technology's
   * version must be the one the user read; it is bumped, the change is audited with a readable list, and the
   * concentration columns are recomputed. Sending the map unchanged writes nothing.
   */
  const save = async (actor: Actor, technologyId: string, input: KnowHowMapInputParsed): Promise<KnowHowMapView> => {
    const now = clock();
    const today = tokyoDate(now);
    const tenantId = actor.tenantId;
    return db.tenant(tenantId, async (tx) => {
      const { row, abilities } = await findTechnologyForActor(tx, actor, technologyId, today, { forUpdate: true });
      if (row.status === 'archived') throw new AppError('register/archived', { id: row.id });
      if (!abilities.editKnowHow) throw new AppError('auth/forbidden', { ability: 'editKnowHow' });
      if (row.version !== input.version) throw new AppError('register/version_conflict', { id: row.id });

      const keys = new Set(input.steps.map((s) => s.key));
      const unknownKeys = unique(input.holdings.map((h) => h.stepKey).filter((k) => !keys.has(k)));
      if (unknownKeys.length > 0)
        throw new AppError('register/step_unknown', { field: 'holdings', values: unknownKeys });

      const before = {
        steps: await repo.stepsOf(tx, tenantId, [row.id]),
        holdings: await repo.holdingsOf(tx, tenantId, [row.id]),
      };
      const sentPeople = unique(input.holdings.map((h) => h.personId));
      const known = await repo.peopleByIds(
        tx,
        tenantId,
        unique([...sentPeople, ...before.holdings.map((h) => h.personId)]),
      );
      const names = new Map(known.map((p) => [p.id, p.name]));
      const unknownPeople = sentPeople.filter((id) => !names.has(id));
      if (unknownPeople.length > 0) {
        throw new AppError('register/unknown_person', { field: 'holdings', values: unknownPeople });
      }

      const existingIds = new Set(before.steps.map((s) => s.id));
      const planned = input.steps.map((s, index) => ({
        key: s.key,
        id: existingIds.has(s.key) ? s.key : null,
        name: s.name,
        description: s.description,
        position: index + 1,
      }));
      const changes = knowHowChanges(before, { steps: planned, holdings: input.holdings }, (id) => names.get(id) ?? id);
      if (changes.length === 0) return buildView(tx, actor, row, abilities, today);

      const keptIds = new Set(planned.flatMap((s) => (s.id ? [s.id] : [])));
      await repo.deleteSteps(
        tx,
        tenantId,
        before.steps.filter((s) => !keptIds.has(s.id)).map((s) => s.id),
      );
      for (const s of planned) {
        if (s.id)
          await repo.updateStep(tx, tenantId, s.id, { position: s.position, name: s.name, description: s.description });
      }
      const fresh = planned.filter((s) => s.id === null);
      const freshIds = await repo.insertSteps(
        tx,
        tenantId,
        row.id,
        fresh.map((s) => ({ position: s.position, name: s.name, description: s.description })),
      );
      const idOfKey = new Map(planned.map((s) => [s.key, s.id]));
      for (const [i, s] of fresh.entries()) idOfKey.set(s.key, freshIds[i] as string);
      await repo.replaceHoldings(
        tx,
        tenantId,
        [...keptIds, ...freshIds],
        input.holdings.map((h) => ({ stepId: idOfKey.get(h.stepKey) as string, personId: h.personId, depth: h.depth })),
      );
      const version = await repo.bumpTechnologyVersion(tx, tenantId, row.id, now);
      await recordAudit(
        tx,
        actor,
        {
          type: 'technology.know_how_changed',
          payload: { code: row.code, changes },
          subjectType: 'technology',
          subjectId: row.id,
        },
        clock,
      );
      await refreshConcentration(tx, tenantId, { technologyIds: [row.id] }, today);
      return buildView(tx, actor, { ...row, version }, abilities, today);
    });
  };

  /**
   * The technologies the actor may read in full, ranked by concentration risk (critical → low, then those without
   * a map; a smaller bus factor first), with the names of the people whose departure would empty a step. A csv/xlsx
   * export lists every matching row and is audited.
   */
  const ranking = async (
    actor: Actor,
    query: ConcentrationRankingQueryParsed,
  ): Promise<Page<ConcentrationRankingRow>> => {
    requirePermission(actor, 'register:read');
    const today = tokyoDate(clock());
    return db.tenant(actor.tenantId, async (tx) => {
      const scope = await accessScopeOf(tx, actor, today);
      const fullAccess = scope.readAll
        ? null
        : fullAccessCondition({
            userId: scope.userId,
            publicClassificationCodes: scope.publicClassificationCodes,
            grantedTechnologyIds: [...scope.grantedTechnologyIds],
          });
      const format = query.format;
      const exporting = format !== 'json';
      const { rows, total } = await repo.rankConcentration(
        tx,
        {
          tenantId: actor.tenantId,
          fullAccess,
          level: query.level,
          core: query.core === undefined ? undefined : query.core === 'true',
        },
        exporting
          ? { limit: EXPORT_ROW_LIMIT, offset: 0 }
          : { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
      );
      const mapped = rows.filter((r) => r.concentrationLevel !== 'none');
      const critical = new Map<string, { id: string; name: string; status: PersonStatus }[]>();
      for (let start = 0; start < mapped.length; start += REFRESH_BATCH) {
        const batch = mapped.slice(start, start + REFRESH_BATCH);
        const { analyses, holders } = await analyseStored(tx, actor.tenantId, batch, today);
        for (const r of batch) {
          critical.set(
            r.id,
            (analyses.get(r.id)?.criticalPeople ?? []).map((id) => ({
              id,
              name: holders.get(id)?.name ?? '',
              status: holders.get(id)?.status ?? 'active',
            })),
          );
        }
      }
      if (format !== 'json') {
        await recordAudit(
          tx,
          actor,
          { type: 'register.exported', payload: { list: 'concentration', format, rows: rows.length } },
          clock,
        );
      }
      return {
        items: rows.map((r) => ({
          technologyId: r.id,
          code: r.code,
          nameJa: r.nameJa,
          isCore: r.isCore,
          classificationCode: r.classificationCode,
          steps: r.steps,
          holders: r.holders,
          concentration: {
            level: r.concentrationLevel,
            busFactor: r.busFactor,
            singlePersonAllSteps: r.singlePersonAllSteps,
            departingHolders: r.departingHolders,
          },
          criticalPeople: critical.get(r.id) ?? [],
        })),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    });
  };

  return { get, save, ranking };
};

/** The know-how service. */
export type KnowHowService = ReturnType<typeof createKnowHowService>;
