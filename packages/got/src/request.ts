import { type AuthRequest, type AuthResponse, toBody } from '@authplug/core';
import type { NormalizedOptions, Response } from 'got';

const headerValue = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : Array.isArray(value) ? value.join(', ') : String(value);

/**
 * The core request for got options as `beforeRequest` sees them: `prefixUrl` and `searchParams`
 * are already merged into `options.url`, and `form`/`json` already serialized into `options.body`.
 * Headers are copied, so the snapshot stays unsigned while the live headers get signed.
 *
 * @example
 * ```ts
 * const hook: BeforeRequestHook = async (options) => {
 *   const signature = await strategy.sign(toAuthRequest(options), { attempt: 0 });
 * };
 * ```
 */
export function toAuthRequest(options: NormalizedOptions): AuthRequest {
  const headers: Record<string, unknown> = { ...options.headers };
  const url = String(options.url);
  const hash = url.indexOf('#');
  return {
    method: options.method.toUpperCase(),
    url: hash === -1 ? url : url.slice(0, hash),
    headers: { get: (name) => headerValue(headers[name.toLowerCase()]) },
    body: toBody(options.body, headerValue(headers['content-type'])),
  };
}

/**
 * The core response view of a got response.
 *
 * @example
 * ```ts
 * const verdict = await strategy.inspect?.(toAuthResponse(response), request, { attempt: 0 });
 * ```
 */
export function toAuthResponse(response: Response): AuthResponse {
  return {
    status: response.statusCode,
    headers: { get: (name) => headerValue(response.headers[name.toLowerCase()]) },
    async text() {
      const { rawBody, body } = response;
      if (rawBody) return new TextDecoder().decode(rawBody);
      return typeof body === 'string' ? body : JSON.stringify(body);
    },
  };
}
