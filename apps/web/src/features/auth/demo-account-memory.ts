/** sessionStorage key of the demo account picked on the sign-in page, so that the next step can offer its code. */
const KEY = 'kakine.demoAccount';

/** Remembers (for this tab only) which demo account is signing in. */
export const rememberDemoAccount = (email: string | null): void => {
  try {
    if (email) sessionStorage.setItem(KEY, email);
    else sessionStorage.removeItem(KEY);
  } catch {
    // Without storage the second-factor page simply does not offer the demo code.
  }
};

/** The demo account picked on the sign-in page in this tab, if any. */
export const rememberedDemoAccount = (): string | null => {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
};
