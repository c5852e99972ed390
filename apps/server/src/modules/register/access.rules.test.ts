import { DEFAULT_CLASSIFICATION_LEVELS } from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import { type GrantContext, type GrantFacts, grantFindings, grantState, topClassificationCode } from './access.rules';

const today = '2026-08-01';
const revokedAt = new Date('2026-07-01T00:00:00Z');

describe('grant state', () => {
  it.each([
    [{ revokedAt: null, expiresOn: null }, 'active'],
    [{ revokedAt: null, expiresOn: '2026-12-31' }, 'active'],
    [{ revokedAt: null, expiresOn: today }, 'active'],
    [{ revokedAt: null, expiresOn: '2026-07-31' }, 'expired'],
    [{ revokedAt, expiresOn: null }, 'revoked'],
    [{ revokedAt, expiresOn: '2026-07-31' }, 'revoked'],
  ] as const)('%o → %s', (grant, expected) => {
    expect(grantState(grant, today)).toBe(expected);
  });
});

describe('top classification level', () => {
  it.each([
    [DEFAULT_CLASSIFICATION_LEVELS, 'top_secret'],
    [
      [
        { code: 'b', rank: 3 },
        { code: 'a', rank: 2 },
      ],
      'a',
    ],
    [[], null],
  ] as const)('%j → %s', (levels, expected) => {
    expect(topClassificationCode(levels)).toBe(expected);
  });
});

describe('grant findings', () => {
  const employee = { employmentType: 'employee', status: 'active', lastWorkingDay: null } as const;
  const dispatched = { employmentType: 'dispatched', status: 'active', lastWorkingDay: null } as const;
  const person = (p: GrantFacts['person'], expiresOn: string | null = '2026-12-31', revoked: Date | null = null) => ({
    granteeKind: 'person' as const,
    person: p,
    expiresOn,
    revokedAt: revoked,
  });
  const department = (expiresOn: string | null = null): GrantFacts => ({
    granteeKind: 'department',
    person: null,
    expiresOn,
    revokedAt: null,
  });
  const on = (isCore: boolean, classificationCode: string): GrantContext => ({
    today,
    technology: { isCore, classificationCode },
    classificationLevels: DEFAULT_CLASSIFICATION_LEVELS,
  });

  it.each<[string, GrantFacts, GrantContext, string[]]>([
    ['an employee on ordinary technology', person(employee), on(false, 'secret'), []],
    ['an employee without expiry on core technology', person(employee, null), on(true, 'top_secret'), []],
    [
      'the seed’s Case 4: a dispatched maintenance worker on 極秘 core technology without expiry',
      person(dispatched, null),
      on(true, 'top_secret'),
      ['external_on_core', 'external_on_top_level', 'no_expiry_external'],
    ],
    [
      'a contractor with expiry on 秘 ordinary technology',
      person({ ...dispatched, employmentType: 'contractor' }),
      on(false, 'secret'),
      [],
    ],
    [
      'a secondee on core technology',
      person({ ...dispatched, employmentType: 'secondee' }),
      on(true, 'confidential'),
      ['external_on_core'],
    ],
    [
      'an officer at the top level is not external',
      person({ ...employee, employmentType: 'officer' }, null),
      on(false, 'top_secret'),
      [],
    ],
    [
      'a leaver',
      person({ employmentType: 'employee', status: 'leaving', lastWorkingDay: '2026-09-30' }),
      on(false, 'secret'),
      ['holder_leaving'],
    ],
    [
      'a leaver whose last day has passed',
      person({ employmentType: 'employee', status: 'leaving', lastWorkingDay: '2026-07-31' }),
      on(false, 'secret'),
      ['holder_left'],
    ],
    [
      'someone who left',
      person({ employmentType: 'dispatched', status: 'left', lastWorkingDay: '2026-06-30' }),
      on(true, 'secret'),
      ['holder_left', 'external_on_core'],
    ],
    ['a department on core technology', department(), on(true, 'secret'), ['department_on_core']],
    ['a department on ordinary technology', department(), on(false, 'top_secret'), []],
    ['an expired grant', person(dispatched, '2026-07-31'), on(true, 'top_secret'), ['expired']],
    ['a revoked grant', person(dispatched, null, revokedAt), on(true, 'top_secret'), []],
  ])('%s', (_name, grant, context, expected) => {
    expect(grantFindings(grant, context)).toEqual(expected);
  });

  it('the top level follows the tenant’s own levels', () => {
    const context: GrantContext = {
      today,
      technology: { isCore: false, classificationCode: 'strict' },
      classificationLevels: [
        { code: 'strict', rank: 1 },
        { code: 'open', rank: 2 },
      ],
    };
    expect(grantFindings(person(dispatched), context)).toEqual(['external_on_top_level']);
    expect(
      grantFindings(person(dispatched), { ...context, technology: { isCore: false, classificationCode: 'open' } }),
    ).toEqual([]);
  });
});
