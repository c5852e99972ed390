import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    parseConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('configuration from the environment', () => {
  it('defaults to the embedded database, port 3000 and demo mode', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.demo).toBe(true);
    expect(config.baseUrl).toBe('http://localhost:3000');
    expect(config.logLevel).toBe('info');
  });

  it('turns demo mode off by default on native PostgreSQL, and lets KAKINE_DEMO decide', () => {
    expect(parseConfig({ DATABASE_URL: 'postgres://u@h/db' }).demo).toBe(false);
    expect(parseConfig({ DATABASE_URL: 'postgres://u@h/db', KAKINE_DEMO: 'yes' }).demo).toBe(true);
    expect(parseConfig({ KAKINE_DEMO: 'false' }).demo).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a number (got "abc")'],
    [{ PORT: '70000' }, 'PORT: must be between 0 and 65535 (got "70000")'],
    [
      { DATABASE_URL: 'mysql://x' },
      'DATABASE_URL: must be a postgres:// or postgresql:// connection URL (got "mysql://x")',
    ],
    [{ BASE_URL: 'localhost:3000' }, 'BASE_URL: must be an absolute http:// or https:// URL (got "localhost:3000")'],
    [{ SMTP_URL: 'mail.example.com' }, 'SMTP_URL: must be an smtp:// or smtps:// URL (got "mail.example.com")'],
    [{ KAKINE_DEMO: 'maybe' }, 'KAKINE_DEMO: must be one of true/false, 1/0, yes/no, on/off (got "maybe")'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ SESSION_SECRET: 'short' }, 'SESSION_SECRET: must be at least 32 characters (got "***")'],
  ])('names the bad value of %o', (env, message) => {
    expect(problemsOf(env)).toEqual([message]);
  });

  it('reports every bad value at once', () => {
    expect(problemsOf({ PORT: 'x', LOG_LEVEL: 'y' })).toHaveLength(2);
  });

  it('generates the session secret once and keeps it in the data dir', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kakine-config-'));
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.sessionSecret).toHaveLength(43);
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(JSON.parse(readFileSync(path.join(dir, 'secrets.json'), 'utf8')).sessionSecret).toBe(first.sessionSecret);
    expect(loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(40) }).sessionSecret).toBe('x'.repeat(40));
  });
});
