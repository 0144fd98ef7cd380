import {
  type AuthRequest,
  type AuthResponse,
  type AuthStrategy,
  addParams,
  appendQuery,
  collectParams,
  type Digests,
  explainable,
  InvalidOptionError,
  InvalidRequestUrlError,
  optionalString,
  type Param,
  pathAfter,
  type Signature,
} from '@authplug/core';
import { credentialKey, credentialSource, isStoreOptions, type StoreOptions } from '@authplug/credentials';
import { IPERNITY_AUTHORIZE_URL, PKG, PROVIDER } from './constants.ts';
import type { IpernityCredentials } from './credentials.ts';
import { IPERNITY_ERROR_CODES, IpernityInvalidTokenError, ipernityError } from './errors.ts';
import { type IpernityPermissions, permissionParams } from './permissions.ts';
import { parseIpernityResponse } from './response.ts';
import { addedParams, signParams } from './signature.ts';

/**
 * Literal credentials: the application's key and secret, and a user's token once authorized.
 *
 * @example
 * ```ts
 * const options: IpernityLiteralOptions = { apiKey: '…', secret: '…', authToken: '…' };
 * ```
 */
export interface IpernityLiteralOptions {
  apiKey: string;
  secret: string;
  authToken?: string;
}

/**
 * Either literal credentials or a store and profile (read on every request).
 *
 * @example
 * ```ts
 * const options: IpernityOptions = { store: fileStore(), profile: 'work', alwaysSign: true };
 * ```
 */
export type IpernityOptions = (IpernityLiteralOptions | StoreOptions) & IpernitySettings;

/**
 * Behaviour options, given in the options object like every strategy's (`digests`, `clock`,
 * `nonce`, …). A second argument holding them is still accepted, deprecated.
 *
 * @example
 * ```ts
 * ipernity({ apiKey, secret, alwaysSign: false, authorizeUrl: 'http://127.0.0.1:4010/apps/authorize' });
 * ```
 */
export interface IpernitySettings {
  /**
   * Sign every call (default `true`), as an application key with "always sign" requires.
   * With `false`, only calls carrying `auth_token` and the `auth.*` methods are signed.
   */
  alwaysSign?: boolean;
  /** The authorization page, default `https://www.ipernity.com/apps/authorize`. */
  authorizeUrl?: string;
  /** Digest implementation (default: core's node:crypto / WebCrypto pick). */
  digests?: Digests;
}

/**
 * The ipernity strategy: an {@link AuthStrategy} that also builds signed authorization links.
 *
 * @example
 * ```ts
 * const auth: IpernityStrategy = ipernity({ apiKey, secret });
 * const url = await auth.authorizeUrl({ permissions: { doc: 'read' } });
 * ```
 */
export interface IpernityStrategy extends AuthStrategy {
  /**
   * The signed authorization link (signature without a method name). `frob` is the one from
   * auth.getFrob (desktop flow); web applications leave it out.
   */
  authorizeUrl(options: { permissions: IpernityPermissions; frob?: string }): Promise<string>;
}

/**
 * The API method a URL calls: the path segment after `/api/` (`doc.tags.add` in
 * `https://api.ipernity.com/api/doc.tags.add/json`). Throws `InvalidRequestUrlError`
 * (`AUTHPLUG_INVALID_URL`) when there is none.
 *
 * @example
 * ```ts
 * apiMethodOf('http://127.0.0.1:8080/ipernity/api/doc.tags.add/json?x=1'); // 'doc.tags.add'
 * ```
 */
export function apiMethodOf(url: string): string {
  const method = pathAfter(url, '/api/', PKG).split('/')[0] ?? '';
  if (method === '') {
    throw new InvalidRequestUrlError(
      PKG,
      'the request URL names no API method after `/api/` (expected `…/api/<method>/<format>`, e.g. `doc.tags.add/json`).',
    );
  }
  return method;
}

const BINARY = /^(image|video|audio|font)\/|^application\/(octet-stream|pdf|zip)/i;

/**
 * Signs ipernity API calls: adds `api_key`, `auth_token` (when the credentials hold one) and
 * `api_sig` = md5(sorted name+value pairs + method + secret). Added parameters go where the
 * request's own parameters are: into the form body of an `application/x-www-form-urlencoded`
 * request, into the query string otherwise. Its `inspect` turns error responses (json or xml,
 * whatever the HTTP status) into typed errors, and deletes a rejected token from the store.
 *
 * @example
 * ```ts
 * import axios from 'axios';
 * import { withAuth } from '@authplug/axios';
 * import { ipernity } from '@authplug/ipernity';
 *
 * const auth = ipernity({ apiKey: process.env.IPERNITY_KEY!, secret: process.env.IPERNITY_SECRET! });
 * const api = withAuth(axios.create({ baseURL: 'https://api.ipernity.com/api/' }), auth);
 * await api.get('test.hello/json');
 * ```
 */
