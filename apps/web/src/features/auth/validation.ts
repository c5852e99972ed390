import { DisplayName, EmailAddress, NewPassword, PASSWORD_MIN_LENGTH, TotpConfirmBody } from '@kakine/contracts';

// Forms check input with the same zod schemas the server uses (packages/contracts); the messages are the UI's own.

/** The shortest password the server accepts. */
export const MIN_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;

/** Whether a string is an e-mail address the server will accept. */
export const looksLikeEmail = (value: string): boolean => EmailAddress.safeParse(value).success;

/** Whether a new password has an acceptable length (the server also rejects common and guessable passwords). */
export const isLongEnough = (password: string): boolean => NewPassword.safeParse(password).success;

/** A TOTP code without the spaces people type or paste. */
export const normaliseCode = (value: string): string => value.replace(/\s/g, '');

/** Whether a value is a 6-digit TOTP code (spaces are ignored). */
export const isTotpCode = (value: string): boolean => TotpConfirmBody.safeParse({ code: normaliseCode(value) }).success;

/** Whether a display name is acceptable (1–200 characters, no control characters). */
export const isDisplayName = (value: string): boolean => DisplayName.safeParse(value).success;
