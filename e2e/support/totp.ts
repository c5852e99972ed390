import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from '@playwright/test';
import { TOTP } from 'otpauth';

/** The TOTP time step of Kakine and every authenticator app (RFC 6238 default). */
export const TOTP_PERIOD_MS = 30_000;

/** The TOTP time step that contains a moment. */
export const totpStepAt = (ms: number): number => Math.floor(ms / TOTP_PERIOD_MS);

/** The 6-digit code an authenticator app shows for a base32 secret (spaces allowed, as the app displays it). */
export const totpCode = (secret: string, at: number = Date.now()): string =>
  new TOTP({ secret: secret.replace(/\s/g, ''), algorithm: 'SHA1', digits: 6, period: TOTP_PERIOD_MS / 1000 }).generate(
    { timestamp: at },
  );

/*
 * The server refuses a code from a time step at or before the last one the account used (no replay). Specs that
 * sign in as the same account shortly after one another therefore note the step each sign-in used, in a file in the
 * run's output directory (cleared by Playwright at the start of every run), so that it survives a worker restart.
 */
const ledgerFile = () => path.join(test.info().project.outputDir, '.totp-steps.json');

const readLedger = (): Record<string, number> => {
  const file = ledgerFile();
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {};
};

const ledgerKey = (server: string, email: string) => `${new URL(server).origin} ${email.toLowerCase()}`;

/** Notes that a sign-in of `email` on `server` used a code no later than the given time step. */
export const recordTotpStep = (server: string, email: string, step: number): void => {
  const ledger = readLedger();
  const key = ledgerKey(server, email);
  ledger[key] = Math.max(ledger[key] ?? step, step);
  mkdirSync(path.dirname(ledgerFile()), { recursive: true });
  writeFileSync(ledgerFile(), JSON.stringify(ledger));
};

/**
 * Waits, if needed, until the time step after the last one `email` used on `server` has begun, so that the code
 * the app shows now will be accepted. The wait ends exactly at the step boundary.
 */
export const waitForUnusedTotpStep = async (server: string, email: string): Promise<void> => {
  const used = readLedger()[ledgerKey(server, email)];
  if (used === undefined) return;
  const boundary = (used + 1) * TOTP_PERIOD_MS;
  while (Date.now() < boundary) await sleep(boundary - Date.now());
};
