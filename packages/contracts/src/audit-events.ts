import { z } from 'zod';

const Empty = z.object({});
const RoleList = z.array(z.string());
/** One changed field of a record: name, value before, value after (JSON values). */
const FieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });

/**
 * Every audit event type with the schema of its payload. Types are `<subject>.<past-tense verb>`;
 * modules add their events here so that the trail stays typed end to end.
 */
export const AUDIT_EVENT_PAYLOADS = {
  'organisation.created': z.object({ name: z.string(), kind: z.string() }),
  'auth.signed_in': z.object({ method: z.enum(['password', 'password_totp', 'password_recovery_code']) }),
  'auth.sign_in_failed': z.object({
    reason: z.enum(['bad_password', 'bad_second_factor', 'locked', 'disabled']),
  }),
  'auth.account_locked': z.object({ lockedUntil: z.string(), failures: z.number().int() }),
  'auth.signed_out': z.object({ everywhere: z.boolean() }),
  'auth.password_changed': Empty,
  'auth.password_reset_requested': Empty,
  'auth.password_reset_completed': Empty,
  'auth.second_factor_enrolled': z.object({ kind: z.literal('totp') }),
  'auth.second_factor_removed': z.object({ kind: z.literal('totp') }),
  'auth.recovery_codes_regenerated': z.object({ count: z.number().int() }),
  'auth.recovery_code_used': z.object({ remaining: z.number().int() }),
  'user.invited': z.object({ email: z.string(), roles: RoleList }),
  'user.invitation_revoked': z.object({ email: z.string() }),
  'user.invitation_accepted': z.object({ email: z.string() }),
  'user.roles_changed': z.object({ from: RoleList, to: RoleList }),
  'user.disabled': Empty,
  'user.enabled': Empty,
  'user.preferences_changed': z.object({ locale: z.string() }),
  'user.unlocked': z.object({ lockedUntil: z.string().nullable(), failures: z.number().int() }),
  'user.second_factor_reset': z.object({ kind: z.literal('totp') }),
  'user.list_exported': z.object({
    list: z.enum(['users', 'invitations']),
    format: z.enum(['csv', 'xlsx']),
    rows: z.number().int(),
  }),
  'catalogue.version_published': z.object({
    catalogue: z.string(),
    versionId: z.string(),
    label: z.string(),
    effectiveFrom: z.string(),
    entries: z.number().int(),
    fileId: z.string().optional(),
    fileSha256: z.string().optional(),
    jobId: z.string().optional(),
  }),
  'file.uploaded': z.object({
    fileId: z.string(),
    name: z.string(),
    sha256: z.string(),
    size: z.number().int(),
    contentType: z.string(),
  }),
  'file.downloaded': z.object({ fileId: z.string(), name: z.string(), sha256: z.string() }),
  'audit.verified': z.object({
    intact: z.boolean(),
    checked: z.number().int(),
    firstBrokenSeq: z.number().int().nullable(),
  }),
  'audit.exported': z.object({
    format: z.enum(['csv', 'xlsx']),
    rows: z.number().int(),
    filters: z.record(z.string(), z.string()).optional(),
  }),
  'technology.created': z.object({ code: z.string(), nameJa: z.string(), source: z.enum(['form', 'import']) }),
  'technology.updated': z.object({
    code: z.string(),
    changes: z.array(FieldChangeSchema),
    source: z.enum(['form', 'import']),
  }),
  'technology.archived': z.object({ code: z.string(), reason: z.string().nullable() }),
  'technology.restored': z.object({ code: z.string(), reason: z.string().nullable() }),
  'technology.deleted': z.object({ code: z.string(), nameJa: z.string() }),
  'technology.requirement_reviewed': z.object({
    code: z.string(),
    requirement: z.string(),
    changes: z.array(FieldChangeSchema),
  }),
  'technology.access_granted': z.object({
    code: z.string(),
    grantId: z.string(),
    granteeKind: z.enum(['person', 'department']),
    grantee: z.string(),
    reason: z.string(),
    expiresOn: z.string().nullable(),
  }),
  'technology.access_changed': z.object({
    code: z.string(),
    grantId: z.string(),
    grantee: z.string(),
    changes: z.array(FieldChangeSchema),
  }),
  'technology.access_revoked': z.object({
    code: z.string(),
    grantId: z.string(),
    grantee: z.string(),
    reason: z.string().nullable(),
  }),
  'technology.know_how_changed': z.object({ code: z.string(), changes: z.array(FieldChangeSchema) }),
  'register.settings_changed': z.object({ changes: z.array(FieldChangeSchema) }),
  'register.imported': z.object({
    fileName: z.string(),
    mode: z.string(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    invalidRows: z.number().int(),
  }),
  'register.exported': z.object({
    list: z.enum(['technologies', 'access_review', 'concentration']),
    format: z.enum(['csv', 'xlsx']),
    rows: z.number().int(),
  }),
  'person.created': z.object({ employeeId: z.string(), name: z.string(), source: z.enum(['form', 'import']) }),
  'person.updated': z.object({
    employeeId: z.string(),
    changes: z.array(FieldChangeSchema),
    source: z.enum(['form', 'import']),
  }),
  'person.deleted': z.object({ employeeId: z.string(), name: z.string() }),
  'people.imported': z.object({
    fileName: z.string(),
    mode: z.string(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    invalidRows: z.number().int(),
  }),
  'people.exported': z.object({ format: z.enum(['csv', 'xlsx']), rows: z.number().int() }),
} as const satisfies Record<string, z.ZodType>;

/** An audit event type such as `'auth.signed_in'`. */
export type AuditEventType = keyof typeof AUDIT_EVENT_PAYLOADS;
/** All audit event types, for filters. */
export const AUDIT_EVENT_TYPES = Object.keys(AUDIT_EVENT_PAYLOADS) as AuditEventType[];
/** The payload of an audit event of type T. */
export type AuditPayload<T extends AuditEventType> = z.infer<(typeof AUDIT_EVENT_PAYLOADS)[T]>;
