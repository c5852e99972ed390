import pino, { type Logger } from 'pino';

/** Paths that must never reach a log line: credentials, tokens, cookies, secrets. */
export const REDACTED_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.code',
  '*.secret',
  '*.sessionSecret',
  '*.recoveryCodes',
  '*.totpSecret',
  '*.passwordHash',
];

/** Creates the process logger (JSON lines; pretty output is left to the operator's tools). */
export const createLogger = (level: string): Logger =>
  pino({ level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { app: 'kakine' } });

export type { Logger };
