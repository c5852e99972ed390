import {
  DEFAULT_CLASSIFICATION_LEVELS,
  type FieldChange,
  type RegisterSettings,
  type TechnologyAbilities,
  type TechnologyInputParsed,
} from '@kakine/contracts';
import { type Actor, can } from '../../platform/actor/actor';
import { type AuditEntry, recordAudit, recordAudits } from '../../platform/audit/audit.recorder';
import { type Clock, systemClock } from '../../platform/clock';
import type { Tx } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import * as repo from './register.repository';
import {
  diffFields,
  isOverseas,
  nextReviewOn,
  technologyNameSearchText,
  technologySearchText,
  tokyoDate,
} from './register.rules';
import * as writesRepo from './technology-writes.repository';

/** A technology row as stored (re-exported for the helpers that build on this module). */
export type TechnologyRow = repo.TechnologyRow;

/** The settings a company without its own uses. */
export const DEFAULT_REGISTER_SETTINGS: RegisterSettings = {
  classificationLevels: DEFAULT_CLASSIFICATION_LEVELS.map((level) => ({ ...level })),
  inaccessibleVisibility: 'names',
  defaultReviewIntervalMonths: 12,
  reminderLeadDays: 30,
};

/** The tenant's register settings, or the defaults of the contracts when the company has not changed them. */
export const loadRegisterSettings = async (tx: Tx, tenantId: string): Promise<RegisterSettings> => {
  const row = await repo.findSettings(tx, tenantId);
  if (!row) return DEFAULT_REGISTER_SETTINGS;
  return {
    classificationLevels: [...row.classificationLevels].sort((a, b) => a.rank - b.rank),
    inaccessibleVisibility: row.inaccessibleVisibility,
    defaultReviewIntervalMonths: row.defaultReviewIntervalMonths,
    reminderLeadDays: row.reminderLeadDays,
  };
};

/**
 * What one actor may read of the register today: everything (`readAll`), or the technologies they own, those at a
 * non-secret classification and those granted to them — through a person record with their e-mail (not left) or that
 * person's department.
 */
export type AccessScope = {
  userId: string;
  readAll: boolean;
  /** The actor's people records (matched by e-mail, not left). */
  personIds: readonly string[];
  /** The departments of those records. */
  departments: readonly string[];
  /** Technologies with an active grant to one of the person records or departments. */
  grantedTechnologyIds: ReadonlySet<string>;
  /** Classification codes whose level is not secret (公開): readable by everyone with register:read. */
  publicClassificationCodes: readonly string[];
  settings: RegisterSettings;
  today: string;
};

/** Loads the actor's access scope on `today` (Asia/Tokyo `YYYY-MM-DD`) inside the caller's tenant transaction. */
export const accessScopeOf = async (tx: Tx, actor: Actor, today: string): Promise<AccessScope> => {
  const settings = await loadRegisterSettings(tx, actor.tenantId);
  const publicClassificationCodes = settings.classificationLevels.filter((l) => !l.secret).map((l) => l.code);
  const readAll = can(actor, 'register:read_all') || can(actor, 'register:manage');
  if (readAll) {
    return {
      userId: actor.userId,
      readAll,
      personIds: [],
      departments: [],
      grantedTechnologyIds: new Set(),
      publicClassificationCodes,
      settings,
      today,
    };
  }
  const email = await repo.emailOfUser(tx, actor.tenantId, actor.userId);
  const records = email ? await repo.peopleOfEmail(tx, actor.tenantId, email) : [];
  const personIds = records.map((r) => r.id);
  const departments = [...new Set(records.flatMap((r) => (r.department ? [r.department] : [])))];
  const granted = await repo.grantedTechnologyIds(tx, actor.tenantId, { personIds, departments }, today);
  return {
    userId: actor.userId,
    readAll,
    personIds,
    departments,
    grantedTechnologyIds: new Set(granted),
    publicClassificationCodes,
    settings,
    today,
  };
};

/**
 * How much of a technology the scope's actor sees: `full`, its name only, or nothing (tenant setting `hidden`).
 * A classification that is not configured counts as secret, so that a misconfiguration never opens a record.
 */
export const technologyAccessOf = (
  scope: AccessScope,
  row: { id: string; ownerUserId: string | null; classificationCode: string },
): 'full' | 'name_only' | 'none' => {
  if (
    scope.readAll ||
    row.ownerUserId === scope.userId ||
    scope.publicClassificationCodes.includes(row.classificationCode) ||
    scope.grantedTechnologyIds.has(row.id)
  ) {
    return 'full';
  }
  return scope.settings.inaccessibleVisibility === 'names' ? 'name_only' : 'none';
};

