import { type AuthRequest, isFormContentType, toBody } from '@authplug/core';

/**
 * The core request for a ky request. `body` is ky's own copy of the body option (a string for
 * `json`, the URLSearchParams object for forms), read without touching the Request's stream;
 * a Request passed in directly with a form body is read from a clone.
 *
 * @example
 * ```ts
 * const hook: BeforeRequestHook = async ({ request, options }) => {
 *   const signature = await strategy.sign(await toAuthRequest(request, options.body), { attempt: 0 });
 * };
 * ```
 */
export async function toAuthRequest(request: Request, body: unknown): Promise<AuthRequest> {
  const contentType = request.headers.get('content-type');
  const data =
    body === undefined && request.body !== null && isFormContentType(contentType)
      ? await request.clone().text()
      : body;
  const hash = request.url.indexOf('#');
  return {
    method: request.method,
    url: hash === -1 ? request.url : request.url.slice(0, hash),
    headers: request.headers,
    body: toBody(data, contentType),
  };
}
