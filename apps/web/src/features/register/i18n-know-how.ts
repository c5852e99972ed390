import type { TranslationTree } from '../../lib/i18n/ja';

/** Japanese strings of the know-how map, concentration ranking and need-to-know access screens. */
export const knowHowJa = {} as const;

/** English strings of the know-how map, concentration ranking and need-to-know access screens; the type guarantees the same keys as the Japanese. */
export const knowHowEn: TranslationTree<typeof knowHowJa> = {};
