import { type Digests, digests as defaultDigests, type HashAlgorithm } from './digest.ts';
import { sortParams } from './params.ts';
import type { Param } from './request.ts';

/**
 * What sets one member of the sorted-concatenation (`api_sig`) family apart from another.
 * ipernity, Last.fm and Flickr's legacy API all hash every parameter as `name + value` (raw
 * UTF-8, no encoding), sorted by name then value, concatenated, with a shared secret; they
 * differ in what is left out, where the secret goes and what is appended after the pairs.
 *
 * @example
 * ```ts
 * const lastfmQuirks: ApiSigQuirks = { skip: ['format', 'callback'], secret: 'last' };
 * const flickrLegacy: ApiSigQuirks = { secret: 'first' };
 * ```
 */
export interface ApiSigQuirks {
  /** The parameter that carries the signature (default `api_sig`); never part of what is signed. */
  readonly param?: string;
  /** Other parameter names left out of the signature (Last.fm: `format`, `callback`). */
  readonly skip?: readonly string[];
  /** The secret before the pairs (`first`, Flickr's legacy API) or after everything (`last`). */
  readonly secret: 'first' | 'last';
  /** Default `md5`, the only digest the family's providers use. */
  readonly algorithm?: HashAlgorithm;
}

/**
 * One configured member of the family: its string-to-sign and its signature.
 *
 * @example
 * ```ts
 * const scheme: ApiSigScheme = apiSigScheme({ secret: 'last' });
 * await scheme.sign([['b', '2'], ['a', '1']], 's'); // md5('a1b2s')
 * ```
 */
export interface ApiSigScheme {
  /** The signature's parameter name, e.g. `api_sig`. */
  readonly param: string;
  /** The digest, upper-case as an explanation names it, e.g. `MD5`. */
  readonly algorithm: string;
  /**
   * The string hashed: the secret (first or last), the sorted pairs, then `appended` (ipernity
   * appends the API method name). It contains the secret: never log it unmasked.
   */
  base(params: readonly Param[], secret: string, appended?: string): string;
  /** The parameters the signature covers, in the order they are concatenated. */
  signed(params: readonly Param[]): Param[];
  /** Lower-case hex digest of {@link ApiSigScheme.base}. */
  sign(
    params: readonly Param[],
    secret: string,
    options?: { appended?: string | undefined; digests?: Digests | undefined },
  ): Promise<string>;
}

const ALGORITHM_NAMES = { md5: 'MD5', sha1: 'SHA-1', sha256: 'SHA-256', sha512: 'SHA-512' } as const;

/**
 * Builds a member of the sorted-concatenation digest family from its quirks.
 *
 * @example
 * ```ts
 * const lastfm = apiSigScheme({ skip: ['format', 'callback'], secret: 'last' });
 * lastfm.base([['method', 'auth.getSession'], ['api_key', 'k'], ['format', 'json']], 's');
 * // 'api_keykmethodauth.getSessions'
 * ```
 */
export function apiSigScheme(quirks: ApiSigQuirks): ApiSigScheme {
  const param = quirks.param ?? 'api_sig';
  const left = new Set([param, ...(quirks.skip ?? [])]);
  const algorithm = quirks.algorithm ?? 'md5';
  const signed = (params: readonly Param[]): Param[] =>
    sortParams(params).filter(([name]) => !left.has(name));
  const base = (params: readonly Param[], secret: string, appended = ''): string => {
    let pairs = '';
    for (const [name, value] of signed(params)) pairs += name + value;
    return quirks.secret === 'first' ? secret + pairs + appended : pairs + appended + secret;
  };
  return {
    param,
    algorithm: ALGORITHM_NAMES[algorithm],
    base,
    signed,
    sign: (params, secret, options = {}) =>
      (options.digests ?? defaultDigests).hash(algorithm, base(params, secret, options.appended), 'hex'),
  };
}
