import type { AuthStrategy } from '@authplug/core';
import type { Got } from 'got';
import { authHooks } from './hooks.ts';

/**
 * Returns a got instance, extended from `instance`, that signs every request with `strategy`.
 *
 * @example
 * ```ts
 * import got from 'got';
 * import { withAuth } from '@authplug/got';
 * import { historypin } from '@authplug/historypin';
 *
 * const api = withAuth(got.extend({ prefixUrl: 'https://www.historypin.org/en/api/' }),
 *   historypin({ apiKey, apiSecret }));
 * const user = await api.get('user/get_edit.json', { searchParams: { id: 19 } }).json();
 * ```
 */
export function withAuth<T extends Got>(instance: T, strategy: AuthStrategy): T {
  return instance.extend({ hooks: authHooks(strategy) }) as T;
}
