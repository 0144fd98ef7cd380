import { type AuthRequest, type AuthStrategy, appendQuery, serializeParams } from '@authplug/core';
import { authFetch, exchange, type Fetch, INIT_DEFAULTS } from './sign.ts';

// The init fields a Request holds, with INIT_DEFAULTS' names. Anything else in an init (undici's
// `dispatcher`, Next.js's `next`, …) is for fetch itself: it would be lost in the Request, so it
// goes along with every send (`window` too: it may only be null, harmless to fetch).
const REQUEST_FIELD = /^(?:method|headers|body|signal|duplex)$/;

/**
 * Returns a function with fetch's signature that signs every call with `strategy`, then sends it
 * through `fetch`. Input as a string, a `URL` or a `Request` (which is copied, never changed),
 * plus an optional init, exactly as fetch takes them. Form bodies are signed field by field; JSON,
 * multipart and stream bodies are sent intact. A call whose signing fails rejects with the
 * strategy's typed error and sends nothing; a strategy's `RETRY` resends once, signed afresh.
 *
 * Passing the global `fetch` means "the global fetch at call time", so interceptors and polyfills
 * installed after `withAuth` (msw, for one) still apply.
 *
 * @example
 * ```ts
 * import { withAuth } from '@authplug/fetch';
 * import { historypin } from '@authplug/historypin';
 *
 * const signedFetch = withAuth(fetch, historypin({ apiKey, apiSecret }));
 * const response = await signedFetch('https://www.historypin.org/en/api/user/get_edit.json?id=19');
 * const user = await response.json();
 * ```
 */
export function withAuth(fetch: Fetch, strategy: AuthStrategy): Fetch {
  const global = fetch === globalThis.fetch;
  const target = (): Fetch => (global ? globalThis.fetch : fetch);
  return (input, init) => {
    if (!(input instanceof Request) && init?.body == null && /^get$/i.test(init?.method ?? 'GET')) {
      return get(strategy, target(), input, init);
    }
    const extra = Object.fromEntries(
      Object.entries(init ?? {}).filter(([key]) => !(REQUEST_FIELD.test(key) || key in INIT_DEFAULTS)),
    );
    // authFetch sends with ky's convention (a Request, and its init as fetch-only fields): here the
    // caller's init reaches fetch only for the fields a Request does not hold.
    const send: Fetch = (request) => target()(request, extra);
    // The Request is ours (a caller's Request is copied, the init applied): signing may change it.
    return authFetch(strategy, send)(new Request(input, init), init);
  };
}

/**
 * A GET, signed from its URL and init as they are: no Request is built to read them, and fetch
 * builds its one Request from what is sent (the Request built here cost 0.02–0.06 of the signed
 * request in situ, measured by bench/overhead.bench.ts). The caller's headers are copied.
 */
function get(
  strategy: AuthStrategy,
  fetch: Fetch,
  input: string | URL,
  init?: RequestInit,
): Promise<Response> {
  const url = new URL(input, globalThis.location?.href);
  url.hash = '';
  const headers = new Headers(init?.headers);
  const auth: AuthRequest = { method: 'GET', url: url.href, headers, body: { kind: 'none' } };
  return exchange(strategy, auth, (signature) => {
    const target = appendQuery(auth.url, signature.query ?? []);
    // A query-only signature leaves the init as the caller gave it: handing fetch a Headers
    // object it must copy costs more than the rest of this path (bench/overhead.bench.ts).
    if (!signature.headers && !signature.form?.length) return fetch(target, init);
    for (const [name, value] of Object.entries(signature.headers ?? {})) headers.set(name, value);
    // A form on a GET is refused by fetch itself, as it is on the Request path.
    const body = signature.form?.length ? serializeParams(signature.form) : undefined;
    return fetch(target, { ...init, method: 'GET', headers, body });
  });
}
