import type { ConcentrationRiskLevel, EmploymentType, PersonStatus } from '@kakine/contracts';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database';
import { people } from '../people/people.schema';
import { knowHowHoldings, knowHowSteps, technologies } from './register.schema';

/** A process step as stored. */
export type StepRow = {
  id: string;
  technologyId: string;
  position: number;
  name: string;
  description: string | null;
};

/** A holding with the technology of its step. */
export type HoldingRow = { technologyId: string; stepId: string; personId: string; depth: 1 | 2 | 3 };

/** What the know-how map shows of a holder. */
export type HolderRow = {
  id: string;
  employeeId: string;
  name: string;
  department: string | null;
  employmentType: EmploymentType;
  status: PersonStatus;
  lastWorkingDay: string | null;
};

/** The stored concentration columns of a technology. */
export type ConcentrationColumns = {
  concentrationLevel: ConcentrationRiskLevel;
  busFactor: number | null;
  singlePersonAllSteps: boolean;
  departingHolders: number;
};

/** The facts the concentration analysis reads from a technology row, with its stored result. */
export type ConcentrationSubject = ConcentrationColumns & { id: string; isCore: boolean };

/** The steps of the technologies, in order. */
export const stepsOf = async (tx: Tx, tenantId: string, technologyIds: readonly string[]): Promise<StepRow[]> => {
  if (technologyIds.length === 0) return [];
  return tx
    .select({
      id: knowHowSteps.id,
      technologyId: knowHowSteps.technologyId,
      position: knowHowSteps.position,
      name: knowHowSteps.name,
      description: knowHowSteps.description,
    })
    .from(knowHowSteps)
    .where(and(eq(knowHowSteps.tenantId, tenantId), inArray(knowHowSteps.technologyId, [...technologyIds])))
    .orderBy(asc(knowHowSteps.technologyId), asc(knowHowSteps.position), asc(knowHowSteps.id));
};

/** The holdings of the technologies' steps. */
export const holdingsOf = async (tx: Tx, tenantId: string, technologyIds: readonly string[]): Promise<HoldingRow[]> => {
  if (technologyIds.length === 0) return [];
  const rows = await tx
    .select({
      technologyId: knowHowSteps.technologyId,
      stepId: knowHowHoldings.stepId,
      personId: knowHowHoldings.personId,
      depth: knowHowHoldings.depth,
    })
    .from(knowHowHoldings)
    .innerJoin(knowHowSteps, eq(knowHowSteps.id, knowHowHoldings.stepId))
    .where(and(eq(knowHowHoldings.tenantId, tenantId), inArray(knowHowSteps.technologyId, [...technologyIds])))
    .orderBy(asc(knowHowSteps.position), asc(knowHowHoldings.personId));
  return rows.map((r) => ({ ...r, depth: r.depth as 1 | 2 | 3 }));
};

/** The people of the tenant with the given ids (absent ids are simply missing from the result). */
export const peopleByIds = async (tx: Tx, tenantId: string, ids: readonly string[]): Promise<HolderRow[]> => {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: people.id,
      employeeId: people.employeeId,
      name: people.name,
      department: people.department,
      employmentType: people.employmentType,
      status: people.status,
      lastWorkingDay: people.lastWorkingDay,
    })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), inArray(people.id, [...ids])))
    .orderBy(asc(people.employeeId), asc(people.id));
};

/** Updates a kept step's position, name and description. */
export const updateStep = async (
  tx: Tx,
  tenantId: string,
  id: string,
  values: { position: number; name: string; description: string | null },
): Promise<void> => {
  await tx
    .update(knowHowSteps)
    .set(values)
    .where(and(eq(knowHowSteps.tenantId, tenantId), eq(knowHowSteps.id, id)));
};

/** Inserts new steps and returns their ids in the order given. */
export const insertSteps = async (
  tx: Tx,
  tenantId: string,
  technologyId: string,
  steps: readonly { position: number; name: string; description: string | null }[],
): Promise<string[]> => {
  if (steps.length === 0) return [];
  const rows = await tx
    .insert(knowHowSteps)
    .values(steps.map((s) => ({ tenantId, technologyId, ...s })))
    .returning({ id: knowHowSteps.id, position: knowHowSteps.position });
  const byPosition = new Map(rows.map((r) => [r.position, r.id]));
  return steps.map((s) => byPosition.get(s.position) as string);
};

/** Deletes steps (their holdings go with them). */
export const deleteSteps = async (tx: Tx, tenantId: string, ids: readonly string[]): Promise<void> => {
  if (ids.length === 0) return;
  await tx.delete(knowHowSteps).where(and(eq(knowHowSteps.tenantId, tenantId), inArray(knowHowSteps.id, [...ids])));
};

/** Replaces every holding of the given steps. */
export const replaceHoldings = async (
  tx: Tx,
  tenantId: string,
  stepIds: readonly string[],
  holdings: readonly { stepId: string; personId: string; depth: number }[],
): Promise<void> => {
  if (stepIds.length > 0) {
    await tx
      .delete(knowHowHoldings)
      .where(and(eq(knowHowHoldings.tenantId, tenantId), inArray(knowHowHoldings.stepId, [...stepIds])));
  }
  if (holdings.length > 0) {
    await tx.insert(knowHowHoldings).values(holdings.map((h) => ({ tenantId, ...h })));
  }
};

