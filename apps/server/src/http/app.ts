import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ERROR_CODES, type ErrorCode } from '@kakine/contracts';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import helmet from 'helmet';
import { z } from 'zod';
import { can } from '../platform/actor/actor';
import { hashToken, safeEqual } from '../platform/auth/tokens';
import { AppError, errorMessage } from '../platform/errors/app-error';
import { registerHealthRoutes } from './health.routes';
import { CSRF_COOKIE, LANGUAGE_COOKIE, negotiateLocale, SESSION_COOKIE } from './request-context';
import { registerApiRoutes } from './routes';
import type { Services } from './services';

const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();
/** The zod-typed Fastify instance that route modules register on (prefix `/api/v1`). */
export type Api = ReturnType<typeof typed>;

const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sendError = (reply: FastifyReply, req: FastifyRequest, code: ErrorCode, details?: unknown) => {
  reply.code(ERROR_CODES[code].status).send({ error: { code, message: errorMessage(code, req.locale), details } });
};

const localiseZodIssue = (
  issue: { keyword: string; instancePath: string; message: string; params?: Record<string, unknown> },
  locale: 'ja' | 'en',
): { path: string; message: string } => {
  const pathText = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const reconstructed = { ...(issue.params ?? {}), code: issue.keyword, message: issue.message, path: [] };
  let message = issue.message;
  try {
    const localised = z.locales[locale]().localeError(reconstructed as never);
    const text = typeof localised === 'string' ? localised : localised?.message;
    // A schema's own message (not zod's default English one) is kept as written.
    if (text && issue.message === z.locales.en().localeError(reconstructed as never)) message = text;
    else if (text && locale === 'ja' && /^(Invalid|Too|Expected|Unrecognized)/.test(issue.message)) message = text;
  } catch {
    // Keep zod's message.
  }
  return { path: pathText, message };
};

/** Builds the HTTP application: plugins, security, error shape, OpenAPI, API routes, health and the web app. */
export const buildApp = async (services: Services): Promise<FastifyInstance> => {
  const { config } = services;
  const app = Fastify({
    loggerInstance: services.log as FastifyBaseLogger,
    trustProxy: true,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const secure = config.baseUrl.startsWith('https://');

  await app.register(cookie);
  // Security headers: the middleware is built once (the Fastify plugin rebuilds it on every request, ~5% CPU).
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: secure ? [] : null,
      },
    },
    hsts: secure,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onRequest', (req, reply, done) =>
    securityHeaders(req.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)),
  );
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitPerMinute,
    timeWindow: '1 minute',
    // Per session when signed in (many colleagues may share one office address), per address otherwise.
    keyGenerator: (req) => {
      const token = req.cookies?.[SESSION_COOKIE];
      return token ? `s:${hashToken(token)}` : `a:${req.ip}`;
    },
    errorResponseBuilder: (req) => {
      const err = new AppError('request/rate_limited');
      return Object.assign(err, { statusCode: 429, requestLocale: req.locale });
    },
  });
  await app.register(multipart, { limits: { fileSize: config.uploadLimitBytes, files: 1, fields: 20 } });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Kakine API',
        description: 'Kakine (垣根) REST API. Errors are { error: { code, message, details } }.',
        version: '1',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('session', null);
  app.decorateRequest('locale', 'ja');

  app.addHook('onRequest', async (req) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token && req.url.startsWith('/api/')) req.session = await services.auth.authenticate(token, req.ip);
    req.locale = negotiateLocale(
      req.session?.user.locale,
      req.cookies[LANGUAGE_COOKIE],
      req.headers['accept-language'],
    );
  });

  app.addHook('preHandler', async (req, reply) => {
    const routeConfig = req.routeOptions.config;
    if (!req.url.startsWith('/api/v1/')) return;
    const access = routeConfig.access ?? 'active';
    if (STATE_CHANGING.has(req.method)) {
      const header = req.headers['x-csrf-token'];
      const expected = req.session ? req.session.csrfToken : req.cookies[CSRF_COOKIE];
      if (typeof header !== 'string' || !expected || !safeEqual(header, expected)) {
        return sendError(reply, req, 'auth/csrf_failed');
      }
    }
    if (access === 'public') return;
    if (!req.session) return sendError(reply, req, 'auth/unauthenticated');
    if (access === 'active' && req.session.stage !== 'active') {
      return sendError(
        reply,
        req,
        req.session.stage === 'enrolment' ? 'auth/enrolment_required' : 'auth/second_factor_required',
      );
    }
    if (routeConfig.permission && !can(req.session.actor, routeConfig.permission)) {
      return sendError(reply, req, 'auth/forbidden', { permission: routeConfig.permission });
    }
  });

  app.setErrorHandler((error: FastifyError & { requestLocale?: 'ja' | 'en' }, req, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'request/rate_limited') reply.header('retry-after', '60');
      return sendError(reply, req, error.code, error.details);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields = error.validation.map((issue) =>
        localiseZodIssue(issue as unknown as Parameters<typeof localiseZodIssue>[0], req.locale),
      );
      return sendError(reply, req, 'request/invalid', { in: error.validationContext, fields });
    }
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
      return sendError(reply, req, 'request/unsupported_media_type');
    }
    if (status === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') {
      return sendError(reply, req, 'request/too_large', { limitBytes: config.uploadLimitBytes });
    }
    if (status === 429) return sendError(reply, req, 'request/rate_limited');
    if (status >= 400 && status < 500) {
      return sendError(reply, req, 'request/invalid', { reason: error.message });
    }
    req.log.error({ err: error }, 'unhandled error');
    return sendError(reply, req, 'server/internal');
  });

  registerHealthRoutes(app, services);
  await app.register(
    async (api) => {
      registerApiRoutes(typed(api), services);
    },
    { prefix: '/api/v1' },
  );

  const hasWeb = existsSync(path.join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: false });
  }
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !hasWeb) {
      return sendError(reply, req, 'request/not_found');
    }
    // Client-side routes of the single-page app all get the same page.
    const html = await readFile(path.join(WEB_DIST, 'index.html'), 'utf8');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });

  return app;
};
