import type { EmploymentType, PersonInput, PersonStatus } from '@kakine/contracts';
import { and, eq, getTableColumns, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { updateVersionedRows } from '../../platform/db/batch-update';
import type { Tx } from '../../platform/db/database';
import { personSearchText } from './people.rules';
import { people } from './people.schema';

/** A stored person with the facts the views add: the linked user and the register counts. */
export type PersonRow = typeof people.$inferSelect & {
  userId: string | null;
  knowHowTechnologies: number;
  accessGrants: number;
};

/** A stored person as the write paths read it (no derived facts). */
export type StoredPerson = typeof people.$inferSelect;

/** The columns the list sorts by; the name sorts by its kana reading when there is one. */
const SORT: Record<string, SQL> = {
  employeeId: sql`${people.employeeId}`,
  name: sql`coalesce(${people.nameKana}, ${people.name})`,
  department: sql`${people.department}`,
  employmentType: sql`${people.employmentType}`,
  status: sql`${people.status}`,
  lastWorkingDay: sql`${people.lastWorkingDay}`,
};

/**
 * The derived columns of a person view; `today` (YYYY-MM-DD, Asia/Tokyo) decides which grants are active. Written
 * with explicit aliases: drizzle renders a column inside `sql` without its table, which a subquery would resolve
 * against its own tables.
 */
const viewColumns = (today: string) => ({
  userId: sql<string | null>`(select u.id from users u
    where u.tenant_id = "people"."tenant_id" and lower(u.email) = lower("people"."email") limit 1)`,
  knowHowTechnologies: sql<number>`(select count(distinct s.technology_id)::int
    from know_how_holdings h join know_how_steps s on s.id = h.step_id
    where h.person_id = "people"."id")`,
  accessGrants: sql<number>`(select count(*)::int from access_grants g
    where g.person_id = "people"."id" and g.revoked_at is null
      and (g.expires_on is null or g.expires_on >= ${today}::date))`,
});

/** Filters of the people list; `pattern` is a LIKE pattern over the normalised search text. */
export type PeopleFilter = {
  tenantId: string;
  pattern?: string | undefined;
  department?: string | undefined;
  employmentType?: EmploymentType | undefined;
  status?: PersonStatus | undefined;
};

const conditions = (f: PeopleFilter): SQL | undefined =>
  and(
    eq(people.tenantId, f.tenantId),
    f.pattern ? sql`${people.searchText} like ${f.pattern}` : undefined,
    f.department ? eq(people.department, f.department) : undefined,
    f.employmentType ? eq(people.employmentType, f.employmentType) : undefined,
    f.status ? eq(people.status, f.status) : undefined,
  );

/** A page of the tenant's people with the number matching the filter. */
export const listPeople = async (
  tx: Tx,
  filter: PeopleFilter,
  page: { sort: string; order: 'asc' | 'desc'; limit: number; offset: number; today: string },
): Promise<{ rows: PersonRow[]; total: number }> => {
  const column = SORT[page.sort] ?? SORT.employeeId!;
  const rows = await tx
    .select({ ...getTableColumns(people), ...viewColumns(page.today) })
    .from(people)
    .where(conditions(filter))
    .orderBy(
      page.order === 'asc' ? sql`${column} asc nulls last` : sql`${column} desc nulls last`,
      sql`${people.employeeId} asc`,
    )
    .limit(page.limit)
    .offset(page.offset);
  const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(people).where(conditions(filter));
  return { rows, total: count?.n ?? 0 };
};

/** One person of the tenant with the view facts; null when absent (or in another tenant, which RLS hides too). */
export const findPerson = async (tx: Tx, tenantId: string, id: string, today: string): Promise<PersonRow | null> => {
  const [row] = await tx
    .select({ ...getTableColumns(people), ...viewColumns(today) })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.id, id)))
    .limit(1);
  return row ?? null;
};

/** One person of the tenant, locked for update. */
export const findPersonForUpdate = async (tx: Tx, tenantId: string, id: string): Promise<StoredPerson | null> => {
  const [row] = await tx
    .select()
    .from(people)
    .where(and(eq(people.tenantId, tenantId), eq(people.id, id)))
    .for('update')
    .limit(1);
  return row ?? null;
};

