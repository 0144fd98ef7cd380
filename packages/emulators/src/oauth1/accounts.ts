import type { OAuth1Method } from './verify.ts';

/**
 * An application registered with an emulated OAuth 1.0a provider.
 *
 * @example
 * ```ts
 * oauth1ProviderEmulator({ name: 'x', origins: ['https://x.test'], consumers: [{ consumerKey: 'k', consumerSecret: 's' }] });
 * ```
 */
export interface OAuth1Consumer {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  /** PEM public key, for RSA-SHA1. */
  readonly publicKey?: string;
}

/**
 * An access token an emulated provider has issued.
 *
 * @example
 * ```ts
 * const token: OAuth1AccessToken = emulator.issueToken({ consumerKey: 'k', rights: ['read_profile'], userId: '1' });
 * ```
 */
export interface OAuth1AccessToken {
  readonly token: string;
  readonly tokenSecret: string;
  readonly consumerKey: string;
  readonly rights: readonly string[];
  readonly userId: string;
  /** ms since the epoch (emulator clock); none = unlimited. */
  readonly expiresAt?: number;
}

/**
 * Made-up Proofile test consumer, registered in `proofileEmulator()`.
 *
 * @example
 * ```ts
 * proofile({ ...PROOFILE_TEST_CONSUMER, token: PROOFILE_TEST_TOKEN.token, tokenSecret: PROOFILE_TEST_TOKEN.tokenSecret });
 * ```
 */
export const PROOFILE_TEST_CONSUMER: Readonly<OAuth1Consumer> = Object.freeze({
  consumerKey: 'pf-test-consumer-7c41e0',
  consumerSecret: 'pf-test-consumer-secret-93ab1d5f',
});

/**
 * The emulated Proofile user who approves authorizations.
 *
 * @example
 * ```ts
 * await api.get(`userid/${PROOFILE_TEST_USER.userId}/profile`);
 * ```
 */
export const PROOFILE_TEST_USER: Readonly<{ userId: string; nickname: string; fullname: string }> =
  Object.freeze({
    userId: '4711',
    nickname: 'tester',
    fullname: 'Tess Tester',
  });

/**
 * A seeded access token of {@link PROOFILE_TEST_CONSUMER} with all four rights.
 *
 * @example
 * ```ts
 * proofile({ ...PROOFILE_TEST_CONSUMER, token: PROOFILE_TEST_TOKEN.token, tokenSecret: PROOFILE_TEST_TOKEN.tokenSecret });
 * ```
 */
export const PROOFILE_TEST_TOKEN: Readonly<OAuth1AccessToken> = Object.freeze({
  token: 'pf-test-token-all-2b7e',
  tokenSecret: 'pf-test-token-secret-all-6d01',
  consumerKey: PROOFILE_TEST_CONSUMER.consumerKey,
  rights: Object.freeze(['read_connection', 'write_connection', 'read_profile', 'write_profile']),
  userId: PROOFILE_TEST_USER.userId,
});

/**
 * A seeded access token with no rights: only `ping` answers.
 *
 * @example
 * ```ts
 * proofile({ ...PROOFILE_TEST_CONSUMER, token: PROOFILE_PING_TOKEN.token, tokenSecret: PROOFILE_PING_TOKEN.tokenSecret }); // ping only
 * ```
 */
export const PROOFILE_PING_TOKEN: Readonly<OAuth1AccessToken> = Object.freeze({
  token: 'pf-test-token-none-91c3',
  tokenSecret: 'pf-test-token-secret-none-44fa',
  consumerKey: PROOFILE_TEST_CONSUMER.consumerKey,
  rights: Object.freeze([] as string[]),
  userId: PROOFILE_TEST_USER.userId,
});

/**
 * @example
 * ```ts
 * oauth1ProviderEmulator({ …, signatureMethods: ALL_METHODS });
 * ```
 */
export const ALL_METHODS: readonly OAuth1Method[] = ['HMAC-SHA1', 'HMAC-SHA256', 'PLAINTEXT', 'RSA-SHA1'];
