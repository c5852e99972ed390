import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanish = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => ['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''].includes(v), {
    message: 'must be one of true/false, 1/0, yes/no, on/off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const EnvSchema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^postgres(ql)?:\/\/.+/.test(v), {
      message: 'must be a postgres:// or postgresql:// connection URL',
    })
    .optional(),
  DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  BASE_URL: z
    .string()
    .refine((v) => /^https?:\/\/[^/]+/.test(v), { message: 'must be an absolute http:// or https:// URL' })
    .optional(),
  SMTP_URL: z
    .string()
    .refine((v) => /^smtps?:\/\/.+/.test(v), { message: 'must be an smtp:// or smtps:// URL' })
    .optional(),
  MAIL_FROM: z.string().min(3).default('Kakine <no-reply@kakine.invalid>'),
  KAKINE_DEMO: booleanish.optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  KAKINE_WORKER: z.enum(['embedded', 'off'], { message: 'must be embedded or off' }).default('embedded'),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number({ message: 'must be a number' })
    .int('must be a whole number')
    .min(10, 'must be at least 10')
    .default(1200),
  UPLOAD_LIMIT_MB: z.coerce.number({ message: 'must be a number' }).int().min(1).max(1024).default(25),
});

/** Validated runtime configuration of a Kakine process. */
export type Config = {
  port: number;
  host: string;
  /** Native PostgreSQL URL, or undefined for the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  baseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** Demo mode: seeds demo data, lists demo accounts on the sign-in page, shows the e-mail outbox. */
  demo: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Secret for signing tokens; generated once and kept in the data dir when not given. */
  sessionSecret: string;
  worker: 'embedded' | 'off';
  uploadLimitBytes: number;
  /** Requests per minute per session (or per address before sign-in); sign-in routes have stricter limits. */
  rateLimitPerMinute: number;
};

/** Thrown when the environment holds bad values; the message lists every problem, one per line. */
export class ConfigError extends Error {
  /** Creates the error from the list of problems. */
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Parses and validates configuration from environment variables, without touching the disk.
 * Demo mode defaults to on for the embedded database and off for native PostgreSQL.
 */
export const parseConfig = (
  env: Record<string, string | undefined>,
): Omit<Config, 'sessionSecret'> & {
  sessionSecret: string | undefined;
} => {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => {
        const key = String(i.path[0] ?? '');
        const value = key in cleaned ? ` (got ${JSON.stringify(key.includes('SECRET') ? '***' : cleaned[key])})` : '';
        return `${key}: ${i.message}${value}`;
      }),
    );
  }
  const e = result.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    demo: e.KAKINE_DEMO ?? e.DATABASE_URL === undefined,
    logLevel: e.LOG_LEVEL,
    sessionSecret: e.SESSION_SECRET,
    worker: e.KAKINE_WORKER,
    uploadLimitBytes: e.UPLOAD_LIMIT_MB * 1024 * 1024,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
  };
};

/** Loads configuration and fills in secrets that were not given from (or into) `<dataDir>/secrets.json`. */
export const loadConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const parsed = parseConfig(env);
  mkdirSync(parsed.dataDir, { recursive: true });
  const secretsPath = path.join(parsed.dataDir, 'secrets.json');
  let stored: { sessionSecret?: string } = {};
  try {
    stored = JSON.parse(readFileSync(secretsPath, 'utf8')) as typeof stored;
  } catch {
    // No secrets file yet: first start on this data dir.
  }
  let sessionSecret = parsed.sessionSecret ?? stored.sessionSecret;
  if (!sessionSecret) {
    sessionSecret = randomBytes(32).toString('base64url');
    writeFileSync(secretsPath, JSON.stringify({ ...stored, sessionSecret }, null, 2), { mode: 0o600 });
  }
  return { ...parsed, sessionSecret };
};
