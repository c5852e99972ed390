import type {
  AccessGrantInput,
  AccessGrantView,
  AccessReviewQuery,
  FieldChange,
  UpdateAccessGrantBody,
} from '@kakine/contracts';
import type { z } from 'zod';
import { EXPORT_ROW_LIMIT } from '../../http/list-export';
import { type Actor, can } from '../../platform/actor/actor';
import { recordAudit } from '../../platform/audit/audit.recorder';
import type { Clock } from '../../platform/clock';
import type { Database, Tx } from '../../platform/db/database';
import { AppError } from '../../platform/errors/app-error';
import * as repo from './access.repository';
import { grantFindings, grantState } from './access.rules';
import { diffFields, tokyoDate } from './register.rules';
import { findTechnologyForActor, loadRegisterSettings, mayWriteTechnology } from './technology-access';

/** A grant as POST sends it, after parsing. */
export type AccessGrantInputParsed = z.output<typeof AccessGrantInput>;
/** A grant change as PATCH sends it, after parsing. */
export type UpdateAccessGrantParsed = z.output<typeof UpdateAccessGrantBody>;

/** A page of a list as every list endpoint answers it. */
type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/** The tenant facts a grant's findings are computed with. */
type ReviewContext = { today: string; classificationLevels: readonly { code: string; rank: number }[] };

/** How a grant's grantee reads in the audit trail: the person's name and employee id, or the department. */
const granteeLabel = (row: {
  granteeKind: 'person' | 'department';
  personName: string | null;
  personEmployeeId: string | null;
  department: string | null;
}): string =>
  row.granteeKind === 'person' ? `${row.personName ?? ''} (${row.personEmployeeId ?? ''})` : (row.department ?? '');

/** A grant as shown, with its state on `today`, its findings and what the actor may do to it. */
export const toGrantView = (row: repo.GrantRow, context: ReviewContext, mayManage: boolean): AccessGrantView => {
  const state = grantState(row, context.today);
  const person =
    row.granteeKind === 'person' && row.personEmploymentType && row.personStatus
      ? { employmentType: row.personEmploymentType, status: row.personStatus, lastWorkingDay: row.personLastWorkingDay }
      : null;
  const findings = grantFindings(
    { granteeKind: row.granteeKind, expiresOn: row.expiresOn, revokedAt: row.revokedAt, person },
    {
      today: context.today,
      technology: { isCore: row.technologyIsCore, classificationCode: row.technologyClassificationCode },
      classificationLevels: context.classificationLevels,
    },
  );
  const open = mayManage && state !== 'revoked';
  return {
    id: row.id,
    technologyId: row.technologyId,
    technologyCode: row.technologyCode,
    technologyNameJa: row.technologyNameJa,
    granteeKind: row.granteeKind,
    personId: row.personId,
    personName: row.personName,
    personEmployeeId: row.personEmployeeId,
    personEmploymentType: row.personEmploymentType,
    personStatus: row.personStatus,
    department: row.department,
    reason: row.reason,
    grantedByName: row.grantedByName,
    grantedAt: row.grantedAt,
    expiresOn: row.expiresOn,
    revokedAt: row.revokedAt,
    revokedByName: row.revokedByName,
    state,
    findings,
    abilities: { revoke: open, edit: open },
  };
};

const STATE_ORDER = { active: 0, expired: 1, revoked: 2 } as const;

const compareText = (a: string | null, b: string | null) => {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b, 'ja');
};

/** Sorts review rows by the query's key; ties fall back to technology code and grant time. */
const reviewComparator = (sort: AccessReviewQuery['sort'], order: 'asc' | 'desc') => {
  const sign = order === 'asc' ? 1 : -1;
  const key = (a: AccessGrantView, b: AccessGrantView): number => {
    switch (sort) {
      case 'personName':
        return compareText(a.personName ?? a.department, b.personName ?? b.department);
      case 'expiresOn':
        return compareText(a.expiresOn, b.expiresOn);
      case 'grantedAt':
        return a.grantedAt.getTime() - b.grantedAt.getTime();
      default:
        return compareText(a.technologyCode, b.technologyCode);
    }
  };
  return (a: AccessGrantView, b: AccessGrantView) =>
    sign * key(a, b) ||
    compareText(a.technologyCode, b.technologyCode) ||
    a.grantedAt.getTime() - b.grantedAt.getTime() ||
    a.id.localeCompare(b.id);
};

/** Dependencies of the access service. */
export type AccessServiceDeps = { db: Database; clock: Clock };

/**
 * Creates the need-to-know access service: grants per technology (person or department, reason, expiry), changes
 * and revocation, and the register-wide review of grants that deserve a second look.
 */
