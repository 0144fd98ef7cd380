import { createHmac } from 'node:crypto';
import { Hono } from 'hono';
import { type Emulator, type EmulatorMountOptions, normalizeBasePath } from '../emulator.ts';
import { requestParams, safeEqual } from '../params.ts';
import { HISTORYPIN_TEST_ACCOUNT, type HistorypinAccount } from './accounts.ts';

/**
 * A Historypin emulator, with the accounts it accepts.
 *
 * @example
 * ```ts
 * const { accounts }: HistorypinEmulator = historypinEmulator();
 * ```
 */
export interface HistorypinEmulator extends Emulator {
  readonly accounts: readonly HistorypinAccount[];
}

/**
 * Emulates Historypin's API authentication: every request under `…/api/` must carry an
 * `api_key` the emulator knows and an `api_token` equal to the hex HMAC-SHA256, keyed with the
 * account's secret, of the sorted `key=value` pairs of all query and form parameters plus
 * `api_path`. Answers 200 with what it verified, or 401 with the reason.
 *
 * @example
 * ```ts
 * const emulator = historypinEmulator();
 * const server = await serveFetch(emulator.fetch); // `${server.url}/en/api/…`
 * ```
 */
export function historypinEmulator(
  options: { accounts?: readonly HistorypinAccount[] } & EmulatorMountOptions = {},
): HistorypinEmulator {
  const accounts = options.accounts ?? [HISTORYPIN_TEST_ACCOUNT];
  const basePath = normalizeBasePath(options.basePath);
  const root = new Hono();
  const app = basePath ? root.basePath(basePath) : root;
  app.all('*', async (c) => {
    const path = new URL(c.req.url).pathname.slice(basePath.length);
    const at = path.indexOf('/api/');
    if (at === -1) return c.json({ error: 'not_found', message: 'No /api/ in the path.' }, 404);
    let apiPath: string;
    try {
      apiPath = decodeURIComponent(path.slice(at + 5));
    } catch {
      return c.json(
        { error: 'malformed_path', message: 'The path after /api/ has a malformed escape.' },
        400,
      );
    }
    const all = await requestParams(c.req.raw);
    const tokens = all.filter(([k]) => k === 'api_token');
    const params = all.filter(([k]) => k !== 'api_token');
    const keys = params.filter(([k]) => k === 'api_key').map(([, v]) => v);
    const fail = (reason: string, message: string) => c.json({ error: reason, message }, 401);
    if (keys.length !== 1) return fail('missing_api_key', 'Send exactly one api_key.');
    const account = accounts.find((a) => a.apiKey === keys[0]);
    if (!account) return fail('unknown_api_key', 'No account has this api_key.');
    if (tokens.length !== 1) return fail('missing_api_token', 'Send exactly one api_token.');
    const base = [...params, ['api_path', apiPath] as [string, string]]
      .sort(
        ([a, x], [b, y]) =>
          Buffer.compare(Buffer.from(a), Buffer.from(b)) || Buffer.compare(Buffer.from(x), Buffer.from(y)),
      )
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const expected = createHmac('sha256', account.apiSecret).update(base).digest('hex');
    if (!safeEqual(expected, tokens[0]![1])) return fail('invalid_api_token', 'api_token does not match.');
    return c.json({ ok: true, user: account.username, method: c.req.method, api_path: apiPath, params });
  });
  return {
    name: 'historypin',
    origins: ['https://www.historypin.org'],
    basePath,
    accounts,
    fetch: async (request) => root.fetch(request),
  };
}
