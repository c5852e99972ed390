import { describe, expect, it } from 'vitest';
import { nextSort } from '../components/sortable-th';
import { ApiError } from '../lib/api-client';
import { invitationState, isLocked } from './admin/pages/users-page';
import { newPasswordServerError } from './auth/components/new-password-fields';
import { recoveryCodesFile } from './auth/components/recovery-codes-panel';
import { groupSecret } from './auth/components/totp-enrolment';
import { isTotpCode, looksLikeEmail } from './auth/validation';
import { fileProblems, jobPercent } from './catalogues/components/job-progress';
import { toCertainty } from './catalogues/status';
import { isInternalLink } from './notifications/pages/notifications-page';

describe('catalogue certainty', () => {
  it.each([
    ['C', 'C'],
    ['[I]', 'I'],
    ['confirmed', 'C'],
    ['Inferred', 'I'],
    ['unknown', 'U'],
    ['', 'U'],
    [null, 'U'],
    ['something else', 'U'],
  ])('%s → %s', (status, expected) => {
    expect(toCertainty(status)).toBe(expected);
  });
});

describe('job progress', () => {
  it('is a share of the total, complete when the job succeeded, zero while the total is unknown', () => {
    expect(jobPercent({ status: 'running', progressDone: 300, progressTotal: 726 })).toBe(41);
    expect(jobPercent({ status: 'running', progressDone: 5, progressTotal: null })).toBe(0);
    expect(jobPercent({ status: 'succeeded', progressDone: 0, progressTotal: null })).toBe(100);
    expect(jobPercent({ status: 'running', progressDone: 900, progressTotal: 726 })).toBe(100);
  });
});

describe('invitations and users', () => {
  const now = new Date('2025-06-09T00:00:00Z');
  const base = { acceptedAt: null, revokedAt: null, expiresAt: '2025-06-10T00:00:00Z' };
  it('trusts the status the server sends', () => {
    expect(invitationState({ ...base, status: 'revoked' }, now)).toBe('revoked');
  });
  it('derives the status from timestamps when the server sends none', () => {
    expect(invitationState(base, now)).toBe('pending');
    expect(invitationState({ ...base, expiresAt: '2025-06-08T00:00:00Z' }, now)).toBe('expired');
    expect(invitationState({ ...base, acceptedAt: '2025-06-01T00:00:00Z' }, now)).toBe('accepted');
    expect(invitationState({ ...base, revokedAt: '2025-06-01T00:00:00Z', acceptedAt: 'x' }, now)).toBe('revoked');
  });
  it('shows a lock only while it lasts', () => {
    expect(isLocked({ lockedUntil: '2025-06-09T01:00:00Z' }, now)).toBe(true);
    expect(isLocked({ lockedUntil: '2025-06-08T23:00:00Z' }, now)).toBe(false);
    expect(isLocked({ lockedUntil: null }, now)).toBe(false);
  });
});

describe('auth helpers', () => {
  it('groups a TOTP secret in fours for typing by hand', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
  });

  it('writes recovery codes one per line under a header', () => {
    expect(recoveryCodesFile('Kakine', ['a', 'b'])).toBe('Kakine\n\na\nb\n');
  });

  it('checks input with the contract schemas', () => {
    expect(looksLikeEmail(' sato@example.co.jp ')).toBe(true);
    expect(looksLikeEmail('sato@')).toBe(false);
    expect(isTotpCode('123 456')).toBe(true);
    expect(isTotpCode('12345')).toBe(false);
    expect(isTotpCode('abcdef')).toBe(false);
  });

  it('explains a weak password with each reason in the UI language', () => {
    const weak = new ApiError(422, 'auth/weak_password', 'パスワードが弱すぎます。', {
      reasons: ['common', 'nonsense'],
    });
    expect(newPasswordServerError(weak, 'password', 'ja')).toContain('よく使われている');
    expect(newPasswordServerError(weak, 'password', 'en')).toContain('commonly used');
    const noReasons = new ApiError(422, 'auth/weak_password', 'パスワードが弱すぎます。');
    expect(newPasswordServerError(noReasons, 'password', 'ja')).toBe('パスワードが弱すぎます。');
    const invalid = new ApiError(400, 'request/invalid', 'x', {
      fields: [{ path: 'newPassword', message: '短すぎます' }],
    });
    expect(newPasswordServerError(invalid, 'newPassword', 'ja')).toBe('短すぎます');
    expect(newPasswordServerError(new ApiError(403, 'auth/forbidden', 'x'), 'password', 'ja')).toBeUndefined();
  });
});

describe('notification links', () => {
  it('opens paths inside the app without reloading, anything else as a normal link', () => {
    expect(isInternalLink('/admin/users')).toBe(true);
    expect(isInternalLink('//evil.example')).toBe(false);
    expect(isInternalLink('https://www.meti.go.jp/')).toBe(false);
  });
});

describe('sortable lists', () => {
  it('flips the direction on the same column and starts ascending on a new one', () => {
    expect(nextSort({ field: 'displayName', order: 'asc' }, 'displayName')).toEqual({
      field: 'displayName',
      order: 'desc',
    });
    expect(nextSort({ field: 'displayName', order: 'desc' }, 'displayName')).toEqual({
      field: 'displayName',
      order: 'asc',
    });
    expect(nextSort({ field: 'displayName', order: 'desc' }, 'email')).toEqual({ field: 'email', order: 'asc' });
  });
});

describe('catalogue file problems', () => {
  it('reads the row-level problems of a rejected file, and nothing from anything else', () => {
    const details = { errors: [{ row: 3, field: 'name', code: 'required', message: '名称がありません。' }], total: 12 };
    expect(fileProblems(details)).toEqual({ problems: details.errors, total: 12 });
    expect(fileProblems(null)).toEqual({ problems: [], total: 0 });
    expect(fileProblems({ errors: 'nope' })).toEqual({ problems: [], total: 0 });
  });
});
