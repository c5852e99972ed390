import type { AccessFinding, EmploymentType, PersonStatus } from '@kakine/contracts';

/** Where a grant is on a given day: it gives access (`active`), has lapsed (`expired`) or was taken back (`revoked`). */
export type GrantState = 'active' | 'expired' | 'revoked';

/** The employment types that come from outside the company (派遣・出向・業務委託): their grants get a second look. */
export const EXTERNAL_EMPLOYMENT_TYPES: readonly EmploymentType[] = ['dispatched', 'secondee', 'contractor'];

/** Whether someone of this employment type comes from outside the company. */
export const isExternal = (employmentType: EmploymentType): boolean =>
  EXTERNAL_EMPLOYMENT_TYPES.includes(employmentType);

/**
 * The state of a grant on `today` (Asia/Tokyo `YYYY-MM-DD`): revoked wins; otherwise it is active while it has no
 * expiry or its expiry date is today or later (the expiry day itself still gives access), expired after that.
 */
export const grantState = (grant: { revokedAt: Date | null; expiresOn: string | null }, today: string): GrantState => {
  if (grant.revokedAt !== null) return 'revoked';
  if (grant.expiresOn !== null && grant.expiresOn < today) return 'expired';
  return 'active';
};

/** What the findings need to know about a grant and, for a person grant, its grantee. */
export type GrantFacts = {
  granteeKind: 'person' | 'department';
  expiresOn: string | null;
  revokedAt: Date | null;
  person: { employmentType: EmploymentType; status: PersonStatus; lastWorkingDay: string | null } | null;
};

/** The technology and tenant facts the findings compare a grant with. */
export type GrantContext = {
  today: string;
  technology: { isCore: boolean; classificationCode: string };
  /** The tenant's classification levels; the one with rank 1 is the top level (e.g. 極秘). */
  classificationLevels: readonly { code: string; rank: number }[];
};

/** The code of the tenant's most secret classification level: the one ranked 1 (or the best-ranked one). */
export const topClassificationCode = (levels: readonly { code: string; rank: number }[]): string | null =>
  levels.reduce<{ code: string; rank: number } | null>(
    (best, l) => (best === null || l.rank < best.rank ? l : best),
    null,
  )?.code ?? null;

/**
 * Why a grant deserves a second look in the need-to-know review (the seed's Case 4: a dispatched maintenance worker
 * with access he should not have). A revoked grant gives nothing and has no findings; an expired one that was never
 * revoked has only `expired` (it gives no access, it should just be cleared). An active grant is checked for:
 * - `holder_left` / `holder_leaving`: the grantee has left (or their last working day has passed) / is leaving;
 * - `external_on_core`: someone from outside (dispatched, secondee, contractor) has access to core technology;
 * - `external_on_top_level`: someone from outside has access at the tenant's top classification level;
 * - `department_on_core`: a whole department has access to core technology;
 * - `no_expiry_external`: a grant to someone from outside has no expiry date.
 */
export const grantFindings = (grant: GrantFacts, context: GrantContext): AccessFinding[] => {
  const state = grantState(grant, context.today);
  if (state === 'revoked') return [];
  if (state === 'expired') return ['expired'];
  const findings: AccessFinding[] = [];
  const { person } = grant;
  if (grant.granteeKind === 'person' && person) {
    const gone =
      person.status === 'left' ||
      (person.status === 'leaving' && person.lastWorkingDay !== null && person.lastWorkingDay < context.today);
    if (gone) findings.push('holder_left');
    else if (person.status === 'leaving') findings.push('holder_leaving');
    if (isExternal(person.employmentType)) {
      if (context.technology.isCore) findings.push('external_on_core');
      if (context.technology.classificationCode === topClassificationCode(context.classificationLevels)) {
        findings.push('external_on_top_level');
      }
      if (grant.expiresOn === null) findings.push('no_expiry_external');
    }
  }
  if (grant.granteeKind === 'department' && context.technology.isCore) findings.push('department_on_core');
  return findings;
};
