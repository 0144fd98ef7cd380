import { http, type RequestHandler } from 'msw';
import type { Emulator } from './emulator.ts';

/**
 * msw request handlers that route a provider's real origins (or the `origins` you pass, e.g.
 * a test base URL) to the emulator.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { historypinEmulator } from '@authplug/emulators';
 * import { mswHandlers } from '@authplug/emulators/msw';
 *
 * const server = setupServer(...mswHandlers(historypinEmulator()));
 * server.listen({ onUnhandledFrame: 'error' });
 * ```
 */
export function mswHandlers(
  emulator: Emulator,
  origins: readonly string[] = emulator.origins,
): RequestHandler[] {
  return origins.map((origin) =>
    http.all(`${origin.replace(/\/$/, '')}/*`, ({ request }) => emulator.fetch(request)),
  );
}
