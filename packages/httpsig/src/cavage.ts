import {
  type AuthRequest,
  type AuthStrategy,
  type Clock,
  explainable,
  hash,
  InvalidOptionError,
  type KeyAlgorithm,
  MissingOptionError,
  mask,
  type Param,
  parseRequestUrl,
  type SigningKey,
  type Trace,
} from '@authplug/core';
import type { StoreOptions } from '@authplug/credentials';
import { bodyBytes } from './body.ts';
import { MissingComponentError, PKG } from './errors.ts';
import { headerLookup, prepareKey } from './http-signature.ts';

// The draft-cavage-http-signatures form (draft 12, the one Mastodon and most of the fediverse
// speak) built from the same blocks as RFC 9421: the key signer, the header lookup with its
// client-filled fallbacks, the body bytes and the clock. What differs is only the serialization:
// a `name: value` signing string without a parameters line, `(request-target)` instead of
// derived components, a `Digest` header (RFC 3230) instead of `Content-Digest`, and one
// `Signature` (or `Authorization: Signature`) header of comma-separated parameters.

/**
 * The `algorithm` a draft-cavage signature announces: `rsa-sha256` (RSASSA-PKCS1-v1_5 SHA-256,
 * what the fediverse uses), `hmac-sha256`, or `hs2019` (the algorithm follows from the key:
 * give it as `keyAlgorithm`).
 *
 * @example
 * ```ts
 * const algorithm: CavageAlgorithm = 'rsa-sha256';
 * ```
 */
export type CavageAlgorithm = 'rsa-sha256' | 'hmac-sha256' | 'hs2019';

/**
 * Options of {@link cavageSignature}.
 *
 * @example
 * ```ts
 * const options: CavageSignatureOptions = { keyId: 'https://my.example/actor#main-key', key: pem };
 * ```
 */
export type CavageSignatureOptions = {
  /** Default `rsa-sha256`. */
  algorithm?: CavageAlgorithm;
  /** For `hs2019`: how the key signs (`ed25519`, `rsa-pss-sha512`, `ecdsa-p256-sha256`, …). */
  keyAlgorithm?: KeyAlgorithm;
  /** Signed headers in order. Default `(request-target) host date digest` (`digest` only with a body). */
  headers?: readonly string[];
  /** `signature` (a `Signature` header, the default) or `authorization` (`Authorization: Signature …`). */
  placement?: 'signature' | 'authorization';
  /** Seconds from `(created)` to `(expires)`, when `(expires)` is signed. */
  expiresIn?: number;
  /** How a string HMAC secret is turned into bytes. Default `utf8`. */
  keyEncoding?: 'utf8' | 'base64';
  /** Milliseconds since the epoch, for `Date`, `(created)`, `(expires)`. Default `Date.now`. */
  clock?: Clock;
} & ({ keyId: string; key: SigningKey } | (StoreOptions & { keyId?: string }));

const ALGORITHMS: Record<Exclude<CavageAlgorithm, 'hs2019'>, KeyAlgorithm> = {
  'rsa-sha256': 'rsa-v1_5-sha256',
  'hmac-sha256': 'hmac-sha256',
};

/**
 * A draft-cavage HTTP signature (`Signature: keyId="…",algorithm="rsa-sha256",headers="…",signature="…"`),
 * as fediverse servers (Mastodon, Misskey, …) and older payment APIs require. Adds `Date` and a
 * `Digest: SHA-256=…` of the exact body bytes when they are signed and not set. Prefer
 * {@link httpSignature} (RFC 9421) wherever the server accepts it.
 *
 * @example
 * ```ts
 * import got from 'got';
 * import { withAuth } from '@authplug/got';
 * import { cavageSignature } from '@authplug/httpsig';
 *
 * const inbox = withAuth(got.extend({}), cavageSignature({ keyId: 'https://my.example/users/me#main-key', key: pem }));
 * await inbox.post('https://mastodon.example/inbox', { json: activity });
 * ```
 */
