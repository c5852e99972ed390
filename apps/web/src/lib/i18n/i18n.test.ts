import { AUDIT_EVENT_TYPES, ORGANISATION_KINDS, ROLES } from '@kakine/contracts';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { createI18n, LOCALE_STORAGE_KEY, readStoredLocale, storeLocale } from './index';
import { ja } from './ja';

type Tree = { readonly [key: string]: string | Tree };

/** Flattens a string tree into `a.b.c → text`. */
const flatten = (tree: Tree, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
};

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

const jaKeys = flatten(ja);
const enKeys = flatten(en);

describe('translations', () => {
  it('English has exactly the keys of Japanese', () => {
    const missing = [...jaKeys.keys()].filter((k) => !enKeys.has(k));
    const extra = [...enKeys.keys()].filter((k) => !jaKeys.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('has no empty strings in either language', () => {
    const empty = [...jaKeys, ...enKeys].filter(([, text]) => text.trim() === '').map(([key]) => key);
    expect(empty).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const mismatched = [...jaKeys].filter(([key, text]) => {
      const other = enKeys.get(key) ?? '';
      return JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(other));
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it('labels every role, organisation kind and audit event type from the contracts', () => {
    for (const [name, keys] of [
      ['ja', jaKeys],
      ['en', enKeys],
    ] as const) {
      const unlabeled = [
        ...ROLES.map((role) => `roles.${role}`),
        ...ORGANISATION_KINDS.map((kind) => `organisationKinds.${kind}`),
        ...AUDIT_EVENT_TYPES.map((type) => `auditTypes.${type}`),
      ].filter((key) => !keys.has(key));
      expect({ name, unlabeled }).toEqual({ name, unlabeled: [] });
    }
  });

  it('writes Japanese text in the Japanese file (not English left untranslated)', () => {
    const sameAsEnglish = [...jaKeys].filter(
      ([key, text]) => text === enKeys.get(key) && /[a-z]{4,}/i.test(text) && !/Kakine|English|CSV|XLSX|URL/.test(text),
    );
    expect(sameAsEnglish.map(([key]) => key)).toEqual([]);
  });
});

describe('language selection', () => {
  it('starts in Japanese, remembers the choice, and ignores unknown stored values', () => {
    localStorage.removeItem(LOCALE_STORAGE_KEY);
    expect(readStoredLocale()).toBe('ja');
    storeLocale('en');
    expect(readStoredLocale()).toBe('en');
    localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    expect(readStoredLocale()).toBe('ja');
  });

  it('keeps <html lang> in step with the UI language', async () => {
    const i18n = createI18n('ja');
    expect(document.documentElement.lang).toBe('ja');
    expect(i18n.t('nav.audit')).toBe('監査ログ');
    await i18n.changeLanguage('en');
    expect(document.documentElement.lang).toBe('en');
    expect(i18n.t('nav.audit')).toBe('Audit trail');
  });

  it('interpolates values into both languages', async () => {
    const i18n = createI18n('ja');
    expect(i18n.t('shell.bell', { count: 3 })).toBe('通知（未読3件）');
    await i18n.changeLanguage('en');
    expect(i18n.t('shell.bell', { count: 3 })).toBe('Notifications (3 unread)');
  });
});
