import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Emulator, type RunningServer, serveFetch } from '@authplug/emulators';
import { mswHandlers } from '@authplug/emulators/msw';
import { http, passthrough } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';

/**
 * Puts an emulator where flow tests need it, for the whole test file: behind msw for the
 * provider's real origins, and on a real loopback server (msw lets loopback traffic through;
 * anything else unhandled is an error), with a temporary directory for file stores.
 * `emulator` is read on every request, so a file can swap in a fresh one between tests.
 */
export function emulatorHarness(emulator: () => Emulator): { readonly url: string; readonly dir: string } {
  const current = emulator();
  const forward = (request: Request) => emulator().fetch(request);
  const msw = setupServer(
    ...mswHandlers({ name: current.name, origins: current.origins, fetch: forward }),
    http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
  );
  let loopback: RunningServer;
  let dir = '';
  beforeAll(async () => {
    msw.listen({ onUnhandledFrame: 'error' });
    loopback = await serveFetch(forward);
    dir = await mkdtemp(join(tmpdir(), `authplug-${current.name}-`));
  });
  afterAll(async () => {
    msw.close();
    await loopback.close();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => msw.resetHandlers());
  return {
    get url() {
      return loopback.url;
    },
    get dir() {
      return dir;
    },
  };
}
