import { RegisterSettings, type RegisterSettings as RegisterSettingsType } from '@kakine/contracts';

/** One classification level as edited; `saved` levels keep their code, because technologies refer to it. */
export type LevelDraft = {
  key: string;
  code: string;
  nameJa: string;
  nameEn: string;
  secret: boolean;
  saved: boolean;
};

/** The settings form's state. */
export type SettingsForm = {
  levels: LevelDraft[];
  inaccessibleVisibility: RegisterSettingsType['inaccessibleVisibility'];
  defaultReviewIntervalMonths: number | '';
  reminderLeadDays: number | '';
};

/** The settings form filled from the saved settings, levels in rank order (most secret first). */
export const settingsToForm = (settings: RegisterSettingsType): SettingsForm => ({
  levels: [...settings.classificationLevels]
    .sort((a, b) => a.rank - b.rank)
    .map((l) => ({
      key: `saved-${l.code}`,
      code: l.code,
      nameJa: l.nameJa,
      nameEn: l.nameEn,
      secret: l.secret,
      saved: true,
    })),
  inaccessibleVisibility: settings.inaccessibleVisibility,
  defaultReviewIntervalMonths: settings.defaultReviewIntervalMonths,
  reminderLeadDays: settings.reminderLeadDays,
});

/** The request body: ranks follow the order on screen (1 = first row = most secret). */
export const formToSettings = (form: SettingsForm): RegisterSettingsType => ({
  classificationLevels: form.levels.map((l, index) => ({
    code: l.code.trim(),
    nameJa: l.nameJa.trim(),
    nameEn: l.nameEn.trim(),
    rank: index + 1,
    secret: l.secret,
  })),
  inaccessibleVisibility: form.inaccessibleVisibility,
  defaultReviewIntervalMonths: form.defaultReviewIntervalMonths === '' ? Number.NaN : form.defaultReviewIntervalMonths,
  reminderLeadDays: form.reminderLeadDays === '' ? Number.NaN : form.reminderLeadDays,
});

/** Moves one row of a list up (-1) or down (+1); out-of-range moves leave the list as it is. */
export const moveItem = <T>(items: readonly T[], index: number, step: -1 | 1): T[] => {
  const target = index + step;
  if (index < 0 || index >= items.length || target < 0 || target >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1) as [T];
  next.splice(target, 0, item);
  return next;
};

/** What is wrong with a settings field, as a message key of `register.settings.errors`. */
export type SettingsProblem = 'required' | 'codeFormat' | 'duplicateCode' | 'range' | 'tooLong' | 'tooFew' | 'tooMany';

/**
 * Checks the settings with the contract schema plus what it checks only as a whole (duplicate codes, which the
 * form shows on every duplicated row). Keys: `levels.<i>.<field>`, `levels`, `defaultReviewIntervalMonths`,
 * `reminderLeadDays`.
 */
export const validateSettingsForm = (form: SettingsForm): Record<string, SettingsProblem> => {
  const problems: Record<string, SettingsProblem> = {};
  const codes = form.levels.map((l) => l.code.trim());
  codes.forEach((code, index) => {
    if (code && codes.indexOf(code) !== codes.lastIndexOf(code)) problems[`levels.${index}.code`] = 'duplicateCode';
  });
  const parsed = RegisterSettings.safeParse(formToSettings(form));
  if (parsed.success) return problems;
  for (const issue of parsed.error.issues) {
    const [head, index, field] = issue.path.map(String);
    let key = head ?? '';
    if (head === 'classificationLevels') key = index !== undefined && field ? `levels.${index}.${field}` : 'levels';
    if (key in problems) continue;
    if (key === 'levels') {
      problems[key] = issue.code === 'too_small' ? 'tooFew' : issue.code === 'too_big' ? 'tooMany' : 'duplicateCode';
    } else if (issue.code === 'too_small' && 'origin' in issue && issue.origin === 'string') {
      problems[key] = 'required';
    } else if (issue.code === 'too_big' && 'origin' in issue && issue.origin === 'string') {
      problems[key] = 'tooLong';
    } else if (issue.code === 'invalid_format' && key.endsWith('.code')) {
      problems[key] = 'codeFormat';
    } else if (issue.code === 'invalid_type') {
      problems[key] = 'required';
    } else {
      problems[key] = 'range';
    }
  }
  return problems;
};