export function cavageSignature(options: CavageSignatureOptions): AuthStrategy {
  const algorithm = options.algorithm ?? 'rsa-sha256';
  let keyAlgorithm: KeyAlgorithm;
  if (algorithm === 'hs2019') {
    if (!options.keyAlgorithm)
      throw new MissingOptionError(PKG, 'keyAlgorithm', 'hs2019 takes the algorithm from the key.');
    keyAlgorithm = options.keyAlgorithm;
  } else if (Object.hasOwn(ALGORITHMS, algorithm)) {
    keyAlgorithm = ALGORITHMS[algorithm];
  } else {
    throw new InvalidOptionError(PKG, 'algorithm', "must be 'rsa-sha256', 'hmac-sha256' or 'hs2019'.");
  }
  const prepared = prepareKey({ ...options, algorithm: keyAlgorithm });
  const { clock } = prepared;
  const listed = options.headers?.map((h) => String(h).trim().toLowerCase());
  if (
    listed &&
    (listed.length === 0 || listed.some((h) => !/^(\([a-z-]+\)|[!#$%&'*+\-.^_`|~0-9a-z]+)$/.test(h)))
  ) {
    throw new InvalidOptionError(
      PKG,
      'headers',
      'must list header names or (request-target), (created), (expires).',
    );
  }
  for (const pseudo of listed ?? []) {
    if (pseudo.startsWith('(') && !['(request-target)', '(created)', '(expires)'].includes(pseudo)) {
      throw new InvalidOptionError(PKG, 'headers', `has unknown \`${pseudo}\`.`);
    }
  }
  if (listed?.includes('(expires)') && options.expiresIn === undefined) {
    throw new MissingOptionError(PKG, 'expiresIn', 'It sets `(expires)`.');
  }
  const placement = options.placement ?? 'signature';

  const run = async (request: AuthRequest, _context: unknown, trace?: Trace) => {
    const url = parseRequestUrl(request.url, PKG);
    const headers = listed ?? [
      '(request-target)',
      'host',
      'date',
      ...(request.body.kind === 'none' ? [] : ['digest']),
    ];
    const { signer, keyId, secret } = await prepared.credentials();
    if (keyId === undefined) throw new MissingOptionError(PKG, 'keyId');
    if (keyId.includes('"'))
      throw new InvalidOptionError(PKG, 'keyId', 'cannot contain a double quote in a draft-cavage header.');
    const now = clock.now();
    const created = Math.floor(now / 1000);
    const added: Record<string, string> = {};
    if (headers.includes('date') && !request.headers.get('date')) added.Date = new Date(now).toUTCString();
    if (headers.includes('digest') && !request.headers.get('digest')) {
      added.Digest = `SHA-256=${await hash('sha256', bodyBytes(request.body), 'base64')}`;
    }
    const header = headerLookup(request, url, added);
    const lines: Param[] = headers.map((name): Param => {
      if (name === '(request-target)')
        return [name, `${request.method.toLowerCase()} ${url.pathname}${url.search}`];
      if (name === '(created)') return [name, String(created)];
      if (name === '(expires)') return [name, String(created + options.expiresIn!)];
      const value = header(name);
      if (value === undefined) throw new MissingComponentError(name, 'is not a header of this request');
      return [name, value.trim()];
    });
    const base = lines.map(([name, value]) => `${name}: ${value}`).join('\n');
    const signature = btoa(String.fromCharCode(...(await signer(base))));
    const fields = [
      `keyId="${keyId}"`,
      `algorithm="${algorithm}"`,
      ...(headers.includes('(created)') ? [`created=${created}`] : []),
      ...(headers.includes('(expires)') ? [`expires=${created + options.expiresIn!}`] : []),
      `headers="${headers.join(' ')}"`,
      `signature="${signature}"`,
    ].join(',');
    const out = {
      ...added,
      ...(placement === 'signature' ? { Signature: fields } : { Authorization: `Signature ${fields}` }),
    };
    trace?.({
      algorithm,
      params: lines,
      base: mask(base, secret, 'key'),
      key: `key (keyId ${keyId})`,
      signature,
      placement: placement === 'signature' ? 'header Signature' : 'header Authorization',
    });
    return { headers: out };
  };
  return explainable('httpsig-cavage', run);
}
