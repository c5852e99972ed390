import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at, createdAtColumn, idColumn, tenantColumn } from '../db/columns';

/** People who sign in; each belongs to exactly one organisation. E-mail is unique across the deployment. */
export const users = pgTable(
  'users',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    roles: text('roles').array().notNull().default(sql`'{}'::text[]`),
    status: text('status', { enum: ['active', 'disabled'] })
      .notNull()
      .default('active'),
    locale: text('locale', { enum: ['ja', 'en'] })
      .notNull()
      .default('ja'),
    /** TOTP secret (base32), encrypted with the server secret. Null until enrolled. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: at('totp_enabled_at'),
    /** Last accepted TOTP time step, so that a code cannot be replayed. */
    totpLastStep: integer('totp_last_step'),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: at('locked_until'),
    lastSignInAt: at('last_sign_in_at'),
    passwordChangedAt: at('password_changed_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('users_email_key').on(sql`lower(${t.email})`), index('users_tenant_idx').on(t.tenantId)],
);

/** One-time recovery codes for the second factor, stored hashed. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/** Server-side sessions; the cookie holds a random id whose SHA-256 is stored here. */
export const sessions = pgTable(
  'sessions',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    csrfToken: text('csrf_token').notNull(),
    /**
     * `second_factor`: password accepted, TOTP or recovery code still due; `enrolment`: signed in but must enrol a
     * second factor before anything else; `active`: fully signed in.
     */
    stage: text('stage', { enum: ['second_factor', 'enrolment', 'active'] }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAtColumn(),
    lastSeenAt: at('last_seen_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** Invitations sent by an organisation admin; accepted by setting a password through the e-mailed link. */
export const invitations = pgTable(
  'invitations',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    roles: text('roles').array().notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    expiresAt: at('expires_at').notNull(),
    acceptedAt: at('accepted_at'),
    revokedAt: at('revoked_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('invitations_token_hash_key').on(t.tokenHash), index('invitations_tenant_idx').on(t.tenantId)],
);

/** Single-use password reset tokens, stored hashed, with an expiry. */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: idColumn(),
    tenantId: tenantColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex('password_reset_tokens_token_hash_key').on(t.tokenHash)],
);

/** Failed sign-ins per client address, for throttling; not tenant data, only the system role reads it. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: idColumn(),
    address: text('address').notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [index('sign_in_failures_address_idx').on(t.address, t.createdAt)],
);
