import {
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { Hono } from 'hono';
import { type Emulator, type EmulatorMountOptions, normalizeBasePath } from '../emulator.ts';
import { HTTPSIG_TEST_KEYS, type HttpSigTestKey } from './keys.ts';

// A server that verifies HTTP Message Signatures (RFC 9421) the way a resource server does, with
// node:crypto and its own reading of the headers (nothing from @authplug/httpsig): it rebuilds
// the signature base from the request as received, checks `Content-Digest` against the body
// bytes, the key, the algorithm and the signature's age, and says why it refuses.

/**
 * An HTTP Message Signatures emulator, with the keys it accepts.
 *
 * @example
 * ```ts
 * const { keys }: HttpSigEmulator = httpsigEmulator();
 * ```
 */
export interface HttpSigEmulator extends Emulator {
  readonly keys: readonly HttpSigTestKey[];
}

/**
 * Options: the keys to accept (default: RFC 9421's test keys), the components every signature
 * must cover, how old `created` may be, and the server's clock.
 *
 * @example
 * ```ts
 * const options: HttpSigEmulatorOptions = { require: ['@method', '@target-uri', 'content-digest'] };
 * ```
 */
export interface HttpSigEmulatorOptions extends EmulatorMountOptions {
  keys?: readonly HttpSigTestKey[];
  /** Components every accepted signature covers (e.g. `content-digest` on requests with a body). Default none. */
  require?: readonly string[];
  /** Seconds `created` may lie in the past (and, as clock skew, in the future). Default 300. */
  maxAge?: number;
  /** The server's clock, in ms. Default `Date.now`. */
  now?: () => number;
}

interface Parsed {
  label: string;
  components: { name: string; params: [string, string | true][]; id: string }[];
  params: Map<string, string | number>;
  raw: string;
}

const DERIVED = new Set([
  '@method',
  '@target-uri',
  '@authority',
  '@scheme',
  '@request-target',
  '@path',
  '@query',
  '@query-param',
]);

/**
 * Emulates a resource server that requires RFC 9421 request signatures: the request must carry
 * `Signature-Input` and `Signature`; the emulator verifies the first signature (derived
 * components, plain header fields and `@query-param`), `Content-Digest` (sha-256 / sha-512)
 * against the body when covered, `created`/`expires` against its clock, and the `keyid`/`alg`
 * against its keys. Answers 200 with what it verified, or 401 (with `Date`) and the reason.
 *
 * @example
 * ```ts
 * const emulator = httpsigEmulator({ require: ['@method', '@target-uri'] });
 * const server = await serveFetch(emulator.fetch); // sign requests to `${server.url}/…`
 * ```
 */
export function httpsigEmulator(options: HttpSigEmulatorOptions = {}): HttpSigEmulator {
  const keys = options.keys ?? Object.values(HTTPSIG_TEST_KEYS);
  // Public keys are derived once, up front: deriving one while a request is in flight could pick
  // up OpenSSL errors other work left queued (seen under msw with axios).
  const publicKeys = new Map(
    keys
      .filter((k) => k.algorithm !== 'hmac-sha256')
      .map((k) => [k.keyId, createPublicKey(createPrivateKey(k.key))]),
  );
  const required = options.require ?? [];
  const maxAge = options.maxAge ?? 300;
  const now = options.now ?? Date.now;
  const basePath = normalizeBasePath(options.basePath);
  const root = new Hono();
  const app = basePath ? root.basePath(basePath) : root;
  app.all('*', async (c) => {
    const request = c.req.raw;
    const body = new Uint8Array(await request.clone().arrayBuffer());
    const fail = (error: string, message: string, status: 400 | 401 = 401) =>
      c.json({ error, message }, status, { date: new Date(now()).toUTCString() });
    const input = request.headers.get('signature-input');
    const signatures = request.headers.get('signature');
    if (!input || !signatures)
      return fail('missing_signature', 'Send Signature-Input and Signature headers.');
    let parsed: Parsed;
    try {
      parsed = parseSignatureInput(input);
    } catch (error) {
      return fail('malformed_signature_input', (error as Error).message, 400);
    }
    const signature = new RegExp(`(?:^|,)\\s*${escapeRegExp(parsed.label)}=:([A-Za-z0-9+/=]*):`).exec(
      signatures,
    )?.[1];
    if (signature === undefined) return fail('missing_signature', `No Signature for label ${parsed.label}.`);
    const keyId = parsed.params.get('keyid');
    const key = keys.find((k) => k.keyId === keyId);
    if (!key) return fail('unknown_key', 'keyid names no key this server knows.');
    const alg = parsed.params.get('alg');
    if (alg !== undefined && alg !== key.algorithm)
      return fail('wrong_algorithm', `This key signs with ${key.algorithm}.`);
    const created = parsed.params.get('created');
    const seconds = Math.floor(now() / 1000);
    if (typeof created !== 'number') return fail('missing_created', 'Signatures must carry created.');
    if (Math.abs(seconds - created) > maxAge)
      return fail('stale_signature', 'created is too far from the server time.');
    const expires = parsed.params.get('expires');
    if (typeof expires === 'number' && expires < seconds)
      return fail('expired_signature', 'The signature has expired.');
    const covered = parsed.components.map((component) => component.name);
    const missing = required.filter((name) => !covered.includes(name));
    if (missing.length) return fail('uncovered_component', `The signature must cover ${missing.join(', ')}.`);

    if (covered.includes('content-digest')) {
      const problem = checkContentDigest(request.headers.get('content-digest'), body);
      if (problem) return fail('content_digest_mismatch', problem);
    }
    const url = new URL(request.url);
    const lines: string[] = [];
    for (const component of parsed.components) {
      const value = componentValue(component, request, url, body);
      if (value === undefined) return fail('missing_component', `${component.id} is not in the request.`);
      lines.push(`${component.id}: ${value}`);
    }
    lines.push(`"@signature-params": ${parsed.raw}`);
    const base = lines.join('\n');
    if (!verifies(key, publicKeys.get(key.keyId), base, Buffer.from(signature, 'base64'))) {
      return fail('invalid_signature', 'The signature does not match the signature base.');
    }
    return c.json({
      ok: true,
      keyid: key.keyId,
      label: parsed.label,
      covered,
      method: request.method,
      base,
      body: new TextDecoder().decode(body),
    });
  });
  return {
    name: 'httpsig',
    origins: ['https://api.httpsig.test'],
    basePath,
    keys,
    fetch: async (request) => root.fetch(request),
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// The first member of the Signature-Input dictionary: label=("id";p=v ...);param=value...
// Kept separate from the signer's serializer on purpose: the emulator reads what was sent.
function parseSignatureInput(header: string): Parsed {
  const match =
    /^\s*([a-z*][a-z0-9_\-.*]*)=\(([^)]*)\)((?:;[a-z*][a-z0-9_\-.*]*(?:=(?:"(?:[^"\\]|\\.)*"|[^;,\s]+))?)*)/.exec(
      header,
    );
  if (!match) throw new Error('Signature-Input is not label=(components);params.');
  const [whole, label, list, paramText] = match as unknown as [string, string, string, string];
  const components: Parsed['components'] = [];
  const itemPattern = /"([^"]*)"((?:;[a-z*][a-z0-9_\-.*]*(?:="[^"]*"|=[^;\s"]+)?)*)/g;
  for (const item of list.matchAll(itemPattern)) {
    const params: [string, string | true][] = [];
    for (const p of (item[2] ?? '').matchAll(/;([a-z*][a-z0-9_\-.*]*)(?:="([^"]*)"|=([^;\s"]+))?/g)) {
      params.push([p[1]!, p[2] ?? p[3] ?? true]);
    }
    components.push({ name: item[1]!, params, id: item[0] });
  }
  const params = new Map<string, string | number>();
  for (const p of paramText.matchAll(/;([a-z*][a-z0-9_\-.*]*)(?:="((?:[^"\\]|\\.)*)"|=([^;,\s]+))?/g)) {
    params.set(p[1]!, p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : Number(p[3]));
  }
  return { label, components, params, raw: whole.slice(label.length + 1).trim() };
}

