import { inspect } from 'node:util';
import { type AuthRequest, isAuthplugError, type Param, type RequestBody } from '@authplug/core';
import fc from 'fast-check';

// Generators of odd but possible requests, and the one verdict every battery applies to what
// signing them produced. Shared by the strategy, adapter and store batteries.

/** A few hundred runs per property: enough to meet each trap many times, quick on 2 cores. */
export const RUNS = { numRuns: 200 } as const;

const TRAPS = [
  '%',
  '%zz',
  '%2',
  '%25',
  '%C3%28',
  '%E2%82',
  '\uD800',
  '\uDC00',
  '😀',
  'é',
  '\u0000',
  '\u001f',
  '\u007f',
  '\r\n',
  '\t',
  ' ',
  '+',
  '&',
  '=',
  '#',
  '?',
  '/',
  ';',
  '"',
  '`',
  '<',
  "!*'()",
  'a',
  'Z',
  '0',
  '__proto__',
  'constructor',
];

/** About 10 kB of one odd unit (a lone surrogate, a NUL, `%`, an astral character, …). */
export const huge: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('a', 'é', '😀', '\uD800', '%', '\u0000', '%zz', '&='),
    fc.integer({ min: 3000, max: 10_000 }),
  )
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));

/** Short odd text: trap fragments and any code units (lone surrogates included). */
export const shortOddText: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...TRAPS), maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

/** Odd text, one time in seven about 10 kB long. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: shortOddText },
  { weight: 1, arbitrary: huge },
);

const pairs = (names: readonly string[]): fc.Arbitrary<Param[]> =>
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), oddText), oddText), { maxLength: 5 });

export const METHODS = [
  'GET',
  'get',
  'Post',
  'POST',
  'PUT',
  'patch',
  'DELETE',
  'HEAD',
  'OPTIONS',
  'M-SEARCH',
  '',
];

const CONTENT_TYPES = [
  undefined,
  '',
  'application/x-www-form-urlencoded',
  'APPLICATION/X-WWW-FORM-URLENCODED; charset=UTF-8',
  '  application/x-www-form-urlencoded',
  'application/json',
  'text/plain;charset=latin1',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  '\u0000;\uD800',
];

/** Hosts as they appear in a URL: IPv6 literals, IDN in Unicode and punycode, odd case. */
const HOSTS = [
  'example.com',
  'API.Example.COM',
  '[::1]',
  '[2001:db8::1]',
  '[::ffff:127.0.0.1]',
  'bücher.example',
  'xn--bcher-kva.example',
  '127.0.0.1',
  'localhost',
  'a.b.c.d.e.example.',
];
const USERINFO = ['', 'user@', 'user:pass@', 'us%40er:p%3Ass@', ':@', 'ü:%zz@'];
const PORTS = ['', ':', ':80', ':443', ':0', ':8080', ':65535', ':99999'];
const SCHEMES = ['https', 'http', 'HTTPS', 'Http', 'wss'];
const FRAGMENTS = ['', '#', '#top', '#a?b=c', '#%zz', '#\uD800'];

export interface RequestShape {
  /** Path segments that mean something to the scheme under test (`/api/`, `/oauth/`). */
  markers: readonly string[];
  /** Parameter names that mean something to it (its own `api_key`, `component`, …). */
  names: readonly string[];
  /** Values for those names (components, methods), mixed with odd text. */
  values?: readonly string[];
}

const encodeLoosely = (text: string, raw: boolean): string =>
  raw ? text : encodeURIComponent(text.toWellFormed());

