import { createHash } from 'node:crypto';
import {
  AuthplugError,
  type AuthRequest,
  type AuthStrategy,
  baseOf,
  collectParams,
  type Param,
  RETRY,
} from '@authplug/core';

// A test strategy whose signature a server can check with nothing but node:crypto and
// URLSearchParams: sha256 over method, URL without query, a per-attempt nonce and every
// query/form parameter in order. If an adapter sends other bytes than it had signed, the
// server's recomputation disagrees.

export type Placement = 'query' | 'header' | 'form';

export const probeDigest = (method: string, base: string, nonce: string, params: readonly Param[]): string =>
  createHash('sha256')
    .update(JSON.stringify([method, base, nonce, params]))
    .digest('hex');

export interface Probe extends AuthStrategy {
  /** Every request the strategy signed, in order. */
  readonly signed: AuthRequest[];
}

export function probe(
  placement: Placement = 'query',
  hooks: { fail?: boolean; inspect?: AuthStrategy['inspect'] } = {},
): Probe {
  const signed: AuthRequest[] = [];
  let nonce = 0;
  return {
    name: 'probe',
    signed,
    async sign(request) {
      if (hooks.fail) throw new AuthplugError('AUTHPLUG_TEST_REFUSED', 'probe: refused to sign');
      signed.push(request);
      const n = String(++nonce);
      const sig = probeDigest(request.method, baseOf(request.url), n, collectParams(request));
      if (placement === 'header') return { headers: { 'X-Probe-Nonce': n, 'X-Probe-Sig': sig } };
      const pairs: Param[] = [
        ['probe_nonce', n],
        ['probe_sig', sig],
      ];
      return placement === 'form' ? { form: pairs } : { query: pairs };
    },
    ...(hooks.inspect ? { inspect: hooks.inspect } : {}),
  };
}

/** What the server saw, after checking the probe signature the way a provider would. */
export interface Seen {
  method: string;
  params: [string, string][];
  nonce: string;
  verified: boolean;
  contentType: string | null;
  body: string;
}

/** Server side: recompute the probe signature from the raw request. */
export async function verifyProbe(request: Request): Promise<Seen> {
  const url = new URL(request.url);
  const body = await request.text();
  const contentType = request.headers.get('content-type');
  const all = [...url.searchParams];
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    all.push(...new URLSearchParams(body));
  }
  const get = (name: string) => all.find(([k]) => k === name)?.[1];
  const nonce = request.headers.get('x-probe-nonce') ?? get('probe_nonce') ?? '';
  const sig = request.headers.get('x-probe-sig') ?? get('probe_sig') ?? '';
  const params = all.filter(([k]) => k !== 'probe_nonce' && k !== 'probe_sig');
  const verified = probeDigest(request.method, `${url.origin}${url.pathname}`, nonce, params) === sig;
  return { method: request.method, params, nonce, verified, contentType, body };
}

export { RETRY };