export function ipernity(
  options: IpernityOptions,
  /** @deprecated Give these in `options`; still read, and wins over `options` where both set one. */
  legacySettings: IpernitySettings = {},
): IpernityStrategy {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError(
      PKG,
      'options',
      'must be `{ apiKey, secret, authToken? }` or `{ store, profile? }`.',
    );
  }
  const stored = isStoreOptions(options);
  const credentials = credentialSource<IpernityCredentials>(PKG, PROVIDER, options, {
    required: ['apiKey', 'secret'],
    optional: ['authToken'],
  });
  // The deprecated second argument, when given, is the more explicit of the two.
  const alwaysSign = legacySettings.alwaysSign ?? options.alwaysSign ?? true;
  const authorizeEndpoint = legacySettings.authorizeUrl ?? options.authorizeUrl ?? IPERNITY_AUTHORIZE_URL;
  const digests = legacySettings.digests ?? options.digests;
  // The token each request was signed with, so a rejection deletes that token and not a newer one.
  const tokens = new WeakMap<AuthRequest, string>();

  async function forgetToken(token: string | undefined): Promise<boolean> {
    if (!stored) return false;
    const { store, profile } = options as StoreOptions;
    let deleted = false;
    await store.update<IpernityCredentials>(credentialKey(PROVIDER, profile), (current) => {
      if (!current?.authToken || (token !== undefined && current.authToken !== token)) return current;
      deleted = true;
      const { authToken: _token, permissions: _permissions, user: _user, ...rest } = current;
      return rest as IpernityCredentials;
    });
    return deleted;
  }

  return {
    ...explainable(PROVIDER, async (request, _context, trace): Promise<Signature> => {
      const method = apiMethodOf(request.url);
      const creds = await credentials();
      const params = addParams(request);
      const token =
        typeof creds.authToken === 'string' && creds.authToken !== '' ? creds.authToken : undefined;
      const sent = params.own.find((p) => p[0] === 'auth_token')?.[1] ?? token;
      if (sent) tokens.set(request, sent);
      const sign = alwaysSign || sent !== undefined || method.startsWith('auth.');
      const where = params.placement;
      await signParams(
        params,
        method,
        { ...creds, authToken: token },
        sign,
        digests,
        trace && ((step) => trace({ ...step, placement: sign ? `${where} api_sig` : step.placement })),
      );
      return params.signature();
    }),
    async inspect(response: AuthResponse, request: AuthRequest): Promise<undefined> {
      const type = response.headers.get('content-type');
      if (type && BINARY.test(type)) return undefined;
      const result = await parseIpernityResponse(await response.text());
      if (!result || result.ok) return undefined;
      const details = { status: response.status, providerCode: result.code, providerMessage: result.message };
      if (result.code === IPERNITY_ERROR_CODES.invalidToken) {
        // Unknown which token went out (the adapter passed another request object): the stored
        // one, since sign() adds it to every call.
        const sent = tokens.get(request) ?? sentToken(request);
        const deleted = await forgetToken(sent);
        throw new IpernityInvalidTokenError({ ...details, sent: sent !== undefined || deleted, deleted });
      }
      throw ipernityError(details);
    },
    async authorizeUrl({
      permissions,
      frob,
    }: {
      permissions: IpernityPermissions;
      frob?: string;
    }): Promise<string> {
      const params: Param[] = frob === undefined ? [] : [['frob', optionalString(PKG, { frob }, 'frob')!]];
      params.push(...permissionParams(permissions));
      const creds = await credentials();
      // `params` hold no api_key and no token is passed: exactly [api_key, api_sig] come back.
      const [apiKey, apiSigParam] = await addedParams(
        params,
        undefined,
        { apiKey: creds.apiKey, secret: creds.secret },
        true,
        digests,
      );
      return appendQuery(authorizeEndpoint, [apiKey!, ...params, apiSigParam!]);
    },
  };
}

function sentToken(request: AuthRequest): string | undefined {
  try {
    return collectParams(request).find((p) => p[0] === 'auth_token')?.[1];
  } catch {
    return undefined;
  }
}
