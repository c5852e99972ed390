import {
  type ArchiveTechnologyBody,
  auditEventLabel,
  type FieldChange,
  type RegisterOwnerList,
  type RegisterSettings,
  type RegisterSettingsView,
  type RequirementAssessment,
  type RequirementAssessmentInput,
  type TechnologyAbilities,
  type TechnologyHistory,
  type TechnologyHistoryQuery,
  type TechnologyInputParsed,
  type TechnologyList,
  type TechnologyListItem,
  type TechnologyListQuery,
  type TechnologyView,
  TRADE_SECRET_REQUIREMENTS,
  type TradeSecretRequirement,
} from '@kakine/contracts';
import { type Actor, can, requirePermission } from '../../platform/actor/actor';
import { recordAudit } from '../../platform/audit/audit.recorder';
import type { Clock } from '../../platform/clock';
import type { Database, Tx } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import { refreshConcentration } from './know-how.service';
import { ownerForWrite, registerAbilities } from './register.policy';
import * as repo from './register.repository';
import { diffFields, isReviewOverdue, resolveDesignated, tokyoDate, tradeSecretVerdict } from './register.rules';
import {
  accessScopeOf,
  findTechnologyForActor,
  loadRegisterSettings,
  mayWriteTechnology,
  type TechnologyRow,
  writeTechnology,
} from './technology-access';

/** Dependencies of the register service. */
export type RegisterServiceDeps = { db: Database; clock: Clock; exportLimit: number };

/** A technology as exported (every column of the import template), with its owner's e-mail. */
export type TechnologyExportRow = repo.TechnologyListRow;

