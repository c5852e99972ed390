import {
  ChangePasswordBody,
  DisableTotpBody,
  Ok,
  PasswordResetCompleteBody,
  PasswordResetRequestBody,
  PreferencesBody,
  RecoveryCodesResponse,
  RegenerateRecoveryCodesBody,
  TotpConfirmBody,
  TotpSetupResponse,
} from '@kakine/contracts';
import type { FastifyRequest } from 'fastify';
import type { Api } from '../../http/app';
import { actorOf, sessionOf } from '../../http/request-context';
import type { Services } from '../../http/services';
import { setSessionCookie } from './auth.routes';

const originOf = (req: FastifyRequest) => ({ ip: req.ip, userAgent: req.headers['user-agent'] ?? null });

/** Routes for the signed-in user's own account (password, second factor, preferences) and for password reset. */
export const registerAccountRoutes = (api: Api, services: Services) => {
  const secure = services.config.baseUrl.startsWith('https://');
  const tags = ['account'];
  const sensitive = { max: 10, timeWindow: '1 minute' };

  api.post(
    '/account/password',
    {
      config: { rateLimit: sensitive },
      schema: { tags, body: ChangePasswordBody, response: { 200: Ok } },
    },
    (req) => services.account.changePassword(actorOf(req), req.body),
  );

  api.post(
    '/account/totp/setup',
    {
      config: { access: 'session', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        description: 'Starts TOTP enrolment; allowed while enrolling after sign-in and when fully signed in.',
        response: { 200: TotpSetupResponse },
      },
    },
    (req) => services.account.setupTotp(sessionOf(req)),
  );

  api.post(
    '/account/totp/confirm',
    {
      config: { access: 'session', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: { tags, body: TotpConfirmBody, response: { 200: RecoveryCodesResponse } },
    },
    async (req, reply) => {
      const result = await services.account.confirmTotp(sessionOf(req), req.body.code, originOf(req));
      if (result.sessionToken) setSessionCookie(reply, result.sessionToken, secure);
      return { recoveryCodes: result.recoveryCodes };
    },
  );

  api.post(
    '/account/totp/recovery-codes',
    {
      config: { rateLimit: sensitive },
      schema: { tags, body: RegenerateRecoveryCodesBody, response: { 200: RecoveryCodesResponse } },
    },
    (req) => services.account.regenerateRecoveryCodes(actorOf(req), req.body),
  );

  api.post(
    '/account/totp/disable',
    { config: { rateLimit: sensitive }, schema: { tags, body: DisableTotpBody, response: { 200: Ok } } },
    (req) => services.account.disableTotp(actorOf(req), req.body),
  );

  api.patch(
    '/account/preferences',
    { config: { access: 'session' }, schema: { tags, body: PreferencesBody, response: { 200: Ok } } },
    (req) => services.account.changePreferences(sessionOf(req), req.body),
  );

  api.post(
    '/auth/password-reset/request',
    {
      config: { access: 'public', rateLimit: { max: 5, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        description: 'Always answers { ok: true }; e-mails a reset link only when the address has an active account.',
        body: PasswordResetRequestBody,
        response: { 200: Ok },
      },
    },
    (req) => services.passwordReset.request(req.body, originOf(req)),
  );

  api.post(
    '/auth/password-reset/complete',
    {
      config: { access: 'public', rateLimit: sensitive },
      schema: { tags: ['auth'], body: PasswordResetCompleteBody, response: { 200: Ok } },
    },
    (req) => services.passwordReset.complete(req.body, originOf(req)),
  );
};
