import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, type PasswordWeaknessReason } from '@kakine/contracts';

/** What a password is checked against besides itself. */
export type PasswordContext = {
  /** The account's e-mail address; its local part must not appear in the password. */
  email: string;
  /** Lower-cased common passwords. */
  commonPasswords: ReadonlySet<string>;
};

// ASCII digits, punctuation and spaces that people add around a common word ("password2024!").
const DECORATION = /^[\s0-9!-/:-@[-`{-~]+|[\s0-9!-/:-@[-`{-~]+$/g;
// A local part shorter than this ("a@…", "jo@…") would refuse far too many good passwords.
const MIN_LOCAL_PART = 3;
const MIN_COMMON_CORE = 4;
const MIN_DISTINCT_CHARACTERS = 4;

/** The password's characters (Unicode code points), so that Japanese passwords count the way people count them. */
const charactersOf = (password: string): string[] => [...password];

/** Whether the password is one character repeated, or a run that steps by one ("123456789012", "abcdefghijkl"). */
const isRunOrRepetition = (characters: string[]): boolean => {
  if (new Set(characters).size < MIN_DISTINCT_CHARACTERS) return true;
  const codes = characters.map((c) => c.toLowerCase().codePointAt(0) ?? 0);
  const steps = new Set<number>();
  for (let i = 1; i < codes.length; i++) {
    const step = (codes[i] ?? 0) - (codes[i - 1] ?? 0);
    // 9 → 0 continues a digit run ("7890123…").
    steps.add(step === -9 && codes[i] === 48 ? 1 : step === 9 && codes[i] === 57 ? -1 : step);
  }
  return steps.size === 1 && [...steps].every((s) => Math.abs(s) <= 1);
};

/**
 * Checks a new password against the policy (NIST SP 800-63B style: length, not a common password, nothing from the
 * account, no trivial runs) and returns every reason it fails; an empty list means it is acceptable.
 */
export const passwordWeaknesses = (password: string, context: PasswordContext): PasswordWeaknessReason[] => {
  const reasons: PasswordWeaknessReason[] = [];
  const characters = charactersOf(password);
  if (characters.length < PASSWORD_MIN_LENGTH) reasons.push('too_short');
  if (characters.length > PASSWORD_MAX_LENGTH) reasons.push('too_long');
  const lower = password.toLowerCase();
  const core = lower.replace(DECORATION, '');
  if (
    context.commonPasswords.has(lower) ||
    context.commonPasswords.has(lower.trim()) ||
    (charactersOf(core).length >= MIN_COMMON_CORE && context.commonPasswords.has(core))
  ) {
    reasons.push('common');
  }
  const localPart = context.email.split('@')[0]?.trim().toLowerCase() ?? '';
  if (charactersOf(localPart).length >= MIN_LOCAL_PART && lower.includes(localPart)) reasons.push('contains_email');
  if (characters.length > 0 && isRunOrRepetition(characters)) reasons.push('repetitive');
  return reasons;
};
