import type { RegisterSettings } from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor/actor';
import { ownerForWrite, registerAbilities } from './register.policy';
import {
  type AccessScope,
  DEFAULT_REGISTER_SETTINGS,
  technologyAbilitiesOf,
  technologyAccessOf,
} from './technology-access';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const TECH = '33333333-3333-4333-8333-333333333333';

const actor = (roles: string[], organisationKind: Actor['organisationKind'] = 'company'): Actor => ({
  userId: ME,
  tenantId: '44444444-4444-4444-8444-444444444444',
  organisationKind,
  roles,
  label: 'Test <test@example.com>',
  locale: 'ja',
  ip: null,
  sessionId: null,
});

const scope = (overrides: Partial<AccessScope> = {}, settings: Partial<RegisterSettings> = {}): AccessScope => ({
  userId: ME,
  readAll: false,
  personIds: [],
  departments: [],
  grantedTechnologyIds: new Set(),
  publicClassificationCodes: ['public'],
  settings: { ...DEFAULT_REGISTER_SETTINGS, ...settings },
  today: '2026-04-01',
  ...overrides,
});

const row = (
  overrides: Partial<{ ownerUserId: string | null; classificationCode: string; status: 'active' | 'archived' }> = {},
) => ({
  id: TECH,
  ownerUserId: OTHER,
  classificationCode: 'secret',
  status: 'active' as const,
  ...overrides,
});

describe('technologyAccessOf', () => {
  it.each([
    ['a reader of everything', scope({ readAll: true }), row(), 'full'],
    ['the owner', scope(), row({ ownerUserId: ME }), 'full'],
    ['anyone at a non-secret level', scope(), row({ classificationCode: 'public' }), 'full'],
    ['a grantee', scope({ grantedTechnologyIds: new Set([TECH]) }), row(), 'full'],
    ['someone without access, names shown', scope(), row(), 'name_only'],
    ['someone without access, names hidden', scope({}, { inaccessibleVisibility: 'hidden' }), row(), 'none'],
    ['a level that is not configured counts as secret', scope(), row({ classificationCode: 'mystery' }), 'name_only'],
    ['no owner is nobody’s', scope(), row({ ownerUserId: null }), 'name_only'],
  ] as const)('%s → %s', (_name, s, r, expected) => {
    expect(technologyAccessOf(s, r)).toBe(expected);
  });
});

describe('technologyAbilitiesOf', () => {
  const none = {
    read: false,
    edit: false,
    archive: false,
    delete: false,
    review: false,
    manageAccess: false,
    editKnowHow: false,
    viewHistory: false,
  };
  const writer = {
    read: true,
    edit: true,
    archive: true,
    delete: false,
    review: true,
    manageAccess: true,
    editKnowHow: true,
    viewHistory: true,
  };
  it.each([
    [
      'the officer on any technology',
      ['security_officer'],
      scope({ readAll: true }),
      row(),
      { ...writer, delete: true },
    ],
    [
      'the officer on an archived one',
      ['security_officer'],
      scope({ readAll: true }),
      row({ status: 'archived' }),
      { ...none, read: true, archive: true, delete: true, viewHistory: true },
    ],
    ['a technology owner on their own', ['technology_owner'], scope(), row({ ownerUserId: ME }), writer],
    [
      'a technology owner on someone else’s public one',
      ['technology_owner'],
      scope(),
      row({ classificationCode: 'public' }),
      { ...none, read: true, viewHistory: true },
    ],
    ['a technology owner on someone else’s secret one', ['technology_owner'], scope(), row(), none],
    ['legal', ['legal'], scope({ readAll: true }), row(), { ...none, read: true, viewHistory: true }],
    [
      'an employee with a grant',
      ['employee'],
      scope({ grantedTechnologyIds: new Set([TECH]) }),
      row(),
      { ...none, read: true, viewHistory: true },
    ],
    ['an employee without one', ['employee'], scope(), row(), none],
  ] as const)('%s', (_name, roles, s, r, expected) => {
    expect(technologyAbilitiesOf(actor([...roles]), r, s)).toEqual(expected);
  });

  it('gives a METI user nothing even with a full scope', () => {
    expect(technologyAbilitiesOf(actor(['case_officer'], 'meti'), row(), scope({ readAll: true }))).toEqual(none);
  });
});

describe('ownerForWrite', () => {
  it.each([
    ['the officer keeps no owner', ['security_officer'], null, null],
    ['the officer assigns someone', ['security_officer'], OTHER, OTHER],
    ['a technology owner becomes the owner', ['technology_owner'], null, ME],
    ['a technology owner names themselves', ['technology_owner'], ME, ME],
    ['a technology owner may not assign someone else', ['technology_owner'], OTHER, undefined],
  ] as const)('%s', (_name, roles, requested, expected) => {
    expect(ownerForWrite(actor([...roles]), requested)).toBe(expected);
  });
});

describe('registerAbilities', () => {
  it.each([
    [['security_officer'], { create: true, import: true, manageSettings: true }],
    [['technology_owner'], { create: true, import: false, manageSettings: false }],
    [['employee'], { create: false, import: false, manageSettings: false }],
  ])('%j → %j', (roles, expected) => {
    expect(registerAbilities(actor(roles))).toEqual(expected);
  });
});
