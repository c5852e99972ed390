import { describe, expect, it } from 'vitest';
import { PersonInput } from './people';

const base = { employeeId: 'M-1', name: '山田 太郎', employmentType: 'employee' as const };

describe('PersonInput', () => {
  it('keeps line breaks in notes, which HR exports often contain', () => {
    expect(PersonInput.parse({ ...base, notes: '2026年4月 異動\n旧所属: 生産技術部' }).notes).toBe(
      '2026年4月 異動\n旧所属: 生産技術部',
    );
  });

  it('refuses other control characters in notes and any in names', () => {
    expect(PersonInput.safeParse({ ...base, notes: 'bell\u0007' }).success).toBe(false);
    expect(PersonInput.safeParse({ ...base, name: '山田\n太郎' }).success).toBe(false);
  });

  it('needs a last working day for a leaving or left person', () => {
    expect(PersonInput.safeParse({ ...base, status: 'leaving' }).success).toBe(false);
    expect(PersonInput.safeParse({ ...base, status: 'left', lastWorkingDay: '2026-10-31' }).success).toBe(true);
  });

  it('lowercases the e-mail address so that it links to the user', () => {
    expect(PersonInput.parse({ ...base, email: 'Taro.Yamada@Example.JP' }).email).toBe('taro.yamada@example.jp');
  });
});
