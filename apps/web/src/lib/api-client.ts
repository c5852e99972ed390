import { ERROR_CODES, type ErrorCode } from '@kakine/contracts';

/** One field-level validation message from a `request/invalid` error (`details.fields`). */
export type FieldError = { path: string; message: string };

/** The error code used when the server cannot be reached at all. */
export const NETWORK_ERROR_CODE = 'client/network';
/** The error code used when the server answers with something that is not the agreed error shape. */
export const UNEXPECTED_RESPONSE_CODE = 'client/unexpected_response';

/** An API failure with the server's stable code and its (already localised) message. */
export class ApiError extends Error {
  /** HTTP status, or 0 when there was no response. */
  readonly status: number;
  /** Stable error code to branch on, e.g. `auth/invalid_credentials`. */
  readonly code: string;
  /** Extra details sent by the server (field errors, ids, …). */
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The field errors of a `request/invalid` error, with paths normalised to dotted form (`roles.0`). */
  get fieldErrors(): FieldError[] {
    if (this.code !== 'request/invalid') return [];
    const fields = (this.details as { fields?: unknown } | null | undefined)?.fields;
    if (!Array.isArray(fields)) return [];
    const result: FieldError[] = [];
    for (const f of fields) {
      if (!f || typeof f !== 'object') continue;
      const { path, message } = f as { path?: unknown; message?: unknown };
      if (typeof message !== 'string') continue;
      const normalised = (Array.isArray(path) ? path.join('.') : String(path ?? '')).replace(
        /^(body|query|params)\./,
        '',
      );
      result.push({ path: normalised, message });
    }
    return result;
  }
}

/** Whether a value is an {@link ApiError}, optionally with the given code. */
export const isApiError = (error: unknown, code?: string): error is ApiError =>
  error instanceof ApiError && (code === undefined || error.code === code);

/**
 * The field messages of a `request/invalid` error keyed by top-level field name (`roles.0` counts for `roles`),
 * first message per field; empty for any other error.
 */
export const fieldErrorMap = (error: unknown): Record<string, string> => {
  const map: Record<string, string> = {};
  if (!isApiError(error)) return map;
  for (const { path, message } of error.fieldErrors) {
    const key = path.split('.')[0] ?? '';
    if (!(key in map)) map[key] = message;
  }
  return map;
};

/** A query string value; null, undefined and empty strings are left out of the URL. */
export type QueryValue = string | number | boolean | null | undefined;

/** Builds an API URL such as `/api/v1/audit/events?page=2&format=csv`, leaving out empty parameters. */
export const buildApiUrl = (path: string, query?: Record<string, QueryValue>, baseUrl = '/api/v1'): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return `${baseUrl}${path}${qs ? `?${qs}` : ''}`;
};

/** Options of one API request. */
export type RequestOptions = {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
};