// A referencing foreign key refuses the delete with 23503 (NO ACTION, the default) or 23001 (ON DELETE RESTRICT).
const REFERENCED = new Set(['23503', '23001']);
const isStillReferenced = (error: unknown): boolean => {
  const e = error as { code?: string; cause?: { code?: string } };
  return REFERENCED.has(e?.code ?? '') || REFERENCED.has(e?.cause?.code ?? '');
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const flag = (value: 'true' | 'false' | undefined): boolean | undefined =>
  value === undefined ? undefined : value === 'true';

const UNASSESSED = { status: 'unassessed', note: null, evidenceFileIds: [] as string[], reviewedOn: null } as const;

/**
 * Creates the register service: the technology register (技術台帳) with need-to-know visibility, settings
 * (classification levels), trade-secret requirement assessments, archive/restore/delete and each technology's
 * history from the audit trail.
 */
export const createRegisterService = (deps: RegisterServiceDeps) => {
  const { db, clock, exportLimit } = deps;
  const today = () => tokyoDate(clock());

  const settingsView = (actor: Actor, settings: RegisterSettings): RegisterSettingsView => ({
    ...settings,
    abilities: { edit: can(actor, 'register:manage') },
  });

  /** The full view of a technology the actor may read, with the catalogue names as of today. */
  const technologyView = async (
    tx: Tx,
    actor: Actor,
    row: TechnologyRow,
    abilities: TechnologyAbilities,
    date: string,
  ): Promise<TechnologyView> => {
    const names = await repo.userNames(tx, actor.tenantId, row.ownerUserId ? [row.ownerUserId] : []);
    const stored = await repo.requirementsOf(tx, actor.tenantId, row.id);
    const requirements: RequirementAssessment[] = TRADE_SECRET_REQUIREMENTS.map((requirement) => {
      const r = stored.find((s) => s.requirement === requirement);
      return r
        ? {
            requirement,
            status: r.status,
            note: r.note,
            evidenceFileIds: r.evidenceFileIds,
            reviewedOn: r.reviewedOn,
            reviewedByName: r.reviewedByName,
          }
        : { requirement, ...UNASSESSED, evidenceFileIds: [], reviewedByName: null };
    });
    const verdict = tradeSecretVerdict(requirements);
    const designated = resolveDesignated(
      row.designatedCodes,
      await repo.designatedEntriesOf(tx, row.designatedCodes),
      await repo.designatedVersions(tx),
      date,
    );
    const countryCodes = [...new Set(row.locations.flatMap((l) => (l.countryCode ? [l.countryCode] : [])))];
    const countryRows = await repo.countryNamesOf(tx, countryCodes);
    const countryName = (code: string) =>
      countryRows.find((c) => c.alpha2 === code && c.effectiveFrom <= date) ??
      countryRows.find((c) => c.alpha2 === code);
    return {
      id: row.id,
      code: row.code,
      nameJa: row.nameJa,
      nameEn: row.nameEn,
      description: row.description,
      products: row.products,
      ownerUserId: row.ownerUserId,
      ownerName: row.ownerUserId ? (names.get(row.ownerUserId) ?? null) : null,
      department: row.department,
      classificationCode: row.classificationCode,
      isCore: row.isCore,
      coreReason: row.coreReason,
      designated,
      exportControl: {
        status: row.exportControlStatus,
        listItemRef: row.exportControlRef,
        assessorName: row.exportControlAssessor,
        assessedOn: row.exportControlAssessedOn,
        evidenceFileIds: row.exportControlEvidence,
      },
      locations: row.locations.map((l) => {
        const country = l.countryCode ? countryName(l.countryCode) : undefined;
        return {
          kind: l.kind,
          name: l.name,
          countryCode: l.countryCode,
          countryNameJa: country?.nameJa ?? null,
          countryNameEn: country?.nameEn ?? null,
          overseas: l.kind === 'site' && l.countryCode !== null && l.countryCode !== 'JP',
          detail: l.detail,
        };
      }),
      reviewIntervalMonths: row.reviewIntervalMonths,
      lastReviewedOn: row.lastReviewedOn,
      nextReviewOn: row.nextReviewOn,
      reviewOverdue: row.status === 'active' && isReviewOverdue(row.nextReviewOn, date),
      status: row.status,
      archivedAt: row.archivedAt,
      tradeSecret: { requirements, qualifies: verdict.qualifies, failing: verdict.failing },
      concentration: {
        level: row.concentrationLevel,
        busFactor: row.busFactor,
        singlePersonAllSteps: row.singlePersonAllSteps,
        departingHolders: row.departingHolders,
      },
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      abilities,
    };
  };

  /** Reloads a technology after a write and answers its view. */
  const reload = async (tx: Tx, actor: Actor, id: string, date: string): Promise<TechnologyView> => {
    const { row, abilities } = await findTechnologyForActor(tx, actor, id, date);
    return technologyView(tx, actor, row, abilities, date);
  };

  /** Loads a technology the actor may change, locked, refusing archived ones (unless `allowArchived`). */
  const loadForWrite = async (tx: Tx, actor: Actor, id: string, date: string, allowArchived = false) => {
    const found = await findTechnologyForActor(tx, actor, id, date, { forUpdate: true });
    if (!mayWriteTechnology(actor, found.row)) throw new AppError('auth/forbidden', { id });
    if (!allowArchived && found.row.status === 'archived') throw new AppError('register/archived', { id });
    return found;
  };

  // -------------------------------------------------------------------------------------------------------------
  // Settings and owners
  // -------------------------------------------------------------------------------------------------------------

  /** The register settings of the actor's company (defaults until changed) and whether they may change them. */
  const getSettings = async (actor: Actor): Promise<RegisterSettingsView> => {
    requirePermission(actor, 'register:read');
    return db.tenant(actor.tenantId, async (tx) => settingsView(actor, await loadRegisterSettings(tx, actor.tenantId)));
  };

  /**
   * Replaces the register settings. A classification level that technologies still use cannot be removed
   * (`register/classification_in_use` with the codes); the change is audited with its diff.
   */
  const updateSettings = async (actor: Actor, input: RegisterSettings): Promise<RegisterSettingsView> => {
    requirePermission(actor, 'register:manage');
    return db.tenant(actor.tenantId, async (tx) => {
      await repo.lockClassifications(tx, actor.tenantId);
      const before = await loadRegisterSettings(tx, actor.tenantId);
      // Only the settings' own fields: a caller may pass back the view it read, abilities included.
      const after: RegisterSettings = {
        classificationLevels: [...input.classificationLevels]
          .sort((a, b) => a.rank - b.rank)
          .map((l) => ({ code: l.code, nameJa: l.nameJa, nameEn: l.nameEn, rank: l.rank, secret: l.secret })),
        inaccessibleVisibility: input.inaccessibleVisibility,
        defaultReviewIntervalMonths: input.defaultReviewIntervalMonths,
        reminderLeadDays: input.reminderLeadDays,
      };
      const kept = new Set(after.classificationLevels.map((l) => l.code));
      const usage = await repo.classificationUsage(tx, actor.tenantId);
      const inUse = before.classificationLevels
        .map((l) => l.code)
        .filter((code) => !kept.has(code) && (usage.get(code) ?? 0) > 0);
      // A level missing from the settings but used by technologies (e.g. written before the settings existed).
      const orphaned = [...usage.keys()].filter(
        (code) => !kept.has(code) && !before.classificationLevels.some((l) => l.code === code),
      );
      if (inUse.length + orphaned.length > 0) {
        throw new AppError('register/classification_in_use', { codes: [...inUse, ...orphaned] });
      }
      const changes = diffFields(before, after);
      if (changes.length > 0) {
        await repo.saveSettings(tx, actor.tenantId, after);
        await recordAudit(tx, actor, { type: 'register.settings_changed', payload: { changes } }, clock);
      }
      return settingsView(actor, after);
    });
  };

  /** The users a technology can be assigned to: active technology owners and security officers. */
  const listOwners = async (actor: Actor): Promise<RegisterOwnerList> => {
    requirePermission(actor, 'register:read');
    return db.tenant(actor.tenantId, async (tx) => ({ items: await repo.ownerCandidates(tx, actor.tenantId) }));
  };

  // -------------------------------------------------------------------------------------------------------------
  // The register list and its export
  // -------------------------------------------------------------------------------------------------------------

  const filterOf = (
    actor: Actor,
    query: TechnologyListQuery,
    date: string,
    access: { fullAccess: repo.TechnologyFilter['fullAccess']; includeNameOnly: boolean },
  ): repo.TechnologyFilter => ({
    tenantId: actor.tenantId,
    today: date,
    q: query.q || undefined,
    core: flag(query.core),
    designated: flag(query.designated),
    classification: query.classification || undefined,
    ownerUserId: query.ownerUserId,
    department: query.department || undefined,
    reviewOverdue: flag(query.reviewOverdue),
    concentrationRisk: flag(query.concentrationRisk),
    tradeSecretGap: flag(query.tradeSecretGap),
    status: query.status,
    ...access,
  });

  const listItem = (row: repo.TechnologyListRow, date: string): TechnologyListItem =>
    row.full
      ? {
          id: row.id,
          access: 'full',
          code: row.code,
          nameJa: row.nameJa,
          nameEn: row.nameEn,
          products: row.products,
          ownerName: row.ownerName,
          department: row.department,
          classificationCode: row.classificationCode,
          isCore: row.isCore,
          designatedCodes: row.designatedCodes,
          exportControlStatus: row.exportControlStatus,
          overseas: row.overseas,
          nextReviewOn: row.nextReviewOn,
          reviewOverdue: row.status === 'active' && isReviewOverdue(row.nextReviewOn, date),
          tradeSecretQualifies: row.tradeSecretQualifies,
          concentration: {
            level: row.concentrationLevel,
            busFactor: row.busFactor,
            singlePersonAllSteps: row.singlePersonAllSteps,
            departingHolders: row.departingHolders,
          },
          status: row.status,
          updatedAt: row.updatedAt,
        }
      : {
          id: row.id,
          access: 'name_only',
          code: row.code,
          nameJa: row.nameJa,
          nameEn: row.nameEn,
          products: [],
          ownerName: null,
          department: null,
          classificationCode: null,
          isCore: null,
          designatedCodes: [],
          exportControlStatus: null,
          overseas: null,
          nextReviewOn: null,
          reviewOverdue: null,
          tradeSecretQualifies: null,
          concentration: null,
          status: row.status,
          updatedAt: null,
        };

  /**
   * One page of the register as the actor may see it: technologies they may read in full, plus — when the company
   * shows names — the names of the others. Filters on details match only technologies read in full.
   */
  const listTechnologies = async (actor: Actor, query: TechnologyListQuery): Promise<TechnologyList> => {
    requirePermission(actor, 'register:read');
    const date = today();
    return db.tenant(actor.tenantId, async (tx) => {
      const scope = await accessScopeOf(tx, actor, date);
      const filter = filterOf(actor, query, date, {
        fullAccess: scope.readAll
          ? null
          : repo.fullAccessCondition({ ...scope, grantedTechnologyIds: [...scope.grantedTechnologyIds] }),
        includeNameOnly: scope.settings.inaccessibleVisibility === 'names',
      });
      const { rows, total } = await repo.listTechnologies(tx, filter, {
        sort: query.sort,
        order: query.order,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
        classificationRanks: new Map(scope.settings.classificationLevels.map((l) => [l.code, l.rank])),
      });
      return {
        items: rows.map((row) => listItem(row, date)),
        page: query.page,
        pageSize: query.pageSize,
        total,
        abilities: registerAbilities(actor),
      };
    });
  };

  /**
   * Every matching technology the actor may read in full, in the import template's shape, for a CSV/XLSX download;
   * technologies seen by name only are left out. Audited as `register.exported`.
   */
  const exportTechnologies = async (
    actor: Actor,
    query: TechnologyListQuery & { format: 'csv' | 'xlsx' },
  ): Promise<{ items: TechnologyExportRow[]; exportedAt: Date }> => {
    requirePermission(actor, 'register:read');
    const now = clock();
    const date = tokyoDate(now);
    return db.tenant(actor.tenantId, async (tx) => {
      const scope = await accessScopeOf(tx, actor, date);
      const filter = filterOf(actor, query, date, {
        fullAccess: scope.readAll
          ? null
          : repo.fullAccessCondition({ ...scope, grantedTechnologyIds: [...scope.grantedTechnologyIds] }),
        includeNameOnly: false,
      });
      const { rows } = await repo.listTechnologies(tx, filter, {
        sort: query.sort,
        order: query.order,
        limit: exportLimit,
        offset: 0,
        classificationRanks: new Map(scope.settings.classificationLevels.map((l) => [l.code, l.rank])),
      });
      await recordAudit(
        tx,
        actor,
        { type: 'register.exported', payload: { list: 'technologies', format: query.format, rows: rows.length } },
        clock,
      );
      return { items: rows, exportedAt: now };
    });
  };

  // -------------------------------------------------------------------------------------------------------------
  // One technology
  // -------------------------------------------------------------------------------------------------------------

  /**
   * Registers a technology. The officer assigns any active user as owner; a technology owner becomes the owner
   * (asking for someone else is refused).
   */
  const createTechnology = async (actor: Actor, input: TechnologyInputParsed): Promise<TechnologyView> => {
    requirePermission(actor, 'register:create');
    const ownerUserId = ownerForWrite(actor, input.ownerUserId);
    if (ownerUserId === undefined) throw new AppError('auth/forbidden', { field: 'ownerUserId' });
    const date = today();
    return db.tenant(actor.tenantId, async (tx) => {
      const settings = await loadRegisterSettings(tx, actor.tenantId);
      const { id } = await writeTechnology(
        tx,
        actor,
        { ...input, ownerUserId },
        { source: 'form', existing: null, settings, today: date, clock },
      );
      return reload(tx, actor, id, date);
    });
  };

  /** One technology in full; `register/not_found` when absent, in another tenant, or visible by name only. */
  const getTechnology = async (actor: Actor, id: string): Promise<TechnologyView> => {
    const date = today();
    return db.tenant(actor.tenantId, async (tx) => {
      const { row, abilities } = await findTechnologyForActor(tx, actor, id, date);
      return technologyView(tx, actor, row, abilities, date);
    });
  };

  /** Replaces a technology if it still has the version the user read (`register/version_conflict` otherwise). */
  const updateTechnology = async (
    actor: Actor,
    id: string,
    body: { technology: TechnologyInputParsed; version: number },
  ): Promise<TechnologyView> => {
    requirePermission(actor, 'register:read');
    const date = today();
    return db.tenant(actor.tenantId, async (tx) => {
      const { row } = await loadForWrite(tx, actor, id, date);
      if (row.version !== body.version) throw new AppError('register/version_conflict', { id, version: row.version });
      const ownerUserId = ownerForWrite(actor, body.technology.ownerUserId);
      if (ownerUserId === undefined) throw new AppError('auth/forbidden', { field: 'ownerUserId' });
      const settings = await loadRegisterSettings(tx, actor.tenantId);
      await writeTechnology(
        tx,
        actor,
        { ...body.technology, ownerUserId },
        { source: 'form', existing: row, settings, today: date, clock },
      );
      // The core flag is an input of the concentration level (a leaving sole holder is critical on core technology).
      if (row.isCore !== body.technology.isCore) {
        await refreshConcentration(tx, actor.tenantId, { technologyIds: [id] }, date);
      }
      return reload(tx, actor, id, date);
    });
  };

  /** Archives an active technology: it leaves the default list but keeps its history and references. */
  const archiveTechnology = async (actor: Actor, id: string, body: ArchiveTechnologyBody): Promise<TechnologyView> => {
    requirePermission(actor, 'register:read');
    const date = today();
    return db.tenant(actor.tenantId, async (tx) => {
      const { row } = await loadForWrite(tx, actor, id, date);
      await repo.updateTechnology(tx, actor.tenantId, id, row.version, { status: 'archived', archivedAt: clock() });
      await recordAudit(
        tx,
        actor,
        {
          type: 'technology.archived',
          payload: { code: row.code, reason: body.reason ?? null },
          subjectType: 'technology',
          subjectId: id,
        },
        clock,
      );
      return reload(tx, actor, id, date);
    });
  };

  /** Restores an archived technology to the register. */
  const restoreTechnology = async (actor: Actor, id: string, body: ArchiveTechnologyBody): Promise<TechnologyView> => {
    requirePermission(actor, 'register:read');
    const date = today();
    return db.tenant(actor.tenantId, async (tx) => {
      const { row } = await loadForWrite(tx, actor, id, date, true);
      if (row.status !== 'archived') throw new AppError('register/not_archived', { id });
      await repo.updateTechnology(tx, actor.tenantId, id, row.version, { status: 'active', archivedAt: null });
      await recordAudit(
        tx,
        actor,
        {
          type: 'technology.restored',
          payload: { code: row.code, reason: body.reason ?? null },
          subjectType: 'technology',
          subjectId: id,
        },
        clock,
      );
      return reload(tx, actor, id, date);
    });
  };

  /**
   * Deletes a technology outright (officer only). When a deal, report or any other record refers to it, the
   * database refuses and the answer is `register/technology_in_use`: archive it instead.
   */
  const deleteTechnology = async (actor: Actor, id: string): Promise<{ ok: true }> => {
    requirePermission(actor, 'register:manage');
    const date = today();
    return db.tenant(actor.tenantId, async (tx) => {
      const { row } = await findTechnologyForActor(tx, actor, id, date, { forUpdate: true });
      try {
        await repo.deleteTechnology(tx, actor.tenantId, id);
      } catch (error) {
        if (isStillReferenced(error)) throw new AppError('register/technology_in_use', { id });
        throw error;
      }
      await recordAudit(
        tx,
        actor,
        {
          type: 'technology.deleted',
          payload: { code: row.code, nameJa: row.nameJa },
          subjectType: 'technology',
          subjectId: id,
        },
        clock,
      );
      return { ok: true as const };
    });
  };

  /**
   * Records one trade-secret requirement's assessment, recomputes whether the technology qualifies as a trade secret
   * and audits the changed fields; an identical assessment changes nothing.
   */
  const assessRequirement = async (
    actor: Actor,
    id: string,
    requirement: TradeSecretRequirement,
    input: RequirementAssessmentInput,
  ): Promise<TechnologyView> => {
    requirePermission(actor, 'register:read');
    const date = today();
    return db.tenant(actor.tenantId, async (tx) => {
      const { row } = await loadForWrite(tx, actor, id, date);
      const evidence = [...new Set(input.evidenceFileIds)];
      const found = await repo.existingFileIds(tx, actor.tenantId, evidence);
      const unknown = evidence.filter((f) => !found.has(f));
      if (unknown.length > 0)
        throw new AppError('register/unknown_file', { field: 'evidenceFileIds', values: unknown });
      const stored = await repo.requirementsOf(tx, actor.tenantId, id);
      const current = stored.find((r) => r.requirement === requirement);
      const before = current
        ? {
            status: current.status,
            note: current.note,
            evidenceFileIds: current.evidenceFileIds,
            reviewedOn: current.reviewedOn,
          }
        : { ...UNASSESSED };
      const after = {
        status: input.status,
        note: input.note ?? null,
        evidenceFileIds: evidence,
        reviewedOn: input.reviewedOn,
      };
      const changes: FieldChange[] = diffFields(before, after);
      if (changes.length > 0) {
        await repo.saveRequirement(tx, {
          tenantId: actor.tenantId,
          technologyId: id,
          requirement,
          ...after,
          reviewedBy: actor.userId,
        });
        const verdict = tradeSecretVerdict([
          ...stored.filter((r) => r.requirement !== requirement),
          { requirement, status: after.status },
        ]);
        if (verdict.qualifies !== row.tradeSecretQualifies) {
          await repo.setTradeSecretQualifies(tx, actor.tenantId, id, verdict.qualifies);
        }
        await recordAudit(
          tx,
          actor,
          {
            type: 'technology.requirement_reviewed',
            payload: { code: row.code, requirement, changes },
            subjectType: 'technology',
            subjectId: id,
          },
          clock,
        );
      }
      return reload(tx, actor, id, date);
    });
  };

  /** A page of a technology's history from the audit trail, newest first (readers with full access only). */
  const history = async (actor: Actor, id: string, query: TechnologyHistoryQuery): Promise<TechnologyHistory> => {
    const date = today();
    return db.tenant(actor.tenantId, async (tx) => {
      await findTechnologyForActor(tx, actor, id, date);
      const { rows, total } = await repo.historyOf(tx, actor.tenantId, id, {
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      return {
        items: rows.map((event) => {
          const payload =
            event.payload && typeof event.payload === 'object' ? (event.payload as Record<string, unknown>) : {};
          const { changes, ...details } = payload;
          return {
            seq: event.seq,
            occurredAt: event.occurredAt,
            type: event.type,
            typeLabel: auditEventLabel(event.type, actor.locale),
            actorLabel: event.actorLabel,
            changes: Array.isArray(changes) ? (changes as FieldChange[]) : [],
            details,
          };
        }),
        page: query.page,
        pageSize: query.pageSize,
        total,
      };
    });
  };

  // -------------------------------------------------------------------------------------------------------------
  // Evidence files
  // -------------------------------------------------------------------------------------------------------------

  /** Whether the actor may download files attached to a technology: only with full access to it. */
  const mayReadTechnologyFile = async (actor: Actor, recordId: string | null): Promise<boolean> => {
    if (!recordId || !UUID.test(recordId) || !can(actor, 'register:read')) return false;
    const date = today();
    return db.tenant(
      actor.tenantId,
      async (tx) => (await findTechnologyForActor(tx, actor, recordId, date)).abilities.read,
    );
  };

  /** Whether the actor may attach evidence to a technology: those who may edit or review it. */
  const mayUploadTechnologyFile = async (actor: Actor, recordId: string): Promise<boolean> => {
    if (!UUID.test(recordId) || !can(actor, 'register:read')) return false;
    const date = today();
    return db.tenant(actor.tenantId, async (tx) => {
      const { abilities } = await findTechnologyForActor(tx, actor, recordId, date);
      return abilities.edit || abilities.review;
    });
  };

  return {
    getSettings,
    updateSettings,
    listOwners,
    listTechnologies,
    exportTechnologies,
    createTechnology,
    getTechnology,
    updateTechnology,
    archiveTechnology,
    restoreTechnology,
    deleteTechnology,
    assessRequirement,
    history,
    mayReadTechnologyFile,
    mayUploadTechnologyFile,
  };
};

/** The register service. */
export type RegisterService = ReturnType<typeof createRegisterService>;
