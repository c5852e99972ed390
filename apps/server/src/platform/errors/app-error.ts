import { ERROR_CODES, type ErrorCode, type Locale } from '@kakine/contracts';

/** An expected failure with a stable code; the HTTP layer turns it into `{ error: { code, message, details } }`. */
export class AppError extends Error {
  /** Creates the error; `details` must be safe to show to the caller. */
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** The message of an error code in the caller's language. */
export const errorMessage = (code: ErrorCode, locale: Locale): string => ERROR_CODES[code][locale];
