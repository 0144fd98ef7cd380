import { type AuthRequest, isFormContentType, type RequestBody, textBody } from '@authplug/core';

// Bodies worth reading to sign (form fields) or hash (oauth_body_hash): forms and text-like
// types. Anything else (multipart, octet streams, no type) is described, not read, so a large
// upload is never buffered twice.
const TEXTUAL = /^\s*(?:text\/|application\/(?:[\w.+-]+\+)?(?:json|xml))/i;

/**
 * The core request for a `Request` about to be sent (by fetch, or by ky with its base URL, prefix and
 * `searchParams` and hooks applied): its URL without fragment, its headers, and the body read from a clone
 * when it is a form or text.
 *
 * @example
 * ```ts
 * const auth = await toAuthRequest(new Request('https://x.test/a?b=1', { method: 'POST', body: new URLSearchParams({ c: '2' }) }));
 * // { method: 'POST', url: 'https://x.test/a?b=1', body: { kind: 'form', fields: [['c', '2']] }, … }
 * ```
 */
export async function toAuthRequest(request: Request): Promise<AuthRequest> {
  // Read once: a Request serializes its URL on every read of `url`.
  const { url } = request;
  const hash = url.indexOf('#');
  return {
    method: request.method,
    url: hash === -1 ? url : url.slice(0, hash),
    headers: request.headers,
    body: await bodyOf(request),
  };
}

// A Request's body is always a stream: read from a clone when text-like, else described.
async function bodyOf(request: Request): Promise<RequestBody> {
  if (request.body === null) return { kind: 'none' };
  const contentType = request.headers.get('content-type') ?? undefined;
  if (isFormContentType(contentType) || TEXTUAL.test(contentType ?? '')) {
    return textBody(await request.clone().text(), contentType);
  }
  return { kind: 'opaque', contentType, stream: true };
}
