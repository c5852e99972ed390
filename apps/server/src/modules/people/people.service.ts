import type {
  ImportReport,
  PeopleList,
  PeopleListQuery,
  PersonInput,
  PersonView,
  UpdatePersonBody,
} from '@kakine/contracts';
import { type Actor, requirePermission } from '../../platform/actor/actor';
import { type AuditEntry, recordAudit, recordAudits } from '../../platform/audit/audit.recorder';
import type { Clock } from '../../platform/clock';
import type { Database, Tx } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import { buildImportReport, ImportIssueCollector, importRejected } from '../../platform/tabular/import-report';
import type { ImportTemplate } from '../../platform/tabular/import-template';
import type { ImportUpload } from '../../platform/tabular/import-upload';
import { IMPORT_MAX_ROWS, readTable } from '../../platform/tabular/table-reader';
import { tokyoDate } from '../register/register.rules';
import { personAbilities } from './people.policy';
import * as repo from './people.repository';
import {
  affectsRegister,
  normaliseEmployeeId,
  type PersonFieldChange,
  personChanges,
  searchPattern,
} from './people.rules';
import {
  type ImportedPersonRow,
  mergeImportedPerson,
  PEOPLE_IMPORT_TEMPLATE,
  parsePeopleFile,
  type StoredPersonInput,
} from './people-import.rules';

/**
 * Called inside the transaction of every write that changes a person's status, last working day, department or
 * employment type (and for new people), so that the register recomputes its concentration risk with the change.
 */
export type PeopleChangedHook = (tx: Tx, tenantId: string, personIds: string[]) => Promise<void>;

/** Dependencies of the people service. */
export type PeopleServiceDeps = {
  db: Database;
  clock: Clock;
  /** The most rows one csv/xlsx export returns. */
  exportLimit: number;
  onPeopleChanged?: PeopleChangedHook | undefined;
};

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

const pgCode = (error: unknown): string | undefined => {
  const e = error as { code?: string; cause?: { code?: string } } | null;
  return e?.code ?? e?.cause?.code;
};

/** The contract fields of a stored person, as the merge and the change list compare them. */
const inputOf = (row: repo.StoredPerson): StoredPersonInput => ({
  employeeId: row.employeeId,
  name: row.name,
  nameKana: row.nameKana,
  email: row.email,
  department: row.department,
  jobTitle: row.jobTitle,
  employmentType: row.employmentType,
  employer: row.employer,
  status: row.status,
  lastWorkingDay: row.lastWorkingDay,
  contractEndDate: row.contractEndDate,
  notes: row.notes,
});

/** A person as the form and the import store it: the employee id normalised, the e-mail address in lower case. */
const normalised = (person: PersonInput): PersonInput => ({
  ...person,
  employeeId: normaliseEmployeeId(person.employeeId),
  email: person.email?.toLowerCase() ?? null,
});

/**
 * Creates the people service: the tenant's directory (人員名簿) read by everyone with people:read, kept by HR and the
 * security officer (people:manage) through the form and the HR import.
 */
