import type { TranslationTree } from '../../lib/i18n/ja';

/** Japanese strings of the people directory (人員名簿) screens. */
export const peopleJa = {} as const;

/** English strings of the people directory (人員名簿) screens; the type guarantees the same keys as the Japanese. */
export const peopleEn: TranslationTree<typeof peopleJa> = {};
