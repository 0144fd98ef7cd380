/**
 * A Historypin account the emulator knows.
 *
 * @example
 * ```ts
 * const emulator = historypinEmulator({ accounts: [{ apiKey: 'k', apiSecret: 's', username: 'me' }] });
 * ```
 */
export interface HistorypinAccount {
  apiKey: string;
  apiSecret: string;
  /** Shown as the account's user name in responses. */
  username: string;
}

/**
 * The seeded test account: the example key pair from Historypin's own authentication page, so
 * the published example token verifies against the emulator unchanged.
 *
 * @example
 * ```ts
 * const auth = historypin({ apiKey: HISTORYPIN_TEST_ACCOUNT.apiKey, apiSecret: HISTORYPIN_TEST_ACCOUNT.apiSecret });
 * ```
 */
export const HISTORYPIN_TEST_ACCOUNT: Readonly<HistorypinAccount> = Object.freeze({
  apiKey: 'e519f7e8481e2002f9874cf10ac19bfca533704746d02b98ee9f9f6baa3231d8',
  apiSecret: '4a37d542252bd03300a8e79131f9624c',
  username: 'tester',
});
