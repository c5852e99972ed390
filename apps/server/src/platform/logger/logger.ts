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

/** Query parameters whose values are secrets (invitation and reset links carry `token`). */
const SECRET_QUERY = /([?&](?:token|code|password)=)[^&#]*/gi;

/** A URL with the values of secret query parameters replaced, so that links with tokens never reach a log line. */
export const redactUrl = (url: string): string => url.replace(SECRET_QUERY, '$1[redacted]');

type LoggedRequest = { method?: string; url?: string; ip?: string; id?: string | number };

/** Creates the process logger (JSON lines; pretty output is left to the operator's tools). */
export const createLogger = (level: string): Logger =>
  pino({
    level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { app: 'kakine' },
    serializers: {
      // Only what operators need, and never a header, cookie or secret query value.
      req: (req: LoggedRequest) => ({ id: req.id, method: req.method, url: redactUrl(req.url ?? ''), ip: req.ip }),
      err: pino.stdSerializers.err,
    },
  });

export type { Logger };
