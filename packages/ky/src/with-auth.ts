import type { AuthStrategy } from '@authplug/core';
import { authFetch } from '@authplug/fetch';
import type { KyInstance } from 'ky';

/**
 * Returns a ky instance, extended from `instance`, that signs every request with `strategy`. The
 * instance's own `fetch` option, if any, still does the sending.
 *
 * @example
 * ```ts
 * import ky from 'ky';
 * import { withAuth } from '@authplug/ky';
 * import { historypin } from '@authplug/historypin';
 *
 * const api = withAuth(ky.create({ baseUrl: 'https://www.historypin.org/en/api/' }),
 *   historypin({ apiKey, apiSecret }));
 * const user = await api.get('user/get_edit.json', { searchParams: { id: 19 } }).json();
 * ```
 */
export function withAuth(instance: KyInstance, strategy: AuthStrategy): KyInstance {
  return instance.extend((parent) => ({ fetch: authFetch(strategy, parent.fetch) }));
}
