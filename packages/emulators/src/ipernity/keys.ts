/**
 * An application registered with the ipernity emulator. Keys here are made up.
 *
 * @example
 * ```ts
 * const app: IpernityTestApp = { name: 'mine', apiKey: 'k', secret: 's', alwaysSign: true };
 * ```
 */
export interface IpernityTestApp {
  readonly name: string;
  readonly apiKey: string;
  readonly secret: string;
  /** The key setting "always sign": every call must carry a valid `api_sig`. */
  readonly alwaysSign: boolean;
  /** Where the web flow sends the user back with `?frob=…`. */
  readonly callbackUrl?: string;
}

/**
 * The emulator's default application: always-sign on, with a web callback URL.
 *
 * @example
 * ```ts
 * const auth = ipernity({ apiKey: IPERNITY_TEST_APP.apiKey, secret: IPERNITY_TEST_APP.secret });
 * ```
 */
export const IPERNITY_TEST_APP: IpernityTestApp = {
  name: 'authplug test app',
  apiKey: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
  secret: '0f1e2d3c4b5a6978',
  alwaysSign: true,
  callbackUrl: 'http://127.0.0.1/ipernity/callback',
};

/**
 * A second application whose key does not require signing (only token and auth.* calls must be signed).
 *
 * @example
 * ```ts
 * const auth = ipernity(IPERNITY_UNSIGNED_APP, { alwaysSign: false });
 * ```
 */
export const IPERNITY_UNSIGNED_APP: IpernityTestApp = {
  name: 'authplug unsigned app',
  apiKey: '00112233445566778899aabbccddeeff',
  secret: '8899aabbccddeeff',
  alwaysSign: false,
};

/**
 * The member "signed in" on the emulator's authorization page.
 *
 * @example
 * ```ts
 * expect(grant.user.username).toBe(IPERNITY_TEST_USER.username);
 * ```
 */
export const IPERNITY_TEST_USER: {
  readonly userId: string;
  readonly username: string;
  readonly realname: string;
} = {
  userId: '123',
  username: 'james007',
  realname: 'James Bond',
};