/** The tenant's people with the given employee ids, locked for update (for an import). */
export const findByEmployeeIds = async (
  tx: Tx,
  tenantId: string,
  employeeIds: readonly string[],
): Promise<StoredPerson[]> => {
  const found: StoredPerson[] = [];
  // Chunked so that a 50,000-row import does not build one statement with 50,000 parameters.
  for (let i = 0; i < employeeIds.length; i += 1_000) {
    const chunk = employeeIds.slice(i, i + 1_000);
    found.push(
      ...(await tx
        .select()
        .from(people)
        .where(and(eq(people.tenantId, tenantId), inArray(people.employeeId, chunk)))
        .for('update')),
    );
  }
  return found;
};

/** The stored columns of a person, with the search text derived from them. */
const columnsOf = (person: PersonInput) => ({
  employeeId: person.employeeId,
  name: person.name,
  nameKana: person.nameKana,
  email: person.email,
  department: person.department,
  jobTitle: person.jobTitle,
  employmentType: person.employmentType,
  employer: person.employer,
  status: person.status,
  lastWorkingDay: person.lastWorkingDay,
  contractEndDate: person.contractEndDate,
  notes: person.notes,
  searchText: personSearchText(person),
});

/** Inserts people of one tenant and returns their ids in input order. */
export const insertPeople = async (
  tx: Tx,
  tenantId: string,
  persons: readonly PersonInput[],
  now: Date,
): Promise<string[]> => {
  const ids: string[] = [];
  for (let i = 0; i < persons.length; i += 500) {
    const rows = await tx
      .insert(people)
      .values(
        persons.slice(i, i + 500).map((person) => ({ tenantId, ...columnsOf(person), createdAt: now, updatedAt: now })),
      )
      .returning({ id: people.id });
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
};

/**
 * Replaces a person's fields and bumps the version, if the stored version is still `expectedVersion`; false when
 * someone else changed the person in between.
 */
export const updatePerson = async (
  tx: Tx,
  tenantId: string,
  id: string,
  person: PersonInput,
  expectedVersion: number,
  now: Date,
): Promise<boolean> => {
  const rows = await tx
    .update(people)
    .set({ ...columnsOf(person), version: sql`${people.version} + 1`, updatedAt: now })
    .where(and(eq(people.tenantId, tenantId), eq(people.id, id), eq(people.version, expectedVersion)))
    .returning({ id: people.id });
  return rows.length === 1;
};

/**
 * Replaces the fields of many people (an import) with one statement per chunk, each person only if their stored
 * version is still `expectedVersion` (then version + 1); returns the ids updated.
 */
export const updatePeople = (
  tx: Tx,
  tenantId: string,
  updates: readonly { id: string; expectedVersion: number; person: PersonInput }[],
  now: Date,
): Promise<Set<string>> =>
  updateVersionedRows(
    tx,
    people,
    tenantId,
    updates.map((u) => ({ id: u.id, expectedVersion: u.expectedVersion, values: columnsOf(u.person) })),
    sql`${now.toISOString()}::timestamptz`,
  );

/** Deletes a person; the foreign keys of grants and know-how holdings refuse it while they refer to the person. */
export const deletePerson = async (tx: Tx, tenantId: string, id: string): Promise<void> => {
  await tx.delete(people).where(and(eq(people.tenantId, tenantId), eq(people.id, id)));
};

/** The departments the tenant's people belong to, sorted. */
export const listDepartments = async (tx: Tx, tenantId: string): Promise<string[]> => {
  const rows = await tx
    .selectDistinct({ department: people.department })
    .from(people)
    .where(and(eq(people.tenantId, tenantId), isNotNull(people.department)))
    .orderBy(people.department);
  return rows.map((row) => row.department).filter((department): department is string => department !== null);
};

/**
 * Serialises imports of one tenant's directory for the rest of the transaction: two imports of overlapping files
 * would otherwise both decide to create the same employee id.
 */
export const lockPeopleDirectory = async (tx: Tx, tenantId: string): Promise<void> => {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`people:${tenantId}`}, 0))`);
};