/**
 * Whether the actor may change the technology: the officer (register:manage) any, a technology owner
 * (register:create) the ones they own.
 */
export const mayWriteTechnology = (actor: Actor, row: { ownerUserId: string | null }): boolean =>
  can(actor, 'register:manage') || (can(actor, 'register:create') && row.ownerUserId === actor.userId);

/** What the actor may do to a technology, given their access scope; the web app shows only these actions. */
export const technologyAbilitiesOf = (
  actor: Actor,
  row: { id: string; ownerUserId: string | null; classificationCode: string; status: 'active' | 'archived' },
  scope: AccessScope,
): TechnologyAbilities => {
  const read = can(actor, 'register:read') && technologyAccessOf(scope, row) === 'full';
  const write = read && mayWriteTechnology(actor, row);
  const active = row.status === 'active';
  return {
    read,
    edit: write && active,
    // Archiving and restoring are one switch: offered on active and archived technologies alike.
    archive: write,
    delete: read && can(actor, 'register:manage'),
    review: write && active,
    manageAccess: write && active,
    editKnowHow: write && active,
    viewHistory: read,
  };
};

/**
 * Loads a technology the actor may read in full, with their abilities and scope. A technology of another tenant,
 * one that does not exist and one the actor sees by name only all answer `register/not_found`; an actor without
 * register:read gets `auth/forbidden`.
 */
export const findTechnologyForActor = async (
  tx: Tx,
  actor: Actor,
  id: string,
  today: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ row: TechnologyRow; abilities: TechnologyAbilities; scope: AccessScope }> => {
  if (!can(actor, 'register:read')) throw new AppError('auth/forbidden', { permission: 'register:read' });
  const row = await repo.findTechnology(tx, actor.tenantId, id, options);
  if (!row) throw new AppError('register/not_found', { id });
  const scope = await accessScopeOf(tx, actor, today);
  if (technologyAccessOf(scope, row) !== 'full') throw new AppError('register/not_found', { id });
  return { row, abilities: technologyAbilitiesOf(actor, row, scope), scope };
};

/**
 * Reference data a technology is checked against, loaded once for a batch (the register import) instead of once per
 * technology.
 */
export type ReferenceLookups = {
  /** Codes of designated technologies in any catalogue version. */
  designatedCodes: ReadonlySet<string>;
  /** Country codes of the countries catalogue in force (any version when none is in force yet). */
  countryCodes: ReadonlySet<string>;
  /** Ids of the tenant's active users. */
  activeUserIds: ReadonlySet<string>;
  /** The tenant's active users by lowercased e-mail address (imports name owners by e-mail). */
  activeUserIdsByEmail: ReadonlyMap<string, string>;
  /** File ids known to belong to the tenant; ids not in it are looked up. */
  fileIds?: ReadonlySet<string>;
};

/**
 * Prepares a batch of technology writes in one transaction: takes the classification lock once and loads the
 * reference look-ups to pass to writeTechnology as `resolved`.
 */
export const prepareTechnologyWrites = async (tx: Tx, tenantId: string, today: string): Promise<ReferenceLookups> => {
  await repo.lockClassificationsShared(tx, tenantId);
  const users = await repo.activeUsers(tx, tenantId);
  return {
    designatedCodes: await repo.designatedCodesOfAnyVersion(tx),
    countryCodes: await repo.validCountryCodes(tx, today),
    activeUserIds: new Set(users.map((u) => u.id)),
    activeUserIdsByEmail: new Map(users.map((u) => [u.email.toLowerCase(), u.id])),
  };
};

/** The values of a technology that an edit can change, in the shape the history shows them. */
const comparable = (v: repo.TechnologyValues): Record<string, unknown> => ({
  code: v.code,
  nameJa: v.nameJa,
  nameEn: v.nameEn ?? null,
  description: v.description ?? '',
  products: v.products ?? [],
  ownerUserId: v.ownerUserId ?? null,
  department: v.department ?? null,
  classificationCode: v.classificationCode,
  isCore: v.isCore ?? false,
  coreReason: v.coreReason ?? null,
  designatedCodes: v.designatedCodes ?? [],
  exportControlStatus: v.exportControlStatus ?? 'undetermined',
  exportControlRef: v.exportControlRef ?? null,
  exportControlAssessor: v.exportControlAssessor ?? null,
  exportControlAssessedOn: v.exportControlAssessedOn ?? null,
  exportControlEvidence: v.exportControlEvidence ?? [],
  locations: v.locations ?? [],
  reviewIntervalMonths: v.reviewIntervalMonths,
  lastReviewedOn: v.lastReviewedOn ?? null,
  nextReviewOn: v.nextReviewOn,
});

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === UNIQUE_VIOLATION || e?.cause?.code === UNIQUE_VIOLATION;
};

