import type { Explanation } from './explain.ts';
import type { AuthRequest, AuthResponse, Signature } from './request.ts';

/**
 * Passed to every `sign` and `inspect` call.
 *
 * @example
 * ```ts
 * await strategy.sign(request, { attempt: 0 });
 * ```
 */
export interface SignContext {
  /** 0 for the first attempt; each retry (the client's or an auth retry) adds one. */
  readonly attempt: number;
}

/**
 * `inspect` returns this to have the request signed again (fresh nonce and time) and resent once.
 *
 * @example
 * ```ts
 * inspect(response) {
 *   return response.status === 401 && clock.learn(response.headers.get('date')) ? RETRY : undefined;
 * }
 * ```
 */
export const RETRY: unique symbol = Symbol.for('authplug.retry');

/**
 * The contract between strategies and adapters. A strategy knows no HTTP client; an adapter
 * knows no provider.
 *
 * @example
 * ```ts
 * const bearer: AuthStrategy = {
 *   name: 'bearer',
 *   async sign() { return { headers: { authorization: `Bearer ${await getToken()}` } }; },
 * };
 * ```
 */
export interface AuthStrategy {
  /** Short provider name used in messages, e.g. `historypin`. */
  readonly name: string;
  /**
   * Computes what to add to `request`. Must not mutate it. Throws an AuthplugError when the
   * request cannot be signed; the adapter then never sends it.
   */
  sign(request: AuthRequest, context: SignContext): Promise<Signature>;
  /**
   * Optional (every authplug strategy has it): what `sign` would compute for `request`, step by
   * step, with secrets masked. Built with `explainable` so it runs the same code as `sign`.
   */
  explain?(request: AuthRequest, context: SignContext): Promise<Explanation>;
  /**
   * Optional: looks at the response. May throw a typed error (the call rejects with it),
   * return {@link RETRY} for one re-signed retry, or return nothing to pass the response on.
   * Adapters only read the body when `text()` is called.
   */
  inspect?(
    response: AuthResponse,
    request: AuthRequest,
    context: SignContext,
  ): Promise<typeof RETRY | undefined> | typeof RETRY | undefined;
}
