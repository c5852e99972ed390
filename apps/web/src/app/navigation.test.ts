import { type OrganisationKind, permissionsFor } from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import { type AccessSubject, can, meets } from '../lib/abilities';
import { activeNavTarget, groupNavItems, NAV_ITEMS, SCREEN_ACCESS, visibleNavItems } from './navigation';
import { safeRedirect, signedOutTarget } from './route-guards';

const subject = (kind: OrganisationKind, roles: string[], demo = false) => ({
  permissions: [...permissionsFor(kind, roles)],
  demo,
});
const ids = (s: AccessSubject) => visibleNavItems(s).map((item) => item.id);

describe('navigation from permissions', () => {
  it('gives a company employee only the screens everyone has', () => {
    expect(ids(subject('company', ['employee']))).toEqual([
      'home',
      'register',
      'concentration',
      'catalogues',
      'notifications',
      'account',
    ]);
  });

  it('gives a company administrator user management and the audit trail', () => {
    expect(ids(subject('company', ['admin']))).toEqual([
      'home',
      'register',
      'concentration',
      'people',
      'catalogues',
      'notifications',
      'users',
      'audit',
      'account',
    ]);
  });

  it('shows the demo outbox only in demo mode and only with outbox:read', () => {
    expect(ids(subject('company', ['admin'], true))).toContain('outbox');
    expect(ids(subject('company', ['admin'], false))).not.toContain('outbox');
    expect(ids(subject('company', ['employee'], true))).not.toContain('outbox');
  });

  it('lets a user with users:read (but not users:manage) see the users screen', () => {
    const hr = subject('company', ['hr']);
    expect(can(hr, 'users:manage')).toBe(false);
    expect(ids(hr)).toContain('users');
  });

  it('gives a METI catalogue administrator the audit trail but not user management', () => {
    const ids_ = ids(subject('meti', ['catalogue_admin']));
    expect(ids_).toContain('audit');
    expect(ids_).not.toContain('users');
  });

  it('gives the access review to those who manage grants and the directory to those who may read it', () => {
    const officer = ids(subject('company', ['security_officer']));
    expect(officer).toEqual(expect.arrayContaining(['concentration', 'accessReview', 'people']));
    const owner = ids(subject('company', ['technology_owner']));
    expect(owner).toEqual(expect.arrayContaining(['concentration', 'accessReview', 'people']));
    // Reading everything is not managing anything: legal and executives get no access review.
    expect(ids(subject('company', ['legal']))).not.toContain('accessReview');
    expect(ids(subject('company', ['executive_approver']))).not.toContain('accessReview');
    expect(ids(subject('company', ['executive_approver']))).not.toContain('people');
    expect(ids(subject('company', ['hr']))).toContain('people');
  });

  it('shows no register or people screen to METI or certification-body users', () => {
    for (const s of [subject('meti', ['admin', 'case_officer']), subject('certification_body', ['auditor'])]) {
      for (const id of ['register', 'concentration', 'accessReview', 'people'] as const)
        expect(ids(s)).not.toContain(id);
    }
  });

  it('marks only the most specific entry of the current path as active', () => {
    const items = visibleNavItems(subject('company', ['security_officer']));
    expect(activeNavTarget(items, '/register/concentration')).toBe('/register/concentration');
    expect(activeNavTarget(items, '/register/access-review')).toBe('/register/access-review');
    expect(activeNavTarget(items, '/register/0b1c/edit')).toBe('/register');
    expect(activeNavTarget(items, '/register')).toBe('/register');
    expect(activeNavTarget(items, '/people')).toBe('/people');
    expect(activeNavTarget(items, '/')).toBe('/');
    expect(activeNavTarget(items, '/registers')).toBeNull();
  });

  it('shows the technology register to every company role (all may read it, at least by name)', () => {
    for (const role of [
      'admin',
      'security_officer',
      'technology_owner',
      'hr',
      'legal',
      'executive_approver',
      'employee',
    ])
      expect(ids(subject('company', [role]))).toContain('register');
    expect(SCREEN_ACCESS.register).toEqual({ anyOf: ['register:read'] });
  });

  it('takes the union over several roles', () => {
    expect(ids(subject('company', ['employee', 'legal']))).toContain('audit');
  });

  it('shows nothing that needs a permission to a user without permissions', () => {
    expect(ids({ permissions: [], demo: true })).toEqual(['home', 'account']);
  });

  it('ignores permissions it does not know', () => {
    expect(ids({ permissions: ['reports:submit'], demo: false })).toEqual(['home', 'account']);
  });

  it('groups entries by section in a fixed order and drops empty sections', () => {
    const groups = groupNavItems(visibleNavItems(subject('company', ['employee'])));
    expect(groups.map((g) => g.section)).toEqual(['work', 'personal']);
  });

  it('describes every screen in the access table', () => {
    for (const item of NAV_ITEMS) expect(item.requirement).toBe(SCREEN_ACCESS[item.id]);
  });
});

describe('access requirements', () => {
  it('needs any one of the listed permissions', () => {
    const requirement = { anyOf: ['users:read', 'users:manage'] as const };
    expect(meets({ permissions: ['users:manage'], demo: false }, requirement)).toBe(true);
    expect(meets({ permissions: ['audit:read'], demo: false }, requirement)).toBe(false);
  });

  it('is open to everyone signed in when there is no requirement', () => {
    expect(meets({ permissions: [], demo: false }, undefined)).toBe(true);
  });
});

describe('route guards', () => {
  it('sends signed-out users to the step the server asks for', () => {
    expect(signedOutTarget('auth/unauthenticated')).toBe('/sign-in');
    expect(signedOutTarget('auth/second_factor_required')).toBe('/sign-in/second-factor');
    expect(signedOutTarget('auth/enrolment_required')).toBe('/enrol-second-factor');
  });

  it('only redirects inside the app after sign-in', () => {
    expect(safeRedirect('/audit?page=2')).toBe('/audit?page=2');
    expect(safeRedirect('https://evil.example/')).toBeUndefined();
    expect(safeRedirect('//evil.example/')).toBeUndefined();
    expect(safeRedirect('/\\evil.example')).toBeUndefined();
    expect(safeRedirect('/sign-in?redirect=/x')).toBeUndefined();
    expect(safeRedirect(42)).toBeUndefined();
  });
});