const missing = <T>(values: readonly T[], known: ReadonlySet<T>): T[] =>
  [...new Set(values)].filter((v) => !known.has(v));

const codeTaken = (codes: readonly string[]) =>
  new AppError('register/code_taken', { field: 'code', values: [...new Set(codes)] });

/** What a technology write tells its caller. */
type WriteOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Checks that a technology may be written as `input`: the existing row is not archived, and the classification,
 * designated codes, owner, countries and evidence files exist, with stable error codes whose `details.field` names
 * the input field. With `resolved` only file ids outside it are looked up; without, this takes the classification
 * lock and queries what it needs.
 */
const checkReferences = async (
  tx: Tx,
  tenantId: string,
  input: TechnologyInputParsed,
  context: { existing: TechnologyRow | null; settings: RegisterSettings; today: string; resolved?: ReferenceLookups },
): Promise<void> => {
  const { existing, settings, today, resolved } = context;
  if (existing?.status === 'archived') throw new AppError('register/archived', { id: existing.id });
  if (!resolved) await repo.lockClassificationsShared(tx, tenantId);

  if (!settings.classificationLevels.some((l) => l.code === input.classificationCode)) {
    throw new AppError('register/unknown_classification', {
      field: 'classificationCode',
      values: [input.classificationCode],
    });
  }
  const designatedCodes =
    resolved?.designatedCodes ?? (await repo.designatedCodesOfAnyVersion(tx, input.designatedCodes));
  const unknownDesignated = missing(input.designatedCodes, designatedCodes);
  if (unknownDesignated.length > 0) {
    throw new AppError('register/unknown_designated_technology', {
      field: 'designatedCodes',
      values: unknownDesignated,
    });
  }
  if (input.ownerUserId !== null && input.ownerUserId !== existing?.ownerUserId) {
    const activeIds =
      resolved?.activeUserIds ?? new Set((await repo.activeUsers(tx, tenantId, [input.ownerUserId])).map((u) => u.id));
    if (!activeIds.has(input.ownerUserId)) {
      throw new AppError('register/unknown_owner', { field: 'ownerUserId', values: [input.ownerUserId] });
    }
  }
  const countryCodes = input.locations.flatMap((l) => (l.countryCode ? [l.countryCode] : []));
  if (countryCodes.length > 0) {
    const known = resolved?.countryCodes ?? (await repo.validCountryCodes(tx, today, countryCodes));
    const unknown = missing(countryCodes, known);
    if (unknown.length > 0) throw new AppError('register/unknown_country', { field: 'locations', values: unknown });
  }
  const fileIds = input.exportControl.evidenceFileIds;
  if (fileIds.length > 0) {
    const preloaded = resolved?.fileIds;
    const unresolved = preloaded ? missing(fileIds, preloaded) : [...new Set(fileIds)];
    const found = await repo.existingFileIds(tx, tenantId, unresolved);
    const unknown = missing(unresolved, found);
    if (unknown.length > 0) {
      throw new AppError('register/unknown_file', { field: 'exportControl.evidenceFileIds', values: unknown });
    }
  }
};

