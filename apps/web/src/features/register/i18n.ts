import type { TranslationTree } from '../../lib/i18n/ja';

/** Japanese strings of the technology register (技術台帳) screens, owned by the register list/form/detail pages. */
export const registerJa = {} as const;

/** English strings of the technology register (技術台帳) screens, owned by the register list/form/detail pages; the type guarantees the same keys as the Japanese. */
export const registerEn: TranslationTree<typeof registerJa> = {};
