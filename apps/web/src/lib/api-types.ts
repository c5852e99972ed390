/**
 * Response shapes of the M0 API as the browser receives them, derived from the `@kakine/contracts` schemas (with
 * dates as the ISO strings that travel over JSON).
 */
import type {
  AdminUserView,
  AuditEventView,
  AuditVerifyResult,
  CatalogueVersionView,
  CatalogueList as ContractCatalogueList,
  CatalogueName as ContractCatalogueName,
  CountryPage,
  CountryView,
  DemoAccount as DemoAccountSchema,
  DesignatedTechnologiesResponse,
  DesignatedTechnologyView,
  EndUserListEntryView,
  EndUserListPage,
  InvitationLookupView,
  InvitationView,
  JobRunView,
  NotificationPage as NotificationPageView,
  NotificationView,
  OutboxMessageView,
  PublishCatalogueVersionResponse,
  RecoveryCodesResponse,
  SessionView,
  SignInResponse as SignInResponseSchema,
  TotpSetupResponse,
} from '@kakine/contracts';
import type { z } from 'zod';

/** Every list endpoint answers with a page of items. */
export type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

/**
 * The JSON form of a contract type: dates travel as ISO strings. (Some contract schemas use `z.date()` because the
 * server serialises Date objects; the browser only ever sees the strings.)
 */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** `GET /session` when a session exists; `stage` says whether it still waits for a second factor or enrolment. */
export type Session = Wire<SessionView>;

/** The signed-in user as described by `GET /session`. */
export type SessionUser = Session['user'];

/** `POST /auth/sign-in` response. */
export type SignInResponse = z.infer<typeof SignInResponseSchema>;

/** What the server asks for after a successful sign-in step. */
export type SignInNext = SignInResponse['next'];

/** One entry of `GET /auth/demo-accounts` (demo mode only), with the account's current TOTP code if enrolled. */
export type DemoAccount = z.infer<typeof DemoAccountSchema>;

/** `GET /invitations/lookup` response. */
export type InvitationLookup = Wire<z.infer<typeof InvitationLookupView>>;

/** `POST /account/totp/setup` response. */
export type TotpSetup = z.infer<typeof TotpSetupResponse>;

/** Responses that hand out recovery codes (shown once). */
export type RecoveryCodes = z.infer<typeof RecoveryCodesResponse>;

/** One user in `GET /admin/users`, with what the caller may do to them. */
export type AdminUser = Wire<AdminUserView>;

/** One invitation in `GET /admin/invitations`. */
export type Invitation = Wire<InvitationView>;

/** One event of the audit trail. */
export type AuditEvent = AuditEventView;

/** `POST /audit/verify` response. */
export type AuditVerification = AuditVerifyResult;

/** A background job run with its progress (`progressTotal` is null while unknown). */
export type Job = JobRunView;

/** One in-app notification. */
export type AppNotification = NotificationView;

/** `GET /notifications` response: a page plus the unread count. */
export type NotificationPage = NotificationPageView;

/** One e-mail recorded by the demo outbox. */
export type OutboxMessage = Wire<OutboxMessageView>;

/** The three reference catalogues of M0. */
export type CatalogueName = ContractCatalogueName;

/** A published version of a catalogue. */
export type CatalogueVersion = CatalogueVersionView;

/** `GET /catalogues` response. */
export type CatalogueList = ContractCatalogueList;

/** One designated technology. */
export type DesignatedTechnology = DesignatedTechnologyView;

/** `GET /catalogues/designated-technologies` response. */
export type DesignatedTechnologiesSnapshot = DesignatedTechnologiesResponse;

/** One country with its Group A membership on the as-of date. */
export type Country = CountryView;

/** `GET /catalogues/countries` response (a page, with the date and version it was read from). */
export type CountriesSnapshot = CountryPage;

/** One entry of the METI End User List. */
export type EndUser = EndUserListEntryView;

/** `GET /catalogues/end-user-list` response: a page, the version, the required attribution, and country facets. */
export type EndUsersSnapshot = EndUserListPage;

/** `POST /catalogues/:catalogue/versions` response. */
export type PublishResponse = PublishCatalogueVersionResponse;
