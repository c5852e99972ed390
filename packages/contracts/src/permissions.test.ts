import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from './errors';
import {
  hasPermission,
  isRoleOfKind,
  PERMISSIONS,
  permissionsFor,
  ROLE_PERMISSIONS,
  ROLES_BY_KIND,
} from './permissions';

describe('roles and permissions', () => {
  it.each([
    ['company', ['admin'], 'users:manage', true],
    ['company', ['employee'], 'users:manage', false],
    ['company', ['employee'], 'catalogue:read', true],
    ['company', ['security_officer'], 'audit:verify', true],
    ['company', ['technology_owner'], 'audit:read', false],
    ['company', ['admin'], 'catalogue:publish', false],
    ['meti', ['catalogue_admin'], 'catalogue:publish', true],
    ['meti', ['case_officer'], 'catalogue:publish', false],
    ['certification_body', ['auditor'], 'audit:read', false],
    ['certification_body', ['admin'], 'users:manage', true],
  ] as const)('%s %o → %s is %s', (kind, roles, permission, expected) => {
    expect(hasPermission(kind, roles, permission)).toBe(expected);
  });

  it('grants nothing for a role of another organisation kind', () => {
    expect(permissionsFor('company', ['catalogue_admin']).size).toBe(0);
    expect(isRoleOfKind('company', 'catalogue_admin')).toBe(false);
    expect(isRoleOfKind('meti', 'catalogue_admin')).toBe(true);
  });

  it('unions the permissions of several roles', () => {
    const both = permissionsFor('company', ['technology_owner', 'legal']);
    expect(both.has('audit:read')).toBe(true);
    expect(both.has('files:upload')).toBe(true);
  });

  it('defines permissions for every role of every kind, using only known permission strings', () => {
    for (const [kind, roles] of Object.entries(ROLES_BY_KIND)) {
      const table = ROLE_PERMISSIONS[kind as keyof typeof ROLE_PERMISSIONS] as Record<string, readonly string[]>;
      expect(Object.keys(table).sort()).toEqual([...roles].sort());
      for (const granted of Object.values(table)) {
        for (const p of granted) expect(PERMISSIONS).toContain(p);
      }
    }
  });

  it('has a Japanese and an English message for every error code', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[a-z_]+\/[a-z_]+$/);
      expect(entry.ja.length).toBeGreaterThan(0);
      expect(entry.en.length).toBeGreaterThan(0);
      expect(entry.status).toBeGreaterThanOrEqual(400);
    }
  });
});
