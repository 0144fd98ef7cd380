import {
  type AuthRequest,
  type AuthStrategy,
  appendQuery,
  RETRY,
  type Signature,
  serializeParams,
} from '@authplug/core';
import ky, { type AfterResponseHook, type BeforeRequestHook, type BeforeRetryHook } from 'ky';
import { toAuthRequest } from './request.ts';

/** What one ky call remembers between its hooks, kept in the call's own `options.context`. */
interface CallState {
  readonly request: AuthRequest;
  /** The form body as the caller gave it, serialized; signed fields are appended to it. */
  readonly form: string | undefined;
  authRetried: boolean;
}
const STATE = Symbol('authplug.ky');
const stateOf = (context: Record<PropertyKey, unknown>): CallState | undefined =>
  context[STATE] as CallState | undefined;

/**
 * The hooks `withAuth` installs, for hand composition with `ky.extend({ hooks })`.
 *
 * @example
 * ```ts
 * const { beforeRequest, beforeRetry, afterResponse }: AuthHooks = authHooks(strategy);
 * ```
 */
export interface AuthHooks {
  beforeRequest: BeforeRequestHook[];
  beforeRetry: BeforeRetryHook[];
  afterResponse: AfterResponseHook[];
}

/**
 * ky hooks that sign every request with `strategy`. ky 2 runs `beforeRequest` once per call, so
 * every retry is signed again in `beforeRetry`, from the unsigned request kept in the call's
 * context (never from the previous attempt's signed URL). When the strategy's `inspect` returns
 * `RETRY`, the call is retried once at once through `ky.retry()`, which still counts against the
 * instance's `retry.limit` (a limit of 0 disables it).
 *
 * @example
 * ```ts
 * const api = ky.create({ baseUrl }).extend({ hooks: authHooks(strategy) });
 * ```
 */
export function authHooks(strategy: AuthStrategy): AuthHooks {
  const beforeRequest: BeforeRequestHook = async ({ request, options }) => {
    const auth = await toAuthRequest(request, options.body);
    const state: CallState = { request: auth, form: formText(auth, options.body), authRetried: false };
    (options.context as Record<PropertyKey, unknown>)[STATE] = state;
    return apply(request, state, await strategy.sign(auth, { attempt: 0 }));
  };
  const beforeRetry: BeforeRetryHook = async ({ request, options, retryCount }) => {
    const state = stateOf(options.context);
    if (!state) return;
    return apply(request, state, await strategy.sign(state.request, { attempt: retryCount }));
  };
  const afterResponse: AfterResponseHook = async ({ options, response, retryCount }) => {
    const state = stateOf(options.context);
    if (!state || !strategy.inspect) return;
    let text: Promise<string> | undefined;
    const verdict = await strategy.inspect(
      { status: response.status, headers: response.headers, text: () => (text ??= response.text()) },
      state.request,
      { attempt: retryCount },
    );
    if (verdict === RETRY && !state.authRetried) {
      state.authRetried = true;
      return ky.retry({ delay: 0, code: 'AUTHPLUG_RESIGN' });
    }
  };
  return { beforeRequest: [beforeRequest], beforeRetry: [beforeRetry], afterResponse: [afterResponse] };
}

function formText(request: AuthRequest, body: unknown): string | undefined {
  if (request.body.kind !== 'form') return undefined;
  return typeof body === 'string' ? body : body instanceof URLSearchParams ? body.toString() : undefined;
}

/**
 * Applies a signature to the request being sent. A header-only signature on a first attempt is
 * set in place (no new Request); a URL or body change needs a new Request, built from the
 * unsigned URL and body so a retry never carries the previous attempt's signature.
 */
function apply(current: Request, state: CallState, signature: Signature): Request | undefined {
  const url = signature.query?.length ? appendQuery(state.request.url, signature.query) : state.request.url;
  let next = current;
  if (signature.form?.length) {
    const added = serializeParams(signature.form);
    const headers = new Headers(current.headers);
    if (!state.form) headers.set('content-type', 'application/x-www-form-urlencoded');
    next = new Request(url, {
      ...requestInit(current),
      headers,
      body: state.form ? `${state.form}&${added}` : added,
    });
  } else if (url !== current.url) {
    next = new Request(url, { ...requestInit(current), body: current.body, duplex: 'half' } as RequestInit);
  }
  if (signature.headers) {
    for (const [name, value] of Object.entries(signature.headers)) next.headers.set(name, value);
  }
  return next === current ? undefined : next;
}

/**
 * The init that recreates `request` at another URL. Only fields that differ from the defaults
 * are passed: each one costs a WebIDL conversion in the Request constructor, and passing the
 * Request itself as the init costs about three times as much (measured in bench/).
 */
const INIT_DEFAULTS = {
  credentials: 'same-origin',
  redirect: 'follow',
  mode: 'cors',
  cache: 'default',
  referrerPolicy: '',
  referrer: 'about:client',
  integrity: '',
  keepalive: false,
} as const;

function requestInit(request: Request): RequestInit {
  const init: Record<string, unknown> = {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
  };
  for (const [name, fallback] of Object.entries(INIT_DEFAULTS)) {
    const value = request[name as keyof typeof INIT_DEFAULTS];
    if (value !== fallback) init[name] = value;
  }
  return init as RequestInit;
}