/** The stored values of a technology written as `input`; the next review counts from its creation day. */
const technologyValues = (
  input: TechnologyInputParsed,
  context: { existing: TechnologyRow | null; settings: RegisterSettings; today: string },
): repo.TechnologyValues => {
  const { existing, settings, today } = context;
  const reviewIntervalMonths = input.reviewIntervalMonths ?? settings.defaultReviewIntervalMonths;
  const createdOn = existing ? tokyoDate(existing.createdAt) : today;
  return {
    code: input.code,
    nameJa: input.nameJa,
    nameEn: input.nameEn,
    description: input.description,
    products: input.products,
    ownerUserId: input.ownerUserId,
    department: input.department,
    classificationCode: input.classificationCode,
    isCore: input.isCore,
    coreReason: input.coreReason,
    designatedCodes: input.designatedCodes,
    exportControlStatus: input.exportControl.status,
    exportControlRef: input.exportControl.listItemRef,
    exportControlAssessor: input.exportControl.assessorName,
    exportControlAssessedOn: input.exportControl.assessedOn,
    exportControlEvidence: input.exportControl.evidenceFileIds,
    locations: input.locations.map((l) => ({
      kind: l.kind,
      name: l.name,
      countryCode: l.kind === 'site' ? l.countryCode : null,
      detail: l.detail,
    })),
    overseas: isOverseas(input.locations),
    reviewIntervalMonths,
    lastReviewedOn: input.lastReviewedOn,
    nextReviewOn: nextReviewOn(input.lastReviewedOn, createdOn, reviewIntervalMonths),
    searchText: technologySearchText(input),
    nameSearchText: technologyNameSearchText(input),
  };
};

/** The `technology.created` event of a new technology. */
const createdEvent = (
  id: string,
  input: TechnologyInputParsed,
  source: 'form' | 'import',
): AuditEntry<'technology.created'> => ({
  type: 'technology.created',
  payload: { code: input.code, nameJa: input.nameJa, source },
  subjectType: 'technology',
  subjectId: id,
});

/** The `technology.updated` event of a changed technology, with the changed fields. */
const updatedEvent = (
  id: string,
  input: TechnologyInputParsed,
  changes: FieldChange[],
  source: 'form' | 'import',
): AuditEntry<'technology.updated'> => ({
  type: 'technology.updated',
  payload: { code: input.code, changes, source },
  subjectType: 'technology',
  subjectId: id,
});

/**
 * Checks a technology's references and writes it: creates it (`existing: null`) or replaces the existing row when
 * something changed (version + 1), and records `technology.created` / `technology.updated` with the changed fields in
 * the same transaction; an identical input records nothing. The caller has authorised the write and checked the
 * version the user read; this checks the references (classification, designated codes, owner, countries, files)
 * with stable error codes whose `details.field` names the input field.
 */
export const writeTechnology = async (
  tx: Tx,
  actor: Actor,
  input: TechnologyInputParsed,
  options: {
    source: 'form' | 'import';
    existing: TechnologyRow | null;
    settings: RegisterSettings;
    today: string;
    /** Look-ups from prepareTechnologyWrites; without them this takes the lock and queries what it needs. */
    resolved?: ReferenceLookups;
    clock?: Clock;
  },
): Promise<{ id: string; outcome: WriteOutcome; changes: FieldChange[] }> => {
  const { existing } = options;
  const tenantId = actor.tenantId;
  await checkReferences(tx, tenantId, input, options);
  const values = technologyValues(input, options);
  const clock = options.clock ?? systemClock;

  if (existing && existing.code !== input.code && (await repo.codeTaken(tx, tenantId, input.code, existing.id))) {
    throw codeTaken([input.code]);
  }
  if (!existing && (await repo.codeTaken(tx, tenantId, input.code))) throw codeTaken([input.code]);

  try {
    if (!existing) {
      const id = await repo.insertTechnology(tx, tenantId, values, actor.userId);
      await recordAudit(tx, actor, createdEvent(id, input, options.source), clock);
      return { id, outcome: 'created', changes: [] };
    }
    const changes = diffFields(comparable(existing), comparable(values));
    if (changes.length === 0) return { id: existing.id, outcome: 'unchanged', changes };
    if (!(await repo.updateTechnology(tx, tenantId, existing.id, existing.version, values))) {
      throw new AppError('register/version_conflict', { id: existing.id });
    }
    await recordAudit(tx, actor, updatedEvent(existing.id, input, changes, options.source), clock);
    return { id: existing.id, outcome: 'updated', changes };
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken([input.code]);
    throw error;
  }
};

/** File ids per `in (…)` look-up of evidence files. */
const FILE_IDS_PER_QUERY = 5_000;

/**
 * Writes many technologies with writeTechnology's checks, values and audit events, in batches instead of several
 * round trips per technology: one look-up of the codes the batch claims (`register/code_taken` for one in use, also
 * by another item, and for one another item gives up in the same batch), multi-row inserts, batched updates of the
 * changed ones only (each with its version check: `register/version_conflict`), and one append of all
 * `technology.created` / `technology.updated` events, in item order. Returns each item's id, code and outcome in
 * item order; any error leaves the caller's transaction to roll back.
 */
