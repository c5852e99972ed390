import { LOCALES, type Locale } from '@kakine/contracts';
import i18next, { type i18n as I18nInstance, type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { ja, type Translation } from './ja';

declare module 'i18next' {
  /** Makes `t()` keys type-checked against the Japanese reference strings. */
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Translation };
  }
}

/** The localStorage key under which the chosen UI language is remembered on this device. */
export const LOCALE_STORAGE_KEY = 'kakine.locale';

/** The translation resources of both UI languages. */
export const resources = { ja: { translation: ja }, en: { translation: en } } as const;

/** Whether a value is one of the supported UI languages. */
export const isLocale = (value: unknown): value is Locale => (LOCALES as readonly unknown[]).includes(value);

/** The language remembered on this device, Japanese when none (or something unreadable) is stored. */
export const readStoredLocale = (): Locale => {
  try {
    const stored = globalThis.localStorage?.getItem(LOCALE_STORAGE_KEY);
    return isLocale(stored) ? stored : 'ja';
  } catch {
    return 'ja';
  }
};

/** Remembers the UI language on this device. */
export const storeLocale = (locale: Locale): void => {
  try {
    globalThis.localStorage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage can be unavailable (private mode, policy); the language still applies to this page.
  }
};

/** Keeps `<html lang>` in step with the UI language so that screen readers and fonts pick the right language. */
const applyDocumentLanguage = (locale: string): void => {
  if (typeof document !== 'undefined') document.documentElement.lang = isLocale(locale) ? locale : 'ja';
};

/** Creates an initialised i18next instance (synchronous: resources are bundled) in the given language. */
export const createI18n = (locale: Locale): I18nInstance => {
  const instance = i18next.createInstance();
  instance.use(initReactI18next).init({
    resources,
    lng: locale,
    fallbackLng: 'ja',
    supportedLngs: [...LOCALES],
    defaultNS: 'translation',
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  instance.on('languageChanged', applyDocumentLanguage);
  applyDocumentLanguage(locale);
  return instance;
};

/** The application's i18n instance, started in the language remembered on this device. */
export const i18n = createI18n(readStoredLocale());

/** The current UI language of an i18n instance as a supported locale. */
export const localeOf = (instance: Pick<I18nInstance, 'language'>): Locale =>
  isLocale(instance.language) ? instance.language : 'ja';

/** A `t` for keys built at run time (role names, event types); falls back to the given text when a key is missing. */
export const translateKey = (t: TFunction, key: string, fallback: string): string =>
  (t as unknown as (k: string, o: { defaultValue: string }) => string)(key, { defaultValue: fallback });
