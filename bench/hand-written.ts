// The signer a user writes without authplug: the client's own hook (axios interceptor, ky and got
// beforeRequest, a fetch wrapper) with one scheme inlined for this bench's requests, built on the
// platform's URL and URLSearchParams. It is the practical alternative to a library, so the
// in-situ tables compare authplug with it as a peer: unlike the floor, it pays for finding the
// request's parameters, sorting them and putting the signature into the URL, which every signer
// of a sorted-parameter scheme must do.
//
// Each sender checks its first request: the signature its hook put into the URL must be the one
// authplug computes for the same URL, so a wrong inline signer fails the bench (and bench:smoke).

import { createHash, createHmac } from 'node:crypto';
import type { AuthStrategy } from '@authplug/core';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { type BenchScheme, keepAlive, paramsFor } from './harness.ts';

/** Appends a scheme's added params, signature last, to `url`'s query. */
export type InlineSigner = (url: URL) => void;

const byNameThenValue = ([a, x]: [string, string], [b, y]: [string, string]): number =>
  a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0;
const afterApi = (url: URL): string => url.pathname.slice(url.pathname.indexOf('/api/') + 5);

/** Historypin: `api_token` = hex HMAC-SHA256 of the sorted `key=value` pairs plus `api_path`. */
export const historypinInline =
  (apiKey: string, apiSecret: string): InlineSigner =>
  (url) => {
    const query = url.searchParams;
    query.append('api_key', apiKey);
    const pairs = [...query, ['api_path', afterApi(url)] as [string, string]].sort(byNameThenValue);
    const base = pairs.map(([k, v]) => `${k}=${v}`).join('&');
    query.append('api_token', createHmac('sha256', apiSecret).update(base).digest('hex'));
  };

/** ipernity: `api_sig` = hex MD5 of the sorted name+value pairs, the method and the secret. */
export const ipernityInline =
  (apiKey: string, secret: string, authToken: string): InlineSigner =>
  (url) => {
    const query = url.searchParams;
    query.append('api_key', apiKey);
    query.append('auth_token', authToken);
    let base = '';
    for (const [k, v] of [...query].sort(byNameThenValue)) base += k + v;
    const method = afterApi(url).split('/')[0];
    query.append(
      'api_sig',
      createHash('md5')
        .update(base + method + secret)
        .digest('hex'),
    );
  };

/**
 * Peers for {@link BenchScheme.peers}: the inline signer in every client's own hook, each
 * checked on its first request against `reference` (the scheme's authplug strategy).
 */
export function handWritten(
  scheme: Pick<BenchScheme, 'path' | 'firstParam'>,
  sign: InlineSigner,
  reference: AuthStrategy,
  signatureParam: string,
): NonNullable<BenchScheme['peers']> {
  const name = 'hand-written hook';
  const query = (i: number) => new URLSearchParams(paramsFor(i, scheme.firstParam));
  // The first request's URL before and after the hook, checked once it is answered.
  const checked = (client: string) => {
    let seen: [before: string, after: string] | undefined;
    const hook = {
      /** Until the first request is checked. */
      pending: true,
      sign(url: URL): void {
        const before = url.href;
        sign(url);
        seen ??= [before, url.href];
      },
      async check(): Promise<void> {
        if (!seen) throw new Error(`${name} on ${client}: the hook never ran`);
        hook.pending = false;
        const [before, after] = seen;
        const expected = (
          await reference.sign(
            { method: 'GET', url: before, headers: { get: () => undefined }, body: { kind: 'none' } },
            { attempt: 0 },
          )
        ).query?.find(([k]) => k === signatureParam)?.[1];
        const actual = new URL(after).searchParams.get(signatureParam);
        if (!expected || actual !== expected) {
          throw new Error(
            `${name} on ${client}: ${signatureParam} ${actual} where authplug signs ${expected}`,
          );
        }
      },
    };
    return hook;
  };
  return {
    axios: {
      name,
      make(base) {
        const hook = checked('axios');
        const client = axios.create({ baseURL: base, httpAgent: keepAlive() });
        client.interceptors.request.use((config) => {
          const url = new URL(client.getUri(config));
          hook.sign(url);
          config.url = url.href;
          config.params = undefined;
          return config;
        });
        return async (i) => {
          await client.get(scheme.path, { params: query(i) });
          if (hook.pending) await hook.check();
        };
      },
    },
    ky: {
      name,
      make(base) {
        const hook = checked('ky');
        const client = ky.create({
          baseUrl: base,
          retry: 0,
          hooks: {
            beforeRequest: [
              ({ request }) => {
                const url = new URL(request.url);
                hook.sign(url);
                return new Request(url, request);
              },
            ],
          },
        });
        const path = scheme.path.slice(1);
        return async (i) => {
          await client.get(path, { searchParams: query(i) }).arrayBuffer();
          if (hook.pending) await hook.check();
        };
      },
    },
    got: {
      name,
      make(base) {
        const hook = checked('got');
        const client = got.extend({
          prefixUrl: base,
          agent: { http: keepAlive() },
          retry: { limit: 0 },
          hooks: { beforeRequest: [(options) => hook.sign(options.url as URL)] },
        });
        const path = scheme.path.slice(1);
        return async (i) => {
          await client.get(path, { searchParams: query(i) }).buffer();
          if (hook.pending) await hook.check();
        };
      },
    },
    fetch: {
      name,
      make(base) {
        const hook = checked('fetch');
        return async (i) => {
          const url = new URL(`${base}${scheme.path}?${query(i)}`);
          hook.sign(url);
          await (await fetch(url)).arrayBuffer();
          if (hook.pending) await hook.check();
        };
      },
    },
  };
}
