/**
 * An application registered with the Safe Creative emulator. Keys here are made up.
 *
 * @example
 * ```ts
 * const app: SafeCreativeTestApp = { name: 'mine', sharedKey: 's', privateKey: 'p', bringback: 'http://127.0.0.1/back' };
 * ```
 */
export interface SafeCreativeTestApp {
  readonly name: string;
  /** Public key sent as `sharedkey`. */
  readonly sharedKey: string;
  /** The shared key's private key: signs authkey.create, authkey.state and key-only calls. */
  readonly privateKey: string;
  /** Where authkey.edit sends the user after they answer ("bringback" URL); none shows a page. */
  readonly bringback?: string;
}

/**
 * The emulator's default application (made-up keys in the provider's format).
 *
 * @example
 * ```ts
 * await store.set('safecreative/default', {
 *   sharedKey: SAFECREATIVE_TEST_APP.sharedKey, privateKey: SAFECREATIVE_TEST_APP.privateKey });
 * ```
 */
export const SAFECREATIVE_TEST_APP: SafeCreativeTestApp = {
  name: 'authplug test app',
  sharedKey: 'q2w3e4r5t6y7u8i9o0p1a2s3',
  privateKey: 'z9x8c7v6b5n4m3l2k1j0h9g8',
};

/**
 * The seeded shared key (public), same as `SAFECREATIVE_TEST_APP.sharedKey`.
 *
 * @example
 * ```ts
 * safecreative({ sharedKey: SAFECREATIVE_SHARED_KEY, privateKey: SAFECREATIVE_PRIVATE_KEY });
 * ```
 */
export const SAFECREATIVE_SHARED_KEY: string = SAFECREATIVE_TEST_APP.sharedKey;
/**
 * The seeded shared key's private key, same as `SAFECREATIVE_TEST_APP.privateKey`.
 *
 * @example
 * ```ts
 * safecreative({ sharedKey: SAFECREATIVE_SHARED_KEY, privateKey: SAFECREATIVE_PRIVATE_KEY });
 * ```
 */
export const SAFECREATIVE_PRIVATE_KEY: string = SAFECREATIVE_TEST_APP.privateKey;

/**
 * The user "signed in" on the emulator's authkey.edit page.
 *
 * @example
 * ```ts
 * expect(result.usercode).toBe(SAFECREATIVE_TEST_USER.usercode);
 * ```
 */
export const SAFECREATIVE_TEST_USER: { readonly usercode: string; readonly name: string } = {
  usercode: '1004150000031',
  name: 'Ada Lovelace',
};
