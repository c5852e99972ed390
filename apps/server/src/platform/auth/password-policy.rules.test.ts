import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, parseCommonPasswords } from './common-passwords';
import { passwordWeaknesses } from './password-policy.rules';

const context = { email: 'misaki.sato@minato-ceramics.example', commonPasswords: COMMON_PASSWORDS };

describe('the common password list', () => {
  it('ships at least a thousand lower-cased passwords, the most frequent ones included', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(1000);
    for (const p of ['123456', 'password', 'qwerty', 'iloveyou', 'qwertyuiop123', '1qaz2wsx3edc']) {
      expect(COMMON_PASSWORDS.has(p)).toBe(true);
    }
    expect([...COMMON_PASSWORDS].every((p) => p === p.toLowerCase() && p.trim() === p && !p.startsWith('#'))).toBe(
      true,
    );
  });

  it('ignores comments and blank lines and lower-cases entries', () => {
    expect([...parseCommonPasswords('# source\n\nPassWord\r\n  dragon \n')]).toEqual(['password', 'dragon']);
  });
});

describe('password policy', () => {
  it.each([
    ['correct horse battery staple', []],
    ['垣根は技術を守るための仕組みです', []],
    ['Tr0ub4dor&3-kakine-plan', []],
    ['短いパスワード', ['too_short']],
    ['short-pw-1', ['too_short']],
    ['', ['too_short']],
    ['qwertyuiop123', ['common']],
    ['QWERTYUIOP123', ['common']],
    ['1qaz2wsx3edc', ['common']],
    ['password2024!!', ['common']],
    ['!!superman-2024', ['common']],
    ['misaki.sato-likes-tea', ['contains_email']],
    ['MISAKI.SATO-likes-tea', ['contains_email']],
    ['aaaaaaaaaaaa', ['repetitive']],
    ['abababababab', ['repetitive']],
    ['abcdefghijklmn', ['repetitive']],
    ['zyxwvutsrqpon', ['repetitive']],
    ['789012345678', ['repetitive']],
  ])('%j → %j', (password, expected) => {
    expect(passwordWeaknesses(password, context).sort()).toEqual([...expected].sort());
  });

  it('refuses a password over 1024 characters', () => {
    expect(passwordWeaknesses(`${'パスワード'.repeat(210)}x1-y2-z3-abcdefghij`, context)).toContain('too_long');
    expect(passwordWeaknesses(`${'kakine-plan-'.repeat(85)}abcd`, context)).toEqual([]);
  });

  it('counts characters, not bytes or UTF-16 units', () => {
    // 11 emoji are 22 UTF-16 units but 11 characters.
    expect(passwordWeaknesses('🍣🍜🍙🍱🍛🍤🍥🍡🍢🍘🍚', context)).toEqual(['too_short']);
    expect(passwordWeaknesses('🍣🍜🍙🍱🍛🍤🍥🍡🍢🍘🍚🍵', context)).toEqual([]);
  });

  it('does not refuse for a very short e-mail local part', () => {
    expect(passwordWeaknesses('jo-has-a-fine-passphrase', { ...context, email: 'jo@example.com' })).toEqual([]);
  });

  it('keeps a long passphrase whose words only contain a common password', () => {
    expect(passwordWeaknesses('my dragon sleeps under the bridge', context)).toEqual([]);
  });
});