/** Settings of an API client; everything has a browser default so that tests can inject fakes. */
export type ApiClientOptions = {
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The UI language, sent as Accept-Language so that the server answers in it. */
  getLanguage?: () => string;
  /** Localised texts for failures that have no server message. */
  messages?: { network: () => string; unexpected: () => string };
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const parseJson = (text: string): unknown => {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return Symbol.for('invalid-json');
  }
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Creates the JSON API client: cookie session, CSRF header on every state-changing request (fetched from
 * `GET /session` when not yet known, refreshed and retried once after `auth/csrf_failed`), Accept-Language,
 * and every failure turned into an {@link ApiError} with a message fit to show.
 */
export const createApiClient = (options: ApiClientOptions = {}) => {
  const baseUrl = options.baseUrl ?? '/api/v1';
  const doFetch = options.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const getLanguage = options.getLanguage ?? (() => 'ja');
  const messages = options.messages ?? {
    network: () => 'The server cannot be reached.',
    unexpected: () => 'Something went wrong.',
  };
  let csrfToken: string | null = null;

  const captureCsrf = (body: unknown) => {
    if (!isRecord(body)) return;
    if (typeof body.csrfToken === 'string') csrfToken = body.csrfToken;
    const details = isRecord(body.error) && isRecord(body.error.details) ? body.error.details : null;
    if (details && typeof details.csrfToken === 'string') csrfToken = details.csrfToken;
  };

  const fallbackMessage = (code: string): string => {
    const entry = ERROR_CODES[code as ErrorCode] as { ja: string; en: string } | undefined;
    const lang = getLanguage();
    return entry ? entry[lang === 'en' ? 'en' : 'ja'] : messages.unexpected();
  };

  const send = async (method: string, path: string, opts: RequestOptions): Promise<Response> => {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': getLanguage() };
    let body: BodyInit | undefined;
    if (opts.body instanceof FormData) body = opts.body;
    else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    if (STATE_CHANGING.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
    try {
      return await doFetch(buildApiUrl(path, opts.query, baseUrl), {
        method,
        headers,
        body,
        credentials: 'same-origin',
        signal: opts.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw new ApiError(0, NETWORK_ERROR_CODE, messages.network());
    }
  };

  /** Loads a CSRF token from `GET /session` (signed in: `csrfToken`; signed out: `error.details.csrfToken`). */
  const refreshCsrfToken = async (): Promise<string | null> => {
    try {
      const response = await doFetch(`${baseUrl}/session`, {
        method: 'GET',
        headers: { Accept: 'application/json', 'Accept-Language': getLanguage() },
        credentials: 'same-origin',
      });
      captureCsrf(parseJson(await response.text()));
    } catch {
      // The request that needed the token will report the failure.
    }
    return csrfToken;
  };

  const request = async <T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> => {
    const upper = method.toUpperCase();
    if (STATE_CHANGING.has(upper) && !csrfToken) await refreshCsrfToken();
    let response = await send(upper, path, opts);
    let parsed = parseJson(await response.text());
    if (
      STATE_CHANGING.has(upper) &&
      response.status === 403 &&
      isRecord(parsed) &&
      isRecord(parsed.error) &&
      parsed.error.code === 'auth/csrf_failed'
    ) {
      csrfToken = null;
      await refreshCsrfToken();
      response = await send(upper, path, opts);
      parsed = parseJson(await response.text());
    }
    captureCsrf(parsed);
    if (!response.ok) {
      if (isRecord(parsed) && isRecord(parsed.error) && typeof parsed.error.code === 'string') {
        const { code, message, details } = parsed.error;
        const text = typeof message === 'string' && message.trim() ? message : fallbackMessage(code);
        throw new ApiError(response.status, code, text, details);
      }
      const code = response.status >= 500 ? 'server/internal' : UNEXPECTED_RESPONSE_CODE;
      throw new ApiError(response.status, code, messages.unexpected());
    }
    if (typeof parsed === 'symbol')
      throw new ApiError(response.status, UNEXPECTED_RESPONSE_CODE, messages.unexpected());
    return parsed as T;
  };

  return {
    request,
    refreshCsrfToken,
    /** Sends a GET request and returns the parsed JSON body. */
    get: <T>(path: string, opts?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, opts),
    /** Sends a POST request with a JSON (or multipart) body. */
    post: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
      request<T>('POST', path, { ...opts, body }),
    /** Sends a PATCH request with a JSON body. */
    patch: <T>(path: string, body?: unknown, opts?: Omit<RequestOptions, 'body'>) =>
      request<T>('PATCH', path, { ...opts, body }),
    /** The URL of an API path, e.g. for CSV/XLSX download links. */
    url: (path: string, query?: Record<string, QueryValue>) => buildApiUrl(path, query, baseUrl),
    /** The CSRF token currently known to the client. */
    getCsrfToken: () => csrfToken,
    /** Replaces the CSRF token (e.g. after sign-out). */
    setCsrfToken: (token: string | null) => {
      csrfToken = token;
    },
  };
};

/** The API client type returned by {@link createApiClient}. */
export type ApiClient = ReturnType<typeof createApiClient>;