function checkContentDigest(header: string | null, body: Uint8Array): string | undefined {
  if (!header) return 'content-digest is covered but the Content-Digest header is missing.';
  let checked = 0;
  for (const [, algorithm, value] of header.matchAll(/(sha-256|sha-512)=:([A-Za-z0-9+/=]*):/g)) {
    const expected = createHash(algorithm === 'sha-256' ? 'sha256' : 'sha512')
      .update(body)
      .digest('base64');
    if (expected !== value) return `Content-Digest ${algorithm} does not match the body received.`;
    checked++;
  }
  return checked ? undefined : 'Content-Digest has no sha-256 or sha-512 digest.';
}

// RFC 9421 2.2.8: form-decoded, then re-encoded keeping only A-Z a-z 0-9 * - . _ as they are.
function queryParamEncode(text: string): string {
  let out = '';
  for (const byte of new TextEncoder().encode(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9*\-._]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function componentValue(
  component: Parsed['components'][number],
  request: Request,
  url: URL,
  body: Uint8Array,
): string | undefined {
  const { name, params } = component;
  if (DERIVED.has(name)) {
    switch (name) {
      case '@method':
        return request.method;
      case '@target-uri':
        return url.href;
      case '@authority':
        return url.host;
      case '@scheme':
        return url.protocol.replace(':', '');
      case '@request-target':
        return url.pathname + url.search;
      case '@path':
        return url.pathname;
      case '@query':
        return url.search || '?';
      default: {
        const wanted = params.find(([k]) => k === 'name')?.[1];
        const values = [...url.searchParams].filter(([k]) => queryParamEncode(k) === wanted);
        return values.length === 1 ? queryParamEncode(values[0]![1]) : undefined;
      }
    }
  }
  if (params.length) return undefined; // sf, key and bs are not emulated
  const value = request.headers.get(name);
  if (value !== null) return value.trim();
  // What the client computes and sends but a Fetch Request may not show.
  if (name === 'host') return url.host;
  if (name === 'content-length' && body.length) return String(body.length);
  return undefined;
}

function verifies(
  key: HttpSigTestKey,
  publicKey: KeyObject | undefined,
  base: string,
  signature: Buffer,
): boolean {
  const data = Buffer.from(base);
  if (key.algorithm === 'hmac-sha256') {
    const expected = createHmac('sha256', Buffer.from(key.key, 'base64')).update(data).digest();
    return expected.length === signature.length && timingSafeEqual(expected, signature);
  }
  if (!publicKey) return false;
  switch (key.algorithm) {
    case 'rsa-pss-sha512':
      return verify('sha512', data, { key: publicKey, padding: 6, saltLength: 64 }, signature);
    case 'rsa-v1_5-sha256':
      return verify('sha256', data, publicKey, signature);
    case 'ecdsa-p256-sha256':
      return verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    default:
      return verify(null, data, publicKey, signature);
  }
}
