import type { Locale, Permission } from '@kakine/contracts';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../platform/actor/actor';
import type { SessionContext } from '../platform/auth/auth.service';
import { AppError } from '../platform/errors/app-error';

/** Cookie that holds the session token. */
export const SESSION_COOKIE = 'kakine_session';
/** Cookie that holds the pre-session CSRF token (double submit) for requests made before signing in. */
export const CSRF_COOKIE = 'kakine_csrf';
/** Cookie that remembers the UI language before sign-in. */
export const LANGUAGE_COOKIE = 'kakine_lang';

/**
 * Who may call a route: `public` (anyone), `session` (any signed-in stage: second factor pending or enrolment
 * pending), `active` (fully signed in; the default).
 */
export type RouteAccess = 'public' | 'session' | 'active';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission a route needs; checked before the handler, and again by the service. */
    permission?: Permission;
    access?: RouteAccess;
  }
  interface FastifyRequest {
    session: SessionContext | null;
    locale: Locale;
  }
}

/** The fully signed-in actor of a request; throws `auth/unauthenticated` otherwise. */
export const actorOf = (req: FastifyRequest): Actor => {
  if (req.session?.stage !== 'active') throw new AppError('auth/unauthenticated');
  return req.session.actor;
};

/** The session of a request in any stage; throws `auth/unauthenticated` when there is none. */
export const sessionOf = (req: FastifyRequest): SessionContext => {
  if (!req.session) throw new AppError('auth/unauthenticated');
  return req.session;
};

/** Picks the UI language: the user's preference, then the language cookie, then Accept-Language; Japanese by default. */
export const negotiateLocale = (
  preference: Locale | undefined,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): Locale => {
  if (preference) return preference;
  if (cookie === 'ja' || cookie === 'en') return cookie;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ja';
};
