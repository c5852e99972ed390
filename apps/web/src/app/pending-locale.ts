/** sessionStorage key of a language picked before signing in, to be saved to the account once signed in. */
const KEY = 'kakine.pendingLocale';

/** Remembers (for this tab) a language chosen while signed out. */
export const rememberPendingLocale = (locale: string): void => {
  try {
    sessionStorage.setItem(KEY, locale);
  } catch {
    // Without storage, the account's own language applies after sign-in.
  }
};

/** Returns and forgets the language chosen while signed out, if any. */
export const takePendingLocale = (): string | null => {
  try {
    const value = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    return value;
  } catch {
    return null;
  }
};