export const createPeopleService = (deps: PeopleServiceDeps) => {
  const { db, clock } = deps;

  const today = () => tokyoDate(clock());

  const view = (actor: Actor, row: repo.PersonRow): PersonView => ({
    id: row.id,
    employeeId: row.employeeId,
    name: row.name,
    nameKana: row.nameKana,
    email: row.email,
    department: row.department,
    jobTitle: row.jobTitle,
    employmentType: row.employmentType,
    employer: row.employer,
    // HR owns the status: a leaving person whose last day has passed stays "leaving" until HR marks them as left.
    status: row.status,
    lastWorkingDay: row.lastWorkingDay,
    contractEndDate: row.contractEndDate,
    notes: row.notes,
    userId: row.userId,
    knowHowTechnologies: row.knowHowTechnologies,
    accessGrants: row.accessGrants,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    abilities: personAbilities(actor),
  });

  const loadView = async (tx: Tx, actor: Actor, id: string): Promise<PersonView> => {
    const row = await repo.findPerson(tx, actor.tenantId, id, today());
    if (!row) throw new AppError('people/not_found');
    return view(actor, row);
  };

  const notifyChanged = async (tx: Tx, tenantId: string, personIds: string[]) => {
    if (personIds.length > 0 && deps.onPeopleChanged) await deps.onPeopleChanged(tx, tenantId, personIds);
  };

  /** A page of the directory; with format csv/xlsx every matching person (up to the export limit), audited. */
  const list = async (actor: Actor, query: PeopleListQuery): Promise<PeopleList> => {
    requirePermission(actor, 'people:read');
    const exporting = query.format !== 'json';
    return db.tenant(actor.tenantId, async (tx) => {
      const { rows, total } = await repo.listPeople(
        tx,
        {
          tenantId: actor.tenantId,
          pattern: query.q ? searchPattern(query.q) : undefined,
          department: query.department,
          employmentType: query.employmentType,
          status: query.status,
        },
        {
          sort: query.sort,
          order: query.order,
          limit: exporting ? deps.exportLimit : query.pageSize,
          offset: exporting ? 0 : (query.page - 1) * query.pageSize,
          today: today(),
        },
      );
      if (query.format !== 'json') {
        await recordAudit(
          tx,
          actor,
          { type: 'people.exported', payload: { format: query.format, rows: rows.length } },
          clock,
        );
      }
      return { items: rows.map((row) => view(actor, row)), page: query.page, pageSize: query.pageSize, total };
    });
  };

  /** The departments in use, for filters and pickers. */
  const departments = async (actor: Actor): Promise<{ items: string[] }> => {
    requirePermission(actor, 'people:read');
    return db.tenant(actor.tenantId, async (tx) => ({ items: await repo.listDepartments(tx, actor.tenantId) }));
  };

  /** One person of the actor's organisation. */
  const get = async (actor: Actor, id: string): Promise<PersonView> => {
    requirePermission(actor, 'people:read');
    return db.tenant(actor.tenantId, (tx) => loadView(tx, actor, id));
  };

  /** Adds a person through the form; the employee id must be new to the organisation. */
  const create = async (actor: Actor, input: PersonInput): Promise<PersonView> => {
    requirePermission(actor, 'people:manage');
    const person = normalised(input);
    const now = clock();
    try {
      return await db.tenant(actor.tenantId, async (tx) => {
        const [id] = await repo.insertPeople(tx, actor.tenantId, [person], now);
        await recordAudit(
          tx,
          actor,
          {
            type: 'person.created',
            payload: { employeeId: person.employeeId, name: person.name, source: 'form' },
            subjectType: 'person',
            subjectId: id,
          },
          clock,
        );
        await notifyChanged(tx, actor.tenantId, [id!]);
        return loadView(tx, actor, id!);
      });
    } catch (error) {
      if (pgCode(error) === UNIQUE_VIOLATION) throw new AppError('people/employee_id_taken');
      throw error;
    }
  };

  /**
   * Replaces a person's fields if nobody changed the person since `version` was read; an identical submission
   * changes nothing and records nothing.
   */
  const update = async (actor: Actor, id: string, body: UpdatePersonBody): Promise<PersonView> => {
    requirePermission(actor, 'people:manage');
    const person = normalised(body.person);
    const now = clock();
    try {
      return await db.tenant(actor.tenantId, async (tx) => {
        const stored = await repo.findPersonForUpdate(tx, actor.tenantId, id);
        if (!stored) throw new AppError('people/not_found');
        if (stored.version !== body.version)
          throw new AppError('people/version_conflict', { currentVersion: stored.version });
        const changes = personChanges(inputOf(stored), person);
        if (changes.length === 0) return loadView(tx, actor, id);
        await repo.updatePerson(tx, actor.tenantId, id, person, stored.version, now);
        await recordAudit(
          tx,
          actor,
          {
            type: 'person.updated',
            payload: { employeeId: person.employeeId, changes, source: 'form' },
            subjectType: 'person',
            subjectId: id,
          },
          clock,
        );
        if (affectsRegister(changes)) await notifyChanged(tx, actor.tenantId, [id]);
        return loadView(tx, actor, id);
      });
    } catch (error) {
      if (pgCode(error) === UNIQUE_VIOLATION) throw new AppError('people/employee_id_taken');
      throw error;
    }
  };

  /**
   * Deletes a person entered by mistake. A person referred to by access grants or know-how records cannot be
   * deleted (the history must stay): they are marked as left instead.
   */
  const remove = async (actor: Actor, id: string): Promise<void> => {
    requirePermission(actor, 'people:manage');
    try {
      await db.tenant(actor.tenantId, async (tx) => {
        const stored = await repo.findPersonForUpdate(tx, actor.tenantId, id);
        if (!stored) throw new AppError('people/not_found');
        await recordAudit(
          tx,
          actor,
          {
            type: 'person.deleted',
            payload: { employeeId: stored.employeeId, name: stored.name },
            subjectType: 'person',
            subjectId: id,
          },
          clock,
        );
        await repo.deletePerson(tx, actor.tenantId, id);
      });
    } catch (error) {
      if (pgCode(error) === FOREIGN_KEY_VIOLATION) throw new AppError('people/in_use');
      throw error;
    }
  };

  /** The HR import template, for those who may import. */
  const importTemplate = (actor: Actor): ImportTemplate => {
    requirePermission(actor, 'people:manage');
    return PEOPLE_IMPORT_TEMPLATE;
  };

  /**
   * Imports an HR file (CSV in UTF-8 or Shift_JIS, or XLSX), matched by employee id: new ids create people, known
   * ids update the columns the file has, identical rows change nothing (a re-import writes and records nothing).
   * A dry run only reports. `all_or_nothing` with any invalid row writes nothing and answers 422 `import/rejected`
   * with the report; `valid_rows_only` writes the valid rows. Every created or changed person is audited with its
   * changes, plus one `people.imported` summary, in the same transaction.
   */
  const importPeople = async (actor: Actor, upload: ImportUpload): Promise<ImportReport> => {
    requirePermission(actor, 'people:manage');
    const { mode, dryRun } = upload.options;
    const table = await readTable(upload.bytes, upload.fileName, { maxRows: IMPORT_MAX_ROWS });
    const issues = new ImportIssueCollector(actor.locale);
    const file = parsePeopleFile(table, issues);
    const now = clock();

    return db.tenant(actor.tenantId, async (tx) => {
      await repo.lockPeopleDirectory(tx, actor.tenantId);
      const stored = await repo.findByEmployeeIds(
        tx,
        actor.tenantId,
        file.rows.map((row) => row.employeeId),
      );
      const byEmployeeId = new Map(stored.map((row) => [row.employeeId, row]));
      const creates: { row: ImportedPersonRow; person: PersonInput }[] = [];
      const updates: { stored: repo.StoredPerson; person: PersonInput; changes: PersonFieldChange[] }[] = [];
      let unchanged = 0;
      for (const row of file.rows) {
        const existing = byEmployeeId.get(row.employeeId);
        const merged = mergeImportedPerson(existing ? inputOf(existing) : null, row, file, issues);
        if (!merged.ok) continue;
        if (!existing) {
          creates.push({ row, person: merged.person });
          continue;
        }
        const changes = personChanges(inputOf(existing), merged.person);
        if (changes.length === 0) unchanged += 1;
        else updates.push({ stored: existing, person: merged.person, changes });
      }

      const refused = mode === 'all_or_nothing' && issues.invalidRowCount > 0;
      const committed = !dryRun && !refused;
      const report = buildImportReport(
        {
          totalRows: table.rows.length,
          created: creates.length,
          updated: updates.length,
          unchanged,
          committed,
          mode,
          dryRun,
        },
        issues,
      );
      if (refused && !dryRun) throw importRejected(report);
      if (!committed || creates.length + updates.length === 0) return report;

      const createdIds = await repo.insertPeople(
        tx,
        actor.tenantId,
        creates.map((c) => c.person),
        now,
      );
      // Every person was read for update under the directory lock, so each version check holds.
      await repo.updatePeople(
        tx,
        actor.tenantId,
        updates.map((u) => ({ id: u.stored.id, expectedVersion: u.stored.version, person: u.person })),
        now,
      );
      await recordAudits(
        tx,
        actor,
        [
          ...creates.map(
            ({ person }, i): AuditEntry<'person.created'> => ({
              type: 'person.created',
              payload: { employeeId: person.employeeId, name: person.name, source: 'import' },
              subjectType: 'person',
              subjectId: createdIds[i],
            }),
          ),
          ...updates.map(
            ({ stored: before, person, changes }): AuditEntry<'person.updated'> => ({
              type: 'person.updated',
              payload: { employeeId: person.employeeId, changes, source: 'import' },
              subjectType: 'person',
              subjectId: before.id,
            }),
          ),
        ],
        clock,
      );
      const changedIds = [
        ...createdIds,
        ...updates.flatMap(({ stored: before, changes }) => (affectsRegister(changes) ? [before.id] : [])),
      ];
      await notifyChanged(tx, actor.tenantId, changedIds);
      await recordAudit(
        tx,
        actor,
        {
          type: 'people.imported',
          payload: {
            fileName: upload.fileName.slice(0, 255),
            mode,
            created: report.created,
            updated: report.updated,
            unchanged: report.unchanged,
            invalidRows: report.invalidRows,
          },
        },
        clock,
      );
      return report;
    });
  };

  return { list, departments, get, create, update, remove, importTemplate, importPeople };
};

/** The people service. */
export type PeopleService = ReturnType<typeof createPeopleService>;
