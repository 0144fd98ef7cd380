import type { AuthStrategy } from '@authplug/core';
import type { AxiosInstance, InternalAxiosRequestConfig } from 'axios';
import { authAdapter, isAuthAdapter } from './adapter.ts';

/**
 * A request interceptor that makes sure the request goes through a signing adapter, even when
 * the call passes its own `adapter` option. For hand composition; `withAuth` installs it.
 *
 * @example
 * ```ts
 * instance.interceptors.request.use(authInterceptor(strategy), undefined, { synchronous: true });
 * ```
 */
export function authInterceptor(
  strategy: AuthStrategy,
): (config: InternalAxiosRequestConfig) => InternalAxiosRequestConfig {
  return (config) => {
    if (!isAuthAdapter(config.adapter)) config.adapter = authAdapter(strategy, config.adapter);
    return config;
  };
}

/**
 * Makes an axios instance sign every request with `strategy`. Returns the same instance, with a
 * signing adapter as its default and an interceptor that wraps per-request adapters too.
 *
 * @example
 * ```ts
 * import axios from 'axios';
 * import { withAuth } from '@authplug/axios';
 * import { historypin } from '@authplug/historypin';
 *
 * const api = withAuth(axios.create({ baseURL: 'https://www.historypin.org/en/api/' }),
 *   historypin({ apiKey, apiSecret }));
 * const { data } = await api.get('user/get_edit.json', { params: { id: 19 } });
 * ```
 */
export function withAuth<T extends AxiosInstance>(instance: T, strategy: AuthStrategy): T {
  instance.defaults.adapter = authAdapter(strategy, instance.defaults.adapter);
  instance.interceptors.request.use(authInterceptor(strategy), undefined, { synchronous: true });
  return instance;
}