export const writeTechnologies = async (
  tx: Tx,
  actor: Actor,
  items: readonly { input: TechnologyInputParsed; existing: TechnologyRow | null }[],
  options: {
    source: 'form' | 'import';
    settings: RegisterSettings;
    today: string;
    /** Look-ups from prepareTechnologyWrites; without them this calls it (taking the lock). */
    resolved?: ReferenceLookups;
    clock?: Clock;
  },
): Promise<{ id: string; code: string; outcome: WriteOutcome; changes: FieldChange[] }[]> => {
  if (items.length === 0) return [];
  const { settings, today, source } = options;
  const tenantId = actor.tenantId;
  const clock = options.clock ?? systemClock;
  let resolved = options.resolved ?? (await prepareTechnologyWrites(tx, tenantId, today));

  // The evidence files of all items in one go, so that the per-item checks look up only unknown ones (and fail).
  const fileIds = items.flatMap((item) => item.input.exportControl.evidenceFileIds);
  const unresolvedFiles = resolved.fileIds ? missing(fileIds, resolved.fileIds) : [...new Set(fileIds)];
  if (unresolvedFiles.length > 0) {
    const known = new Set(resolved.fileIds);
    for (let i = 0; i < unresolvedFiles.length; i += FILE_IDS_PER_QUERY) {
      const chunk = unresolvedFiles.slice(i, i + FILE_IDS_PER_QUERY);
      for (const id of await repo.existingFileIds(tx, tenantId, chunk)) known.add(id);
    }
    resolved = { ...resolved, fileIds: known };
  }
  const planned: { input: TechnologyInputParsed; existing: TechnologyRow | null; values: repo.TechnologyValues }[] = [];
  for (const item of items) {
    const context = { existing: item.existing, settings, today, resolved };
    await checkReferences(tx, tenantId, item.input, context);
    planned.push({ ...item, values: technologyValues(item.input, context) });
  }

  const claiming = planned.filter((p) => !p.existing || p.existing.code !== p.input.code);
  const holders = await writesRepo.technologyIdsByCode(
    tx,
    tenantId,
    claiming.map((p) => p.input.code),
  );
  const claimed = new Set<string>();
  const taken: string[] = [];
  for (const { input, existing } of claiming) {
    const holder = holders.get(input.code);
    if ((holder !== undefined && holder !== existing?.id) || claimed.has(input.code)) taken.push(input.code);
    claimed.add(input.code);
  }
  if (taken.length > 0) throw codeTaken(taken);

  const results = planned.map(({ input, existing, values }) => ({
    id: existing?.id ?? '',
    code: input.code,
    outcome: (existing ? 'updated' : 'created') as WriteOutcome,
    changes: existing ? diffFields(comparable(existing), comparable(values)) : [],
  }));
  for (const result of results) {
    if (result.outcome === 'updated' && result.changes.length === 0) result.outcome = 'unchanged';
  }
  // A second change of the same row was read before the first one: one by one, its version check would fail too.
  const changing = new Set<string>();
  for (const [i, { existing }] of planned.entries()) {
    if (!existing || results[i]!.outcome !== 'updated') continue;
    if (changing.has(existing.id)) throw new AppError('register/version_conflict', { id: existing.id });
    changing.add(existing.id);
  }
  try {
    const ids = await writesRepo.insertTechnologies(
      tx,
      tenantId,
      planned.filter((p) => !p.existing).map((p) => p.values),
      actor.userId,
    );
    const updates = planned.flatMap((p, i) =>
      p.existing && results[i]!.outcome === 'updated'
        ? [{ id: p.existing.id, expectedVersion: p.existing.version, values: p.values }]
        : [],
    );
    const updated = await writesRepo.updateTechnologies(tx, tenantId, updates);
    const conflict = updates.find((u) => !updated.has(u.id));
    if (conflict) throw new AppError('register/version_conflict', { id: conflict.id });
    for (const result of results) if (result.outcome === 'created') result.id = ids.get(result.code)!;
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken([...claimed]);
    throw error;
  }

  const events = results.flatMap((result, i): AuditEntry<'technology.created' | 'technology.updated'>[] => {
    const { input } = planned[i]!;
    if (result.outcome === 'created') return [createdEvent(result.id, input, source)];
    if (result.outcome === 'updated') return [updatedEvent(result.id, input, result.changes, source)];
    return [];
  });
  await recordAudits(tx, actor, events, clock);
  return results;
};
