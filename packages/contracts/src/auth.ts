import { z } from 'zod';
import { LocaleSchema } from './common';
import { OrganisationKindSchema } from './permissions';

/** E-mail address as typed by a person: trimmed, at most 254 characters. */
export const EmailAddress = z.string().trim().max(254).pipe(z.email());

/** Body of POST /auth/sign-in. */
export const SignInBody = z.object({ email: EmailAddress, password: z.string().min(1).max(1024) });
/** Body of POST /auth/second-factor: a 6-digit TOTP code or a recovery code. */
export const SecondFactorBody = z.object({ code: z.string().trim().min(6).max(32) });
/** Body of POST /auth/sign-out. */
export const SignOutBody = z.object({ everywhere: z.boolean().default(false) });
/** What the client must do after a sign-in step. */
export const SignInResponse = z.object({ next: z.enum(['done', 'second_factor', 'enrol_second_factor']) });

/** GET /session: who is signed in, in which organisation, with which permissions. */
export const SessionView = z.object({
  user: z.object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(z.string()),
    locale: LocaleSchema,
    totpEnrolled: z.boolean(),
  }),
  organisation: z.object({ id: z.uuid(), kind: OrganisationKindSchema, nameJa: z.string(), nameEn: z.string() }),
  stage: z.enum(['second_factor', 'enrolment', 'active']),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
  demo: z.boolean(),
  unreadNotifications: z.number().int(),
});
/** The session view. */
export type SessionView = z.infer<typeof SessionView>;

/** A demo account listed on the sign-in page in demo mode only, with its current TOTP code. */
export const DemoAccount = z.object({
  email: z.string(),
  password: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  organisationKind: OrganisationKindSchema,
  organisationNameJa: z.string(),
  organisationNameEn: z.string(),
  totpCode: z.string().nullable(),
});
/** GET /auth/demo-accounts. */
export const DemoAccounts = z.object({ items: z.array(DemoAccount) });
