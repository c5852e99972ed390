import { describe, expect, it } from 'vitest';
import {
  afterFailedAttempt,
  describeDeliveryError,
  MAX_DELIVERY_ATTEMPTS,
  MAX_ERROR_LENGTH,
  retryDelayMinutes,
} from './delivery.rules';

const now = new Date('2026-05-01T00:00:00Z');
const transient = { message: 'ECONNECTION: connect ECONNREFUSED', permanent: false };

describe('backoff', () => {
  it.each([
    [1, 1],
    [2, 5],
    [3, 30],
    [4, 120],
    [9, 120],
    [0, 1],
  ])('waits after attempt %i for %i minutes', (attempts, minutes) => {
    expect(retryDelayMinutes(attempts)).toBe(minutes);
  });

  it.each([1, 2, 3, 4])('retries after failed attempt %i', (attempts) => {
    const outcome = afterFailedAttempt(attempts, transient, now);
    expect(outcome.status).toBe('pending');
    expect(outcome.status === 'pending' && outcome.nextAttemptAt.getTime() - now.getTime()).toBe(
      retryDelayMinutes(attempts) * 60_000,
    );
  });

  it('gives up after the fifth attempt', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(5);
    expect(afterFailedAttempt(5, transient, now)).toEqual({ status: 'failed', lastError: transient.message });
  });

  it('gives up at once on a permanent refusal', () => {
    expect(afterFailedAttempt(1, { message: 'EENVELOPE 550: no such user', permanent: true }, now).status).toBe(
      'failed',
    );
  });
});

describe('describeDeliveryError', () => {
  const smtpError = (props: Record<string, unknown>) => Object.assign(new Error(String(props.message)), props);

  it('names the class and reply code and treats a 5xx envelope refusal as permanent', () => {
    expect(
      describeDeliveryError(
        smtpError({
          message: "Can't send mail - all recipients were rejected: 550 5.1.1 unknown",
          code: 'EENVELOPE',
          responseCode: 550,
        }),
        [],
      ),
    ).toEqual({
      message: "EENVELOPE 550: Can't send mail - all recipients were rejected: 550 5.1.1 unknown",
      permanent: true,
    });
  });

  it.each([
    [{ code: 'EENVELOPE', responseCode: 451, message: '451 try later' }],
    [{ code: 'EAUTH', responseCode: 535, message: 'Invalid login: 535 bad credentials' }],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:25' }],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }],
  ])('retries %j', (props) => {
    expect(describeDeliveryError(smtpError(props), []).permanent).toBe(false);
  });

  it('removes secrets, URL credentials and AUTH payloads and keeps one bounded line', () => {
    const failure = describeDeliveryError(
      smtpError({
        code: 'EAUTH',
        responseCode: 535,
        message: 'Invalid login for smtp://mailer:p%40ss@mx.example:587\r\nAUTH PLAIN AG1haWxlcgBwQHNz rejected p@ss',
      }),
      ['p@ss', 'p%40ss'],
    );
    expect(failure.message).not.toMatch(/p@ss|p%40ss|AG1haWxlcgBwQHNz|mailer:/);
    expect(failure.message).not.toMatch(/[\r\n]/);
    expect(failure.message).toContain('smtp://[redacted]@mx.example');
    expect(describeDeliveryError(new Error('x'.repeat(2000)), []).message).toHaveLength(MAX_ERROR_LENGTH);
  });
});
