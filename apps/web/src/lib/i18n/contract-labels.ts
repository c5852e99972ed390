import { AUDIT_EVENT_LABELS, type Locale, ROLE_LABELS } from '@kakine/contracts';

/**
 * Role names in one language, taken from the contracts so that screens, e-mails and exports always agree.
 */
export const roleLabelsIn = (locale: Locale): Record<string, string> =>
  Object.fromEntries(Object.entries(ROLE_LABELS).map(([role, label]) => [role, label[locale]]));

/**
 * Audit event type labels in one language from the contracts, nested by subject (`auth` → `signed_in`) so that the
 * key `auditTypes.auth.signed_in` resolves with i18next's dot separator.
 */
export const auditTypeLabelsIn = (locale: Locale): Record<string, Record<string, string>> => {
  const tree: Record<string, Record<string, string>> = {};
  for (const [type, label] of Object.entries(AUDIT_EVENT_LABELS)) {
    const [subject = type, ...rest] = type.split('.');
    tree[subject] ??= {};
    tree[subject][rest.join('.')] = label[locale];
  }
  return tree;
};
