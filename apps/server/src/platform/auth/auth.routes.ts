import {
  DemoAccounts,
  ErrorResponse,
  Ok,
  SecondFactorBody,
  SessionView,
  SignInBody,
  SignInResponse,
  SignOutBody,
} from '@kakine/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Api } from '../../http/app';
import { CSRF_COOKIE, SESSION_COOKIE, sessionOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import { AppError } from '../errors/app-error';
import { newToken } from './tokens';

/** Sets the session cookie: httpOnly, SameSite=Lax, Secure over https. */
export const setSessionCookie = (reply: FastifyReply, token: string, secure: boolean) => {
  reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
};

const originOf = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });

/** Routes for sign-in, second factor, sign-out and the session view. */
export const registerAuthRoutes = (api: Api, services: Services) => {
  const secure = services.config.baseUrl.startsWith('https://');
  const tags = ['auth'];

  api.get(
    '/session',
    {
      config: { access: 'public' },
      schema: { tags, response: { 200: SessionView, 401: ErrorResponse } },
    },
    async (req, reply) => {
      if (!req.session) {
        // Give the browser a pre-session CSRF token (double submit) for sign-in and the other public forms.
        const csrf = req.cookies[CSRF_COOKIE] ?? newToken();
        reply.setCookie(CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'strict', secure, path: '/' });
        throw new AppError('auth/unauthenticated', { csrfToken: csrf, demo: services.config.demo });
      }
      const s = req.session;
      return {
        user: s.user,
        organisation: s.organisation,
        stage: s.stage,
        permissions: services.auth.permissionsOf(s),
        csrfToken: s.csrfToken,
        demo: services.config.demo,
        unreadNotifications: s.stage === 'active' ? await services.notifications.unreadCount(s.actor) : 0,
      };
    },
  );

  api.post(
    '/auth/sign-in',
    {
      config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, body: SignInBody, response: { 200: SignInResponse } },
    },
    async (req, reply) => {
      const result = await services.auth.signIn(req.body, originOf(req), req.cookies[SESSION_COOKIE] ?? null);
      setSessionCookie(reply, result.token, secure);
      return { next: result.next };
    },
  );

  api.post(
    '/auth/second-factor',
    {
      config: { access: 'session', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: { tags, body: SecondFactorBody, response: { 200: SignInResponse } },
    },
    async (req, reply) => {
      const result = await services.auth.completeSecondFactor(sessionOf(req), req.body.code, originOf(req));
      setSessionCookie(reply, result.token, secure);
      return { next: result.next };
    },
  );

  api.post(
    '/auth/sign-out',
    { config: { access: 'session' }, schema: { tags, body: SignOutBody, response: { 200: Ok } } },
    async (req, reply) => {
      await services.auth.signOut(sessionOf(req), req.body.everywhere);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  api.get(
    '/auth/demo-accounts',
    { config: { access: 'public' }, schema: { tags, response: { 200: DemoAccounts } } },
    async () => {
      if (!services.config.demo) throw new AppError('request/not_found');
      return { items: await services.demo.accounts() };
    },
  );
};
