/** Where a signed-out user goes, given the server's reason: sign-in, the second-factor step, or enrolment. */
export const signedOutTarget = (code: string): '/sign-in' | '/sign-in/second-factor' | '/enrol-second-factor' => {
  if (code === 'auth/second_factor_required') return '/sign-in/second-factor';
  if (code === 'auth/enrolment_required') return '/enrol-second-factor';
  return '/sign-in';
};

/** A redirect target that stays inside this app (a path, never another origin); anything else is dropped. */
export const safeRedirect = (value: unknown): string | undefined => {
  if (typeof value !== 'string') return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if (value.startsWith('/sign-in') || value.startsWith('/enrol-second-factor')) return undefined;
  return value;
};

/** Reads a string search parameter, or undefined when it is absent or not a string. */
export const stringParam = (value: unknown): string | undefined =>
  typeof value === 'string' && value.length > 0 ? value : undefined;
