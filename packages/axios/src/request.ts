import { type AuthRequest, type HeaderReader, InvalidRequestUrlError, toBody } from '@authplug/core';
import { Axios, type InternalAxiosRequestConfig } from 'axios';

const headerReader = (headers: InternalAxiosRequestConfig['headers']): HeaderReader => ({
  get(name) {
    const value = headers.get(name);
    return value === undefined || value === null || value === false ? undefined : String(value);
  },
});

// The config reaching an adapter is already merged with the instance's defaults; an Axios with
// empty defaults builds the URL from it as axios' own adapters do, without merging the global
// defaults in again (6x cheaper than `axios.getUri`, on every request).
const uriBuilder = new Axios({});

/**
 * The core request for an axios config as its adapter receives it: `transformRequest` has run,
 * so `data` is what goes on the wire (a URLSearchParams body is already `a=1&b=x+y`), and the URL
 * is built the way axios' own adapters build it (base URL, `params`, `paramsSerializer`).
 * For custom adapters that sign by hand.
 *
 * @example
 * ```ts
 * const signature = await strategy.sign(toAuthRequest(config), { attempt: 0 });
 * ```
 */
export function toAuthRequest(config: InternalAxiosRequestConfig): AuthRequest {
  const uri = uriBuilder.getUri({
    url: config.url,
    baseURL: config.baseURL,
    params: config.params,
    paramsSerializer: config.paramsSerializer,
    allowAbsoluteUrls: config.allowAbsoluteUrls,
  });
  const hash = uri.indexOf('#');
  const url = hash === -1 ? uri : uri.slice(0, hash);
  const headers = headerReader(config.headers);
  return {
    method: (config.method ?? 'get').toUpperCase(),
    url: /^[a-z][a-z\d+\-.]*:/i.test(url) ? url : absolute(url),
    headers,
    body: toBody(config.data, headers.get('content-type')),
  };
}

// A relative URL resolves against the page in a browser; elsewhere (Node, a worker without a
// location) there is nothing to sign it against, and the URL constructor's TypeError would say so
// without saying what to do.
function absolute(url: string): string {
  const base = globalThis.location?.href;
  if (base !== undefined && URL.canParse(url, base)) return new URL(url, base).href;
  throw new InvalidRequestUrlError(
    '@authplug/axios',
    'the request URL is relative and there is no page to resolve it against: set `baseURL` on the axios instance, or pass an absolute URL.',
  );
}
