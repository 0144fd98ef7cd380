/**
 * One provider's emulator: a Fetch-API handler that answers with paths as on the provider's
 * own hosts, so it works behind msw (for the real URLs) and mounted on a loopback server.
 *
 * @example
 * ```ts
 * const emulator: Emulator = historypinEmulator();
 * const response = await emulator.fetch(new Request('https://www.historypin.org/en/api/x.json'));
 * ```
 */
export interface Emulator {
  readonly name: string;
  /** The provider's real origins, e.g. `https://www.historypin.org`: msw handlers answer for these. */
  readonly origins: readonly string[];
  fetch(request: Request): Promise<Response>;
}
