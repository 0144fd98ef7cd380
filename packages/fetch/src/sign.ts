import {
  type AuthRequest,
  type AuthResponse,
  type AuthStrategy,
  appendQuery,
  RETRY,
  type Signature,
  serializeParams,
} from '@authplug/core';
import { toAuthRequest } from './request.ts';

/** fetch's own signature: a string, a `URL` or a `Request`, and an optional init. */
export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * A `fetch` that signs every request with `strategy` before handing it to `fetch` (default: the
 * global one, looked up per call so interceptors and polyfills installed later still apply).
 * This is the signing fetch in ky's `fetch` option, with ky's calling convention: a `Request` given
 * as input is signed and sent as it is (headers are set on it), as ky hands its `fetch` a Request
 * of its own for each attempt, and `init` holds fields for fetch itself, handed on with every
 * send. Use `withAuth(fetch, strategy)` to sign calls made the way fetch is called. When the
 * strategy's `inspect` returns `RETRY`, the request is signed again and sent once more.
 *
 * Signing here rather than in ky hooks is a measured choice: ky runs each hook through its
 * timeout race and clones the response for every `afterResponse` hook, which cost several times
 * what signing does.
 *
 * @example
 * ```ts
 * const api = ky.create({ baseUrl, fetch: authFetch(strategy) });
 * ```
 */
export function authFetch(strategy: AuthStrategy, fetch?: Fetch): Fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    // When the signature changes the URL, the body is resent from memory: Chromium refuses a stream
    // upload over HTTP/1.1 ("Failed to fetch"), and a Request's body is always a stream. Only a
    // body handed over as a stream (in `init`) stays one.
    const stream = init?.body instanceof ReadableStream;
    const auth = await toAuthRequest(request);
    // The global fetch takes a URL and init and builds its one Request from them (handing it a
    // Request would construct one twice: ~5 µs per call, measured). A custom fetch given to ky
    // expects the Request ky always passes, so it gets one, with ky's own second argument.
    const send = (target: Signed) =>
      target instanceof Request
        ? (fetch ?? globalThis.fetch)(target, init)
        : fetch
          ? fetch(new Request(target.url, target.init), init)
          : globalThis.fetch(target.url, { ...init, ...target.init });
    // A body can be sent once; keep a copy only when an auth retry may need to send it again.
    const spare = strategy.inspect && request.body !== null ? request.clone() : undefined;
    let from = request;
    return exchange(strategy, auth, async (signature) => {
      const target = await apply(from, auth, signature, stream);
      from = spare ?? request;
      return send(target);
    });
  };
}

/**
 * Signs `auth` and sends it; when the strategy's `inspect` says `RETRY`, signs it afresh and sends
 * it once more. `send` applies a signature and sends the result.
 */
export async function exchange(
  strategy: AuthStrategy,
  auth: AuthRequest,
  send: (signature: Signature) => Promise<Response>,
): Promise<Response> {
  let response = await send(await strategy.sign(auth, { attempt: 0 }));
  if (!strategy.inspect) return response;
  const verdict = await strategy.inspect(view(response), auth, { attempt: 0 });
  if (verdict === RETRY) {
    await response.body?.cancel();
    response = await send(await strategy.sign(auth, { attempt: 1 }));
    await strategy.inspect(view(response), auth, { attempt: 1 });
  }
  return response;
}

function view(response: Response): AuthResponse {
  let text: Promise<string> | undefined;
  // Cloned only if the strategy reads the body: the caller still gets it unread.
  return {
    status: response.status,
    headers: response.headers,
    text: () => (text ??= response.clone().text()),
  };
}

/** What to send: the request itself, or a URL and the init to build the signed request from. */
type Signed = Request | { url: string; init: RequestInit };

/**
 * Applies a signature. Headers are set on `request` in place (it is never the caller's own):
 * headers only → `request` itself; a URL or form change → the signed URL with an init rebuilt
 * from `request`, headers included, and its body: the signed form, its bytes read into memory,
 * or, when it was handed over as one, its stream.
 */
async function apply(
  request: Request,
  auth: AuthRequest,
  signature: Signature,
  stream: boolean,
): Promise<Signed> {
  const { headers } = request;
  for (const [name, value] of Object.entries(signature.headers ?? {})) headers.set(name, value);
  // Nothing added to the URL or body: the request goes as it is.
  if (!signature.form?.length && !signature.query?.length) return request;
  const url = appendQuery(auth.url, signature.query ?? []);
  let body: BodyInit | null = request.body;
  if (signature.form?.length) {
    const fields = auth.body.kind === 'form' ? serializeParams(auth.body.fields) : '';
    const added = serializeParams(signature.form);
    if (!fields) headers.set('content-type', 'application/x-www-form-urlencoded');
    body = fields ? `${fields}&${added}` : added;
  } else if (body && !stream) {
    body = await request.blob();
  }
  return { url, init: { ...requestInit(request), body, duplex: 'half' } as RequestInit };
}

/** The init fields a Request holds beside method, headers, body and signal, with their defaults. */
export const INIT_DEFAULTS = {
  credentials: 'same-origin',
  redirect: 'follow',
  mode: 'cors',
  cache: 'default',
  referrerPolicy: '',
  referrer: 'about:client',
  integrity: '',
  keepalive: false,
} as const;

/**
 * The init that recreates `request` at another URL. Only fields that differ from the defaults
 * are passed: each one costs a WebIDL conversion in the Request constructor, and passing the
 * Request itself as the init costs about three times as much (measured in bench/).
 */
function requestInit(request: Request): RequestInit {
  const init: Record<string, unknown> = {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
  };
  for (const [name, fallback] of Object.entries(INIT_DEFAULTS)) {
    const value = request[name as keyof typeof INIT_DEFAULTS];
    if (value !== fallback) init[name] = value;
  }
  return init as RequestInit;
}
