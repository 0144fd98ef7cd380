/**
 * An application the Last.fm emulator knows: its API key and shared secret.
 *
 * @example
 * ```ts
 * const app: LastfmTestApp = { name: 'mine', apiKey: 'k', secret: 's' };
 * ```
 */
export interface LastfmTestApp {
  readonly name: string;
  readonly apiKey: string;
  readonly secret: string;
}

/**
 * The application every Last.fm emulator accepts unless told otherwise.
 *
 * @example
 * ```ts
 * lastfm({ apiKey: LASTFM_TEST_APP.apiKey, secret: LASTFM_TEST_APP.secret });
 * ```
 */
export const LASTFM_TEST_APP: LastfmTestApp = {
  name: 'authplug test app',
  apiKey: 'b25b959554ed76058ac220b7b2e0a026',
  secret: '425b55975eed76058ac220b7b2e0a026',
};

/**
 * The user who approves authorizations on the emulator's authorize page.
 *
 * @example
 * ```ts
 * expect(session.name).toBe(LASTFM_TEST_USER);
 * ```
 */
export const LASTFM_TEST_USER = 'rj';
