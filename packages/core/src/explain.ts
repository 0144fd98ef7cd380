import type { AuthRequest, Param, Signature } from './request.ts';
import type { SignContext } from './strategy.ts';

/**
 * What a strategy signed, step by step: the answer to "why does the provider say invalid
 * signature?". Produced by the same code path that signs (see {@link explainable}), never by a
 * copy of it. Secret values never appear in it: wherever a secret takes part in the
 * string-to-sign (or is itself the signature, as with OAuth PLAINTEXT) it is replaced by
 * `‹name›`, the name of the credential field.
 *
 * @example
 * ```ts
 * const e = await strategy.explain!(request, { attempt: 0 });
 * console.log(e.params, e.base, `${e.algorithm} with ${e.key} → ${e.signature} (${e.placement})`);
 * ```
 */
export interface Explanation {
  /** The strategy's name, e.g. `historypin`. */
  readonly strategy: string;
  /** The digest, e.g. `HMAC-SHA256`, `MD5`, `RSA-SHA1`, `AWS4-HMAC-SHA256`. */
  readonly algorithm: string;
  /** The parameters in the order the scheme feeds them to the digest; `[]` where it signs none. */
  readonly params: readonly Param[];
  /** The exact string-to-sign (base string, canonical request, signature base), secrets masked. */
  readonly base: string;
  /** Which key signed, by name(s), never by value: e.g. `apiSecret`, `consumerSecret&tokenSecret`. */
  readonly key: string;
  /** The signature as sent (masked where the signature reveals a secret). */
  readonly signature: string;
  /** Where the signature goes, e.g. `query api_token`, `header Authorization`. */
  readonly placement: string;
  /** Exactly what `sign` returns for this request and context (secrets masked). */
  readonly added: Signature;
}

/**
 * One explained step, as a signing function reports it to its trace. `added` is given only when
 * what `sign` returns would reveal a secret (OAuth PLAINTEXT): then it is the masked copy.
 */
export type ExplainStep = Omit<Explanation, 'strategy' | 'added'> & { readonly added?: Signature };

/**
 * Signing functions call this (when given) with what they signed. Costs nothing when absent.
 *
 * @example
 * ```ts
 * trace?.({ algorithm: 'MD5', params, base: mask(base, secret, 'secret'), key: 'secret', signature, placement: 'query api_sig' });
 * ```
 */
export type Trace = (step: ExplainStep) => void;

/**
 * A signing function that reports its steps to `trace` when one is passed.
 *
 * @example
 * ```ts
 * const run: TracedSign = async (request, context, trace) => { … trace?.(step); return signature; };
 * ```
 */
export type TracedSign = (request: AuthRequest, context: SignContext, trace?: Trace) => Promise<Signature>;

/**
 * Builds `sign` and `explain` from one traced signing function, so that what `explain` shows is
 * what `sign` computes.
 *
 * @example
 * ```ts
 * return { ...explainable('historypin', run), inspect };
 * ```
 */
export function explainable(
  name: string,
  run: TracedSign,
): {
  name: string;
  /** Signs, without tracing. */
  sign(request: AuthRequest, context: SignContext): Promise<Signature>;
  /** Runs the same signing function with a trace and returns what it reported. */
  explain(request: AuthRequest, context: SignContext): Promise<Explanation>;
} {
  return {
    name,
    sign: (request, context) => run(request, context),
    explain: async (request, context) =>
      (await import('./explain-run.ts')).explainRun(name, run, request, context),
  };
}

/**
 * Replaces every occurrence of a secret in `text` by `‹name›`. Empty secrets are left alone.
 *
 * @example
 * ```ts
 * mask('a=1&b=2s3cr3t', 's3cr3t', 'secret'); // 'a=1&b=2‹secret›'
 * ```
 */
export function mask(text: string, secret: string | undefined, name: string): string {
  return secret ? text.split(secret).join(`‹${name}›`) : text;
}
