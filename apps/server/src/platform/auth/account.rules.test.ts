import { describe, expect, it } from 'vitest';
import { isRecentSignIn, linkExpiry, REAUTHENTICATION_MINUTES } from './account.rules';

const now = new Date('2026-03-01T12:00:00Z');
const minutesAgo = (n: number) => new Date(now.getTime() - n * 60_000);

describe('recent sign-in', () => {
  it.each([
    [null, false],
    [minutesAgo(0), true],
    [minutesAgo(REAUTHENTICATION_MINUTES), true],
    [minutesAgo(REAUTHENTICATION_MINUTES + 1), false],
    [minutesAgo(-1), false],
  ])('%s → %s', (signedInAt, expected) => {
    expect(isRecentSignIn(signedInAt, now)).toBe(expected);
  });

  it('computes link expiry', () => {
    expect(linkExpiry(now, 60).toISOString()).toBe('2026-03-01T13:00:00.000Z');
  });
});
