import { describe, expect, it } from 'vitest';
import { containsPattern, invitationStatus, removesLastAdmin, rolesNotOfKind, sameRoles } from './organisations.rules';

const now = new Date('2026-03-01T00:00:00Z');
const later = new Date('2026-03-02T00:00:00Z');
const earlier = new Date('2026-02-28T00:00:00Z');

describe('invitation status', () => {
  it.each([
    [{ acceptedAt: null, revokedAt: null, expiresAt: later }, 'pending'],
    [{ acceptedAt: null, revokedAt: null, expiresAt: now }, 'expired'],
    [{ acceptedAt: null, revokedAt: null, expiresAt: earlier }, 'expired'],
    [{ acceptedAt: earlier, revokedAt: null, expiresAt: earlier }, 'accepted'],
    [{ acceptedAt: null, revokedAt: earlier, expiresAt: later }, 'revoked'],
    [{ acceptedAt: null, revokedAt: earlier, expiresAt: earlier }, 'revoked'],
  ] as const)('%o → %s', (invitation, expected) => {
    expect(invitationStatus(invitation, now)).toBe(expected);
  });
});

describe('roles per organisation kind', () => {
  it.each([
    ['company', ['admin', 'hr'], []],
    ['company', ['case_officer', 'hr', 'auditor'], ['case_officer', 'auditor']],
    ['meti', ['catalogue_admin', 'employee'], ['employee']],
    ['certification_body', ['advisor', 'decision_maker', 'admin'], []],
  ] as const)('%s %j → invalid %j', (kind, roles, invalid) => {
    expect(rolesNotOfKind(kind, roles)).toEqual(invalid);
  });
});

describe('last active administrator', () => {
  const admin = { roles: ['admin'], status: 'active' } as const;
  it.each([
    ['removing admin from the only admin', admin, { roles: ['hr'], status: 'active' }, 0, true],
    ['disabling the only admin', admin, { roles: ['admin'], status: 'disabled' }, 0, true],
    ['removing admin when another admin is active', admin, { roles: ['hr'], status: 'active' }, 1, false],
    ['adding a role to the only admin', admin, { roles: ['admin', 'hr'], status: 'active' }, 0, false],
    ['changing a non-admin', { roles: ['hr'], status: 'active' }, { roles: ['legal'], status: 'active' }, 0, false],
    [
      'changing a disabled admin',
      { roles: ['admin'], status: 'disabled' },
      { roles: [], status: 'disabled' },
      0,
      false,
    ],
  ] as const)('%s → %s', (_name, before, after, others, expected) => {
    expect(removesLastAdmin(before, after, others)).toBe(expected);
  });
});

describe('helpers', () => {
  it('escapes LIKE wildcards so that a search matches them literally', () => {
    expect(containsPattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
  });
  it('compares role sets regardless of order', () => {
    expect(sameRoles(['hr', 'legal'], ['legal', 'hr'])).toBe(true);
    expect(sameRoles(['hr'], ['hr', 'legal'])).toBe(false);
    expect(sameRoles(['hr', 'hr'], ['hr', 'legal'])).toBe(false);
  });
});
