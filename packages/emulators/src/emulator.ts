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
  /** The path prefix its routes live under (`''` when mounted at the root). */
  readonly basePath?: string;
  /** Answers one request as the provider would. */
  fetch(request: Request): Promise<Response>;
}

/**
 * Where an emulator's routes live on the server that serves it.
 *
 * @example
 * ```ts
 * const options: EmulatorMountOptions = { basePath: '/ipernity' }; // → /ipernity/api/…
 * ```
 */
export interface EmulatorMountOptions {
  /**
   * Path prefix for every route (default `''`: paths as on the provider's host). Links, form
   * actions and redirects the emulator renders honour it; signatures are checked against the
   * URL as received, prefix included.
   */
  readonly basePath?: string;
}

/**
 * `'ipernity/'` → `'/ipernity'`, `'/'` or `undefined` → `''`.
 *
 * @example
 * ```ts
 * normalizeBasePath('x/'); // '/x'
 * ```
 */
export function normalizeBasePath(basePath: string | undefined): string {
  const trimmed = (basePath ?? '').replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}` : '';
}
