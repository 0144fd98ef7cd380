import { http, type RequestHandler } from 'msw';
import { createEmulators, type Emulators } from './all.ts';
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

/**
 * msw handlers for all four providers' real origins (`api.ipernity.com`, `www.ipernity.com`,
 * `api.proofile.org`, `www.historypin.org`, `api.safecreative.org`, `arena.safecreative.org`),
 * answered by fresh emulators, or by the `emulators` you pass (to revoke tokens or inspect state).
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node';
 * import { createEmulators } from '@authplug/emulators';
 * import { handlers } from '@authplug/emulators/msw';
 *
 * const emulators = createEmulators();
 * const server = setupServer(...handlers(emulators));
 * server.listen({ onUnhandledFrame: 'error' });
 * ```
 */
export function handlers(emulators: Emulators = createEmulators()): RequestHandler[] {
  return Object.values(emulators).flatMap((emulator: Emulator) => mswHandlers(emulator));
}
