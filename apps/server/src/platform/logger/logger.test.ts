import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACTED_PATHS, redactUrl } from './logger';

describe('log redaction', () => {
  it.each([
    ['/api/v1/invitations/lookup?token=abc123', '/api/v1/invitations/lookup?token=[redacted]'],
    ['/reset-password?token=xyz&lang=ja', '/reset-password?token=[redacted]&lang=ja'],
    ['/invite?lang=en&TOKEN=xyz', '/invite?lang=en&TOKEN=[redacted]'],
    ['/api/v1/audit/events?page=2', '/api/v1/audit/events?page=2'],
  ])('%s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });

  it('censors credentials inside logged objects', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    log.info({ body: { password: 'hunter2-secret', email: 'a@example.com' }, user: { totpSecret: 'JBSWY3DP' } });
    expect(lines.join('')).not.toContain('hunter2-secret');
    expect(lines.join('')).not.toContain('JBSWY3DP');
    expect(lines.join('')).toContain('a@example.com');
  });
});
