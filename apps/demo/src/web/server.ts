// `pnpm demo --web`: the web demo server. One loopback server for the page, the flows' callbacks
// and the ky-in-the-browser page; the four emulators on another (startEmulators), with their
// registered callback URLs pointing back here.
import { type CredentialStore, memoryStore } from '@authplug/credentials';
import { type RunningEmulators, SEEDED_APPS, serveFetch, startEmulators } from '@authplug/emulators';
import { createWebApp } from './app.ts';
import { type BrowserBundle, buildBrowserBundle } from './bundle.ts';
import { seedApps, webProviders } from './providers.ts';

export interface WebDemoOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Where the app keys are seeded and the grants saved; default a fresh memoryStore. */
  store?: CredentialStore;
}

export interface RunningWebDemo {
  /** The demo page, `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The emulators' server (their state, e.g. `emulators.emulators.ipernity.doc('1234')`). */
  readonly emulators: RunningEmulators;
  readonly store: CredentialStore;
  /** Stops both servers. */
  close(): Promise<void>;
}

/** Starts the emulators and the web demo; resolves once both listen. */
export async function startWebDemo(options: WebDemoOptions = {}): Promise<RunningWebDemo> {
  const store = options.store ?? memoryStore();
  let handler: (request: Request) => Response | Promise<Response> = () =>
    new Response('starting', { status: 503 });
  const server = await serveFetch((request) => handler(request), {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
  });
  let emulators: RunningEmulators | undefined;
  try {
    emulators = await startEmulators({
      host: options.host ?? '127.0.0.1',
      ipernity: {
        apps: [
          { ...SEEDED_APPS.ipernity.app, callbackUrl: `${server.url}/callback/ipernity` },
          SEEDED_APPS.ipernity.unsignedApp,
        ],
      },
      safecreative: {
        apps: [{ ...SEEDED_APPS.safecreative.app, bringback: `${server.url}/callback/safecreative` }],
      },
    });
    await seedApps(store, emulators);
    let bundle: Promise<BrowserBundle> | undefined;
    const app = createWebApp({
      store,
      emulators,
      providers: webProviders(store, emulators, server.url),
      bundle: () => {
        bundle ??= buildBrowserBundle();
        return bundle;
      },
    });
    handler = (request) => app.fetch(request);
  } catch (error) {
    await Promise.allSettled([server.close(), emulators?.close()]);
    throw error;
  }
  const running = emulators;
  return {
    url: server.url,
    emulators: running,
    store,
    close: async () => {
      await Promise.allSettled([server.close(), running.close()]);
    },
  };
}