export const createAccessService = (deps: AccessServiceDeps) => {
  const { db, clock } = deps;

  const contextOf = async (tx: Tx, tenantId: string, today: string): Promise<ReviewContext> => ({
    today,
    classificationLevels: (await loadRegisterSettings(tx, tenantId)).classificationLevels,
  });

  /**
   * Loads a grant for a change: the grant must exist in the tenant and its technology must be one the actor reads in
   * full (otherwise `register/grant_not_found`, so that nobody learns of grants they cannot see) and may manage.
   */
  const grantForChange = async (tx: Tx, actor: Actor, grantId: string, today: string) => {
    const technologyId = await repo.technologyOfGrant(tx, actor.tenantId, grantId);
    if (!technologyId) throw new AppError('register/grant_not_found', { id: grantId });
    const technology = await findTechnologyForActor(tx, actor, technologyId, today, { forUpdate: true }).catch(
      (error: unknown) => {
        if (error instanceof AppError && error.code === 'register/not_found') {
          throw new AppError('register/grant_not_found', { id: grantId });
        }
        throw error;
      },
    );
    const grant = await repo.findGrant(tx, actor.tenantId, grantId, { forUpdate: true });
    if (!grant) throw new AppError('register/grant_not_found', { id: grantId });
    if (grant.revokedAt !== null) throw new AppError('register/grant_revoked', { id: grantId });
    if (technology.row.status === 'archived') throw new AppError('register/archived', { id: technologyId });
    if (!technology.abilities.manageAccess) throw new AppError('auth/forbidden', { ability: 'manageAccess' });
    return { grant, technology };
  };

  const loadView = async (tx: Tx, actor: Actor, grantId: string, context: ReviewContext): Promise<AccessGrantView> => {
    const row = await repo.findGrant(tx, actor.tenantId, grantId);
    if (!row) throw new AppError('register/grant_not_found', { id: grantId });
    return toGrantView(row, context, true);
  };

  /**
   * Every grant of a technology, effective ones first. Who has access is itself need-to-know: the officer, the
   * technology's owner and the register:read_all roles see it; other readers get `auth/forbidden`.
   */
  const list = async (actor: Actor, technologyId: string): Promise<{ items: AccessGrantView[] }> => {
    const today = tokyoDate(clock());
    return db.tenant(actor.tenantId, async (tx) => {
      const { row, abilities } = await findTechnologyForActor(tx, actor, technologyId, today);
      if (!mayWriteTechnology(actor, row) && !can(actor, 'register:read_all')) {
        throw new AppError('auth/forbidden', { ability: 'manageAccess' });
      }
      const context = await contextOf(tx, actor.tenantId, today);
      const rows = await repo.grantsOfTechnology(tx, actor.tenantId, row.id);
      const items = rows.map((r) => toGrantView(r, context, abilities.manageAccess));
      items.sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state]);
      return { items };
    });
  };

  /**
   * Grants access to a technology for one person of the directory or a whole department, with a reason and an
   * optional expiry (today or later). Refused when the same grantee already has an effective grant, when the person
   * has left, and for a department nobody in the directory belongs to. Audited as `technology.access_granted`.
   */
  const grant = async (actor: Actor, technologyId: string, input: AccessGrantInputParsed): Promise<AccessGrantView> => {
    const now = clock();
    const today = tokyoDate(now);
    const tenantId = actor.tenantId;
    return db.tenant(tenantId, async (tx) => {
      const { row, abilities } = await findTechnologyForActor(tx, actor, technologyId, today, { forUpdate: true });
      if (row.status === 'archived') throw new AppError('register/archived', { id: row.id });
      if (!abilities.manageAccess) throw new AppError('auth/forbidden', { ability: 'manageAccess' });
      if (input.expiresOn !== null && input.expiresOn < today) {
        throw new AppError('register/expiry_in_past', { field: 'expiresOn', values: [input.expiresOn] });
      }
      const grantee =
        input.granteeKind === 'person'
          ? { granteeKind: 'person' as const, personId: input.personId, department: null }
          : { granteeKind: 'department' as const, personId: null, department: input.department };
      let label: string;
      if (grantee.granteeKind === 'person') {
        const person = await repo.findPerson(tx, tenantId, grantee.personId as string);
        if (!person) throw new AppError('register/unknown_person', { field: 'personId', values: [grantee.personId] });
        if (person.status === 'left') throw new AppError('register/person_left', { field: 'personId' });
        label = granteeLabel({ ...grantee, personName: person.name, personEmployeeId: person.employeeId });
      } else {
        if (!(await repo.departmentExists(tx, tenantId, grantee.department as string))) {
          throw new AppError('register/unknown_department', { field: 'department', values: [grantee.department] });
        }
        label = grantee.department as string;
      }
      if (await repo.activeGrantExists(tx, tenantId, { technologyId: row.id, ...grantee }, today)) {
        throw new AppError('register/grant_exists', { field: 'granteeKind' });
      }
      const id = await repo.insertGrant(tx, {
        tenantId,
        technologyId: row.id,
        ...grantee,
        reason: input.reason,
        grantedBy: actor.userId,
        grantedAt: now,
        expiresOn: input.expiresOn,
      });
      await recordAudit(
        tx,
        actor,
        {
          type: 'technology.access_granted',
          payload: {
            code: row.code,
            grantId: id,
            granteeKind: grantee.granteeKind,
            grantee: label,
            reason: input.reason,
            expiresOn: input.expiresOn,
          },
          subjectType: 'technology',
          subjectId: row.id,
        },
        clock,
      );
      return loadView(tx, actor, id, await contextOf(tx, tenantId, today));
    });
  };

  /**
   * Changes a grant's reason and/or expiry (a new expiry must be today or later). Extending a lapsed grant is
   * refused while the grantee has another effective grant. Audited as `technology.access_changed` with the changes;
   * a change that changes nothing records nothing.
   */
  const update = async (actor: Actor, grantId: string, input: UpdateAccessGrantParsed): Promise<AccessGrantView> => {
    const now = clock();
    const today = tokyoDate(now);
    return db.tenant(actor.tenantId, async (tx) => {
      const { grant: current, technology } = await grantForChange(tx, actor, grantId, today);
      const after = {
        reason: input.reason ?? current.reason,
        expiresOn: input.expiresOn === undefined ? current.expiresOn : input.expiresOn,
      };
      const changes: FieldChange[] = diffFields(
        { reason: current.reason, expiresOn: current.expiresOn },
        { reason: after.reason, expiresOn: after.expiresOn },
      );
      const context = await contextOf(tx, actor.tenantId, today);
      if (changes.length === 0) return toGrantView(current, context, true);
      if (after.expiresOn !== current.expiresOn && after.expiresOn !== null && after.expiresOn < today) {
        throw new AppError('register/expiry_in_past', { field: 'expiresOn', values: [after.expiresOn] });
      }
      const reopens =
        grantState(current, today) === 'expired' && grantState({ ...current, ...after }, today) === 'active';
      if (reopens && (await repo.activeGrantExists(tx, actor.tenantId, current, today, current.id))) {
        throw new AppError('register/grant_exists', { field: 'expiresOn' });
      }
      await repo.updateGrant(tx, actor.tenantId, current.id, { ...after, updatedAt: now });
      await recordAudit(
        tx,
        actor,
        {
          type: 'technology.access_changed',
          payload: { code: technology.row.code, grantId: current.id, grantee: granteeLabel(current), changes },
          subjectType: 'technology',
          subjectId: technology.row.id,
        },
        clock,
      );
      return loadView(tx, actor, current.id, context);
    });
  };

  /** Revokes a grant at once (a second revocation is `register/grant_revoked`); audited as `technology.access_revoked`. */
  const revoke = async (actor: Actor, grantId: string, input: { reason: string | null }): Promise<AccessGrantView> => {
    const now = clock();
    const today = tokyoDate(now);
    return db.tenant(actor.tenantId, async (tx) => {
      const { grant: current, technology } = await grantForChange(tx, actor, grantId, today);
      await repo.revokeGrant(tx, actor.tenantId, current.id, {
        revokedAt: now,
        revokedBy: actor.userId,
        revokeReason: input.reason,
      });
      await recordAudit(
        tx,
        actor,
        {
          type: 'technology.access_revoked',
          payload: {
            code: technology.row.code,
            grantId: current.id,
            grantee: granteeLabel(current),
            reason: input.reason,
          },
          subjectType: 'technology',
          subjectId: technology.row.id,
        },
        clock,
      );
      return loadView(tx, actor, current.id, await contextOf(tx, actor.tenantId, today));
    });
  };

  /**
   * The need-to-know review: grants with at least one finding (expired but not revoked, leavers, people from outside
   * on core or top-level technology, departments on core technology, no expiry for outsiders) on the active
   * technologies the actor manages — every technology for the officer, their own for a technology owner; others get
   * `auth/forbidden`. Filter by finding and state, sort, page; a csv/xlsx export lists every match and is audited.
   */
  const review = async (actor: Actor, query: AccessReviewQuery): Promise<Page<AccessGrantView>> => {
    const officer = can(actor, 'register:manage');
    if (!officer && !can(actor, 'register:create')) {
      throw new AppError('auth/forbidden', { permission: 'register:manage' });
    }
    const today = tokyoDate(clock());
    return db.tenant(actor.tenantId, async (tx) => {
      const context = await contextOf(tx, actor.tenantId, today);
      const candidates = await repo.reviewCandidates(tx, actor.tenantId, {
        ownerUserId: officer ? null : actor.userId,
        limit: EXPORT_ROW_LIMIT,
      });
      const matching = candidates
        .map((row) => toGrantView(row, context, mayWriteTechnology(actor, { ownerUserId: row.technologyOwnerUserId })))
        .filter((g) => g.findings.length > 0)
        .filter((g) => (query.finding ? g.findings.includes(query.finding) : true))
        .filter((g) => (query.state ? g.state === query.state : true))
        .sort(reviewComparator(query.sort, query.order));
      if (query.format !== 'json') {
        await recordAudit(
          tx,
          actor,
          {
            type: 'register.exported',
            payload: { list: 'access_review', format: query.format, rows: matching.length },
          },
          clock,
        );
        return { items: matching, page: query.page, pageSize: query.pageSize, total: matching.length };
      }
      const start = (query.page - 1) * query.pageSize;
      return {
        items: matching.slice(start, start + query.pageSize),
        page: query.page,
        pageSize: query.pageSize,
        total: matching.length,
      };
    });
  };

  return { list, grant, update, revoke, review };
};

/** The access service. */
export type AccessService = ReturnType<typeof createAccessService>;