/** An odd request as a strategy may receive it from any adapter (or a hand-written one). */
export function oddRequest(shape: RequestShape): fc.Arbitrary<AuthRequest> {
  const value = shape.values?.length ? fc.oneof(fc.constantFrom(...shape.values), oddText) : oddText;
  const named = fc.array(fc.tuple(fc.constantFrom(...shape.names), value), { maxLength: 3 });
  const segment = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('v1', 'x.json', 'doc.tags.add', 'json', '') },
    { weight: 1, arbitrary: oddText },
  );
  // Raw (unencoded) text a quarter of the time: what a hand-built URL may hold.
  const raw = fc.integer({ min: 0, max: 3 }).map((n) => n === 0);
  const path = fc
    .tuple(
      fc.constantFrom('', '/en', '/proxy/p'),
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...shape.markers) },
        { weight: 1, arbitrary: fc.constantFrom('/', '/v2/') },
      ),
      fc.array(fc.tuple(segment, raw), { minLength: 1, maxLength: 3 }),
    )
    .map(
      ([prefix, marker, segs]) => prefix + marker + segs.map(([s, raw]) => encodeLoosely(s, raw)).join('/'),
    );
  const query = fc
    .tuple(fc.array(fc.tuple(pairs(shape.names), raw), { maxLength: 2 }), named)
    .map(([groups, own]) => {
      const all = [...own, ...groups.flatMap(([p]) => p)];
      const raw = groups.some(([, r]) => r);
      return all.map(([k, v]) => `${encodeLoosely(k, raw)}=${encodeLoosely(v, raw)}`).join('&');
    });
  const url = fc
    .tuple(
      fc.constantFrom(...SCHEMES),
      fc.constantFrom(...USERINFO),
      fc.constantFrom(...HOSTS),
      fc.constantFrom(...PORTS),
      path,
      fc.option(query, { nil: undefined }),
      fc.constantFrom(...FRAGMENTS),
    )
    .map(([s, u, h, p, pa, q, f]) => `${s}://${u}${h}${p}${pa}${q === undefined ? '' : `?${q}`}${f}`);
  const contentType = fc.constantFrom(...CONTENT_TYPES);
  const body: fc.Arbitrary<RequestBody> = fc.oneof(
    fc.constant({ kind: 'none' } as const),
    fc
      .tuple(pairs(shape.names), named)
      .map(([fields, own]) => ({ kind: 'form', fields: [...own, ...fields] }) as const),
    fc
      .tuple(contentType, fc.oneof(oddText, fc.uint8Array({ maxLength: 64 })))
      .map(([type, data]) => ({ kind: 'bytes', contentType: type, data }) as const),
    fc
      .tuple(contentType, fc.boolean())
      .map(([type, stream]) => ({ kind: 'opaque', contentType: type, stream }) as const),
  );
  return fc
    .tuple(fc.oneof(fc.constantFrom(...METHODS), oddText), url, body, contentType)
    .map(([method, u, b, headerType]) => {
      const type = b.kind === 'bytes' || b.kind === 'opaque' ? b.contentType : headerType;
      return {
        method,
        url: u,
        headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? type : undefined) },
        body: b,
      };
    });
}

/** Rejects after `ms` if `promise` has not settled: a hang becomes a failure, not a stuck run. */
export async function settled<T>(promise: Promise<T>, ms = 5000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, hang]);
  } finally {
    clearTimeout(timer);
  }
}

/** Every rendering of an error a caller or a logger may see, causes included. */
export function renderings(error: unknown): string[] {
  const out: string[] = [inspect(error, { depth: null, showHidden: true })];
  try {
    out.push(JSON.stringify(error) ?? '');
  } catch {
    // A cyclic cause: inspect above already walked it.
  }
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    out.push(e.message, e.stack ?? '', String(e));
  }
  return out;
}

/**
 * The verdict on a failed signing: an AuthplugError with a stable `AUTHPLUG_*` code and a
 * message naming the package, and no secret in any rendering. Returns the problem, or undefined.
 */
export function errorProblem(error: unknown, secrets: readonly string[]): string | undefined {
  if (!isAuthplugError(error)) {
    return `raw ${(error as Error)?.name ?? typeof error}: ${(error as Error)?.message ?? String(error)}`;
  }
  if (!/^AUTHPLUG_[A-Z0-9_]+$/.test(error.code)) return `unstable code ${error.code}`;
  if (!/^(@authplug\/[a-z0-9-]+|authplug|[a-z0-9-]+ rejected)[: ]/.test(error.message)) {
    return `message names no package: ${error.message}`;
  }
  const text = renderings(error).join('\n');
  const leaked = secrets.find((s) => text.includes(s));
  return leaked ? `secret leaked in ${error.code}` : undefined;
}
