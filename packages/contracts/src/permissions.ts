import { z } from 'zod';

/** The three kinds of organisation that share one Kakine deployment. */
export const ORGANISATION_KINDS = ['company', 'meti', 'certification_body'] as const;
/** An organisation kind: company (事業者), METI (経済産業省) or certification body (認証機関). */
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
/** Zod schema of an organisation kind. */
export const OrganisationKindSchema = z.enum(ORGANISATION_KINDS);

/** Every permission string the server checks; new modules add theirs here. */
export const PERMISSIONS = [
  'organisation:read',
  'users:read',
  'users:manage',
  'audit:read',
  'audit:verify',
  'audit:export',
  'catalogue:read',
  'catalogue:publish',
  'notifications:read',
  'jobs:read',
  'files:upload',
  'outbox:read',
  'register:read',
  'register:read_all',
  'register:create',
  'register:manage',
  'people:read',
  'people:manage',
] as const;
/** A typed permission such as `'audit:verify'`. */
export type Permission = (typeof PERMISSIONS)[number];

/** Roles available in each kind of organisation (product.md, "Who uses it"). */
export const ROLES_BY_KIND = {
  company: ['admin', 'security_officer', 'technology_owner', 'hr', 'legal', 'executive_approver', 'employee'],
  meti: ['admin', 'case_officer', 'licensing_officer', 'outreach_officer', 'intelligence_analyst', 'catalogue_admin'],
  certification_body: ['admin', 'auditor', 'advisor', 'decision_maker'],
} as const satisfies Record<OrganisationKind, readonly string[]>;

/** Every role name across organisation kinds. */
export const ROLES = [
  ...new Set([...ROLES_BY_KIND.company, ...ROLES_BY_KIND.meti, ...ROLES_BY_KIND.certification_body]),
] as unknown as readonly Role[];
/** A role name; which roles are valid depends on the organisation kind. */
export type Role = (typeof ROLES_BY_KIND)[OrganisationKind][number];
/** Zod schema of a role name. */
export const RoleSchema = z.enum([
  'admin',
  'security_officer',
  'technology_owner',
  'hr',
  'legal',
  'executive_approver',
  'employee',
  'case_officer',
  'licensing_officer',
  'outreach_officer',
  'intelligence_analyst',
  'catalogue_admin',
  'auditor',
  'advisor',
  'decision_maker',
]);

const EVERYONE: readonly Permission[] = ['organisation:read', 'catalogue:read', 'notifications:read'];
const AUDITORS: readonly Permission[] = ['audit:read', 'audit:verify', 'audit:export'];
const ADMIN: readonly Permission[] = [
  ...EVERYONE,
  ...AUDITORS,
  'users:read',
  'users:manage',
  'jobs:read',
  'files:upload',
  'outbox:read',
];

/** The permissions each role grants, per organisation kind; a user's permissions are the union over their roles. */
export const ROLE_PERMISSIONS: {
  [K in OrganisationKind]: Record<(typeof ROLES_BY_KIND)[K][number], readonly Permission[]>;
} = {
  company: {
    admin: [...ADMIN, 'register:read', 'people:read'],
    security_officer: [
      ...EVERYONE,
      ...AUDITORS,
      'users:read',
      'jobs:read',
      'files:upload',
      'register:read',
      'register:read_all',
      'register:create',
      'register:manage',
      'people:read',
      'people:manage',
    ],
    technology_owner: [...EVERYONE, 'files:upload', 'register:read', 'register:create', 'people:read'],
    hr: [...EVERYONE, 'users:read', 'files:upload', 'register:read', 'people:read', 'people:manage'],
    legal: [...EVERYONE, 'audit:read', 'files:upload', 'register:read', 'register:read_all', 'people:read'],
    executive_approver: [...EVERYONE, 'audit:read', 'register:read', 'register:read_all'],
    employee: [...EVERYONE, 'register:read'],
  },
  meti: {
    admin: ADMIN,
    case_officer: [...EVERYONE, 'files:upload'],
    licensing_officer: [...EVERYONE, 'files:upload'],
    outreach_officer: [...EVERYONE],
    intelligence_analyst: [...EVERYONE],
    catalogue_admin: [...EVERYONE, 'catalogue:publish', 'jobs:read', 'files:upload', 'audit:read'],
  },
  certification_body: {
    admin: ADMIN,
    auditor: [...EVERYONE, 'files:upload'],
    advisor: [...EVERYONE, 'files:upload'],
    decision_maker: [...EVERYONE, 'audit:read'],
  },
};

/** Whether a role name exists for the given organisation kind. */
export const isRoleOfKind = (kind: OrganisationKind, role: string): role is Role =>
  (ROLES_BY_KIND[kind] as readonly string[]).includes(role);

/** The union of permissions granted by the given roles in an organisation of the given kind. */
export const permissionsFor = (kind: OrganisationKind, roles: readonly string[]): Set<Permission> => {
  const table = ROLE_PERMISSIONS[kind] as Record<string, readonly Permission[]>;
  const result = new Set<Permission>();
  for (const role of roles) for (const p of table[role] ?? []) result.add(p);
  return result;
};

/** Whether the given roles in an organisation of the given kind grant a permission. */
export const hasPermission = (kind: OrganisationKind, roles: readonly string[], permission: Permission): boolean =>
  permissionsFor(kind, roles).has(permission);
