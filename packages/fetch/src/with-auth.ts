import type { AuthStrategy } from '@authplug/core';
import { authFetch, type Fetch } from './sign.ts';

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
  const signing = authFetch(strategy, fetch === globalThis.fetch ? undefined : fetch);
  // A Request of the caller's own is copied (with the init applied) so its headers stay as they
  // were; the init goes along for its fetch-only fields and to tell a stream body.
  return (input, init) => signing(input instanceof Request ? new Request(input, init) : input, init);
}
