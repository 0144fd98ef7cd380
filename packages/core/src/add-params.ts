import { collectParams, hasParam } from './params.ts';
import type { AuthRequest, Param, Signature } from './request.ts';

/**
 * The parameters a strategy adds to one request, and where they go. Built by {@link addParams}.
 *
 * @example
 * ```ts
 * const params = addParams(request);
 * params.add('api_key', apiKey); // skipped when the request already has an api_key
 * params.add('api_sig', await scheme.sign(params.all(), secret));
 * return params.signature();     // { query: [...] } or { form: [...] }
 * ```
 */
export interface ParamAdditions {
  /** The request's own parameters (query, then form fields). */
  readonly own: readonly Param[];
  /** What {@link ParamAdditions.add} accepted, in order. */
  readonly added: readonly Param[];
  /** `form` when the request sends a form body (the added pairs go there), else `query`. */
  readonly placement: 'query' | 'form';
  /**
   * Adds `name=value` unless the request or an earlier `add` already has that name, or the value
   * is `undefined` or empty (an optional credential not held). True when it was added.
   */
  add(name: string, value: string | undefined): boolean;
  /** The request's parameters followed by the added ones: what a scheme signs. */
  all(): Param[];
  /** The added pairs as a {@link Signature}, at {@link ParamAdditions.placement}. */
  signature(): Signature;
}

/**
 * One way for every strategy to add parameters: where the request's own parameters are (the
 * form body of an `application/x-www-form-urlencoded` request, the query string otherwise), and
 * never a name twice. `placement: 'query'` keeps them in the query whatever the body (for
 * providers that read their own parameters only from the URL). Pass `params` when they were
 * already collected; pass a list instead of a request for something that is not a request (an
 * authorization link), which places in the query.
 *
 * @example
 * ```ts
 * const params = addParams({ method: 'POST', url, headers, body: { kind: 'form', fields: [['doc_id', '1']] } });
 * params.add('api_key', 'k');
 * params.signature(); // { form: [['api_key', 'k']] }
 * ```
 */
export function addParams(
  target: AuthRequest | readonly Param[],
  options: { placement?: 'auto' | 'query'; params?: readonly Param[] } = {},
): ParamAdditions {
  const request = Array.isArray(target) ? undefined : (target as AuthRequest);
  const own: readonly Param[] =
    options.params ?? (request ? collectParams(request) : (target as readonly Param[]));
  const placement = options.placement !== 'query' && request?.body.kind === 'form' ? 'form' : 'query';
  const added: Param[] = [];
  const all = (): Param[] => own.concat(added);
  return {
    own,
    added,
    placement,
    all,
    // A linear scan: a request has a handful of parameters, and this stays small in a bundle.
    add: (name, value) =>
      !!value && !hasParam(own, name) && !hasParam(added, name) && added.push([name, value]) > 0,
    signature: () => (placement === 'form' ? { form: added } : { query: added }),
  };
}