/** Bumps a technology's version after its map changed. */
export const bumpTechnologyVersion = async (tx: Tx, tenantId: string, id: string, now: Date): Promise<number> => {
  const [row] = await tx
    .update(technologies)
    .set({ version: sql`${technologies.version} + 1`, updatedAt: now })
    .where(and(eq(technologies.tenantId, tenantId), eq(technologies.id, id)))
    .returning({ version: technologies.version });
  return row?.version ?? 0;
};

/** The technology's version, status and code, locked for the rest of the transaction. */
export const lockTechnology = async (
  tx: Tx,
  tenantId: string,
  id: string,
): Promise<{ id: string; code: string; version: number; status: 'active' | 'archived'; isCore: boolean } | null> => {
  const [row] = await tx
    .select({
      id: technologies.id,
      code: technologies.code,
      version: technologies.version,
      status: technologies.status,
      isCore: technologies.isCore,
    })
    .from(technologies)
    .where(and(eq(technologies.tenantId, tenantId), eq(technologies.id, id)))
    .for('update');
  return row ?? null;
};

/**
 * The technologies whose concentration must be recomputed: the given ones, those where one of the people holds
 * know-how, or — when neither is given — every technology of the tenant.
 */
export const concentrationSubjects = async (
  tx: Tx,
  tenantId: string,
  scope: { technologyIds?: readonly string[] | undefined; personIds?: readonly string[] | undefined },
): Promise<ConcentrationSubject[]> => {
  const everything = scope.technologyIds === undefined && scope.personIds === undefined;
  const conditions: SQL[] = [];
  if (scope.technologyIds && scope.technologyIds.length > 0) {
    conditions.push(inArray(technologies.id, [...scope.technologyIds]));
  }
  if (scope.personIds && scope.personIds.length > 0) {
    const personIds = sql.join(
      scope.personIds.map((id) => sql`${id}`),
      sql`, `,
    );
    // Table names are spelt out: drizzle leaves columns unqualified in single-table queries.
    conditions.push(
      sql`technologies.id in (select s.technology_id from know_how_steps s
        join know_how_holdings h on h.step_id = s.id
        where h.tenant_id = ${tenantId} and h.person_id in (${personIds}))`,
    );
  }
  if (!everything && conditions.length === 0) return [];
  return tx
    .select({
      id: technologies.id,
      isCore: technologies.isCore,
      concentrationLevel: technologies.concentrationLevel,
      busFactor: technologies.busFactor,
      singlePersonAllSteps: technologies.singlePersonAllSteps,
      departingHolders: technologies.departingHolders,
    })
    .from(technologies)
    .where(
      and(
        eq(technologies.tenantId, tenantId),
        everything
          ? // A technology without steps and without a stored level is already summarised as it should be.
            sql`(technologies.concentration_level <> 'none'
              or exists (select 1 from know_how_steps s where s.technology_id = technologies.id))`
          : sql`(${sql.join(conditions, sql` or `)})`,
      ),
    )
    .orderBy(asc(technologies.id));
};

/** Stores a technology's recomputed concentration (derived data: neither its version nor its update time move). */
export const saveConcentration = async (
  tx: Tx,
  tenantId: string,
  id: string,
  values: ConcentrationColumns,
): Promise<void> => {
  await tx
    .update(technologies)
    .set(values)
    .where(and(eq(technologies.tenantId, tenantId), eq(technologies.id, id)));
};

/** A row of the concentration ranking before its critical people are resolved. */
export type RankingRow = ConcentrationColumns & {
  id: string;
  code: string;
  nameJa: string;
  isCore: boolean;
  classificationCode: string;
  steps: number;
  holders: number;
};

const LEVEL_ORDER = sql`case ${technologies.concentrationLevel}
  when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end`;

/**
 * A page of the tenant's active technologies ranked by concentration risk: critical → low then those without a
 * map, a smaller bus factor first within a level, then by code. `holders` counts people who can do at least one step.
 */
export const rankConcentration = async (
  tx: Tx,
  filter: {
    tenantId: string;
    /** The caller's full-access condition; null when they may read every technology. */
    fullAccess: SQL | null;
    level?: ConcentrationRiskLevel | undefined;
    core?: boolean | undefined;
  },
  page: { limit: number; offset: number },
): Promise<{ rows: RankingRow[]; total: number }> => {
  const where = and(
    eq(technologies.tenantId, filter.tenantId),
    eq(technologies.status, 'active'),
    filter.fullAccess ?? undefined,
    filter.level ? eq(technologies.concentrationLevel, filter.level) : undefined,
    filter.core === undefined ? undefined : eq(technologies.isCore, filter.core),
  );
  const rows = await tx
    .select({
      id: technologies.id,
      code: technologies.code,
      nameJa: technologies.nameJa,
      isCore: technologies.isCore,
      classificationCode: technologies.classificationCode,
      concentrationLevel: technologies.concentrationLevel,
      busFactor: technologies.busFactor,
      singlePersonAllSteps: technologies.singlePersonAllSteps,
      departingHolders: technologies.departingHolders,
      // Table names are spelt out: drizzle leaves columns unqualified in single-table queries.
      steps: sql<number>`(select count(*)::int from know_how_steps s where s.technology_id = technologies.id)`,
      holders: sql<number>`(select count(distinct h.person_id)::int from know_how_holdings h
        join know_how_steps s on s.id = h.step_id
        where s.technology_id = technologies.id and h.depth >= 2)`,
    })
    .from(technologies)
    .where(where)
    .orderBy(LEVEL_ORDER, sql`${technologies.busFactor} asc nulls last`, asc(technologies.code), asc(technologies.id))
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(technologies).where(where);
  return { rows, total: count?.n ?? 0 };
};
