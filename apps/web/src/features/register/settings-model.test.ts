import { DEFAULT_CLASSIFICATION_LEVELS } from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import { formToSettings, moveItem, settingsToForm, validateSettingsForm } from './settings-model';

const settings = {
  classificationLevels: [...DEFAULT_CLASSIFICATION_LEVELS].reverse(),
  inaccessibleVisibility: 'names' as const,
  defaultReviewIntervalMonths: 12,
  reminderLeadDays: 30,
};

describe('register settings form', () => {
  it('lists levels most secret first and gives ranks from the order on screen', () => {
    const form = settingsToForm(settings);
    expect(form.levels.map((l) => l.nameJa)).toEqual(['極秘', '秘', '社外秘', '公開']);
    const moved = { ...form, levels: moveItem(form.levels, 3, -1) };
    expect(formToSettings(moved).classificationLevels.map((l) => [l.nameJa, l.rank])).toEqual([
      ['極秘', 1],
      ['秘', 2],
      ['公開', 3],
      ['社外秘', 4],
    ]);
  });

  it('does not move the first row up or the last row down', () => {
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b'], 1, 1)).toEqual(['a', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });

  it('accepts the defaults', () => {
    expect(validateSettingsForm(settingsToForm(settings))).toEqual({});
  });

  it('marks every row of a duplicated code, a bad code, a missing name and out-of-range numbers', () => {
    const form = settingsToForm(settings);
    const levels = [
      ...form.levels,
      { key: 'n1', code: 'secret', nameJa: '重要', nameEn: 'Important', secret: true, saved: false },
      { key: 'n2', code: 'Bad Code', nameJa: '', nameEn: 'X', secret: false, saved: false },
    ];
    const problems = validateSettingsForm({ ...form, levels, defaultReviewIntervalMonths: 0, reminderLeadDays: '' });
    expect(problems['levels.1.code']).toBe('duplicateCode');
    expect(problems['levels.4.code']).toBe('duplicateCode');
    expect(problems['levels.5.code']).toBe('codeFormat');
    expect(problems['levels.5.nameJa']).toBe('required');
    expect(problems.defaultReviewIntervalMonths).toBe('range');
    expect(problems.reminderLeadDays).toBe('required');
  });

  it('needs at least one level', () => {
    expect(validateSettingsForm({ ...settingsToForm(settings), levels: [] }).levels).toBe('tooFew');
  });
});
