import {
  type AuthRequest,
  type AuthStrategy,
  appendQuery,
  isAuthplugError,
  queryOf,
  RETRY,
  type Signature,
  serializeParams,
} from '@authplug/core';
import type { AfterResponseHook, BeforeErrorHook, BeforeRequestHook, NormalizedOptions } from 'got';
import { toAuthRequest, toAuthResponse } from './request.ts';

/**
 * What one got call remembers across attempts. It lives in `options.context`, which got
 * shallow-copies into every retry's options, so each attempt is signed from the unsigned request.
 */
interface CallState {
  readonly request: AuthRequest;
  /** The form body as serialized by got (or given), before signed fields were appended. */
  readonly form: string | undefined;
  authRetried: boolean;
}
const STATE = Symbol('authplug.got');
const stateOf = (options: { context: unknown }) =>
  (options.context as Record<PropertyKey, CallState | undefined>)[STATE];

/**
 * The hooks `withAuth` installs, for hand composition with `got.extend({ hooks })`.
 *
 * @example
 * ```ts
 * const { beforeRequest, afterResponse, beforeError }: AuthHooks = authHooks(strategy);
 * ```
 */
export interface AuthHooks {
  beforeRequest: BeforeRequestHook[];
  afterResponse: AfterResponseHook[];
  beforeError: BeforeErrorHook[];
}

/**
 * got hooks that sign every request with `strategy`. got runs `beforeRequest` on every attempt,
 * so each retry gets a fresh signature; when the strategy's `inspect` returns `RETRY`, the call is
 * resent once through got's `retryWithMergedOptions` (which got allows whatever `retry.limit`
 * says). got wraps anything a hook throws in its own `RequestError`; `beforeError` hands the
 * caller authplug's typed error instead, as the other adapters do.
 *
 * @example
 * ```ts
 * const api = got.extend({ prefixUrl, hooks: authHooks(strategy) });
 * ```
 */
export function authHooks(strategy: AuthStrategy): AuthHooks {
  const beforeRequest: BeforeRequestHook = async (options, { retryCount }) => {
    let state = stateOf(options);
    if (!state) {
      const request = toAuthRequest(options);
      state = { request, form: formText(request, options.body), authRetried: false };
      (options.context as Record<PropertyKey, unknown>)[STATE] = state;
    }
    apply(options, state, await strategy.sign(state.request, { attempt: retryCount }));
  };
  const afterResponse: AfterResponseHook = async (response, retryWithMergedOptions) => {
    const state = stateOf(response.request.options);
    if (!state || !strategy.inspect) return response;
    const verdict = await strategy.inspect(toAuthResponse(response), state.request, {
      attempt: response.retryCount,
    });
    if (verdict === RETRY && !state.authRetried) {
      state.authRetried = true;
      // got drops afterResponse hooks on this resend unless told to keep them; inspect must see it.
      return retryWithMergedOptions({ preserveHooks: true });
    }
    return response;
  };
  const beforeError: BeforeErrorHook = async (error) => {
    if (isAuthplugError(error.cause)) return error.cause;
    // With `responseType: 'json'`, got parses the body before afterResponse hooks run, so an
    // error answer in XML or HTML fails as a ParseError that inspect never saw. Let the strategy
    // read it now: its typed error (and any cleanup it does, e.g. releasing a nonce) still apply.
    const { response } = error;
    const state = response && stateOf(error.options);
    if (error.name !== 'ParseError' || !response || !state || !strategy.inspect) return error;
    try {
      await strategy.inspect(toAuthResponse(response), state.request, { attempt: response.retryCount });
    } catch (typed) {
      if (isAuthplugError(typed)) return typed;
    }
    return error;
  };
  // got runs every afterResponse hook through its own bookkeeping (a URL parse and a snapshot of
  // the request's state per hook, per response): a strategy with nothing to inspect gets none.
  return {
    beforeRequest: [beforeRequest],
    afterResponse: strategy.inspect ? [afterResponse] : [],
    beforeError: [beforeError],
  };
}

function formText(request: AuthRequest, body: unknown): string | undefined {
  if (request.body.kind !== 'form') return undefined;
  if (typeof body === 'string') return body;
  return body instanceof Uint8Array ? new TextDecoder().decode(body) : undefined;
}

function apply(options: NormalizedOptions, state: CallState, signature: Signature): void {
  // Only the query changes, so set it on got's own URL object: assigning an absolute URL string
  // is refused when `prefixUrl` is set without `allowAbsoluteUrls`.
  const url = options.url as URL;
  const query = queryOf(appendQuery(state.request.url, signature.query ?? []));
  if (url.search.slice(1) !== query) url.search = query;
  if (signature.form?.length) {
    const added = serializeParams(signature.form);
    const body = state.form ? `${state.form}&${added}` : added;
    options.body = body;
    if (!state.form) options.headers['content-type'] = 'application/x-www-form-urlencoded';
    // got 16.0 framed the request with the content-length of the body before the hooks (16.1
    // refreshes it): the server then read a truncated body and answered 400.
    options.headers['content-length'] = String(new TextEncoder().encode(body).byteLength);
  }
  if (signature.headers) {
    for (const [name, value] of Object.entries(signature.headers))
      options.headers[name.toLowerCase()] = value;
  }
}
