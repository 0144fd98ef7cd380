// The OAuth 1.0a callback for a command-line login: a one-shot listener on 127.0.0.1 (random
// port) that takes the provider's redirect once and closes, so nothing stays listening.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running one-shot callback listener. */
export interface LoopbackCallback {
  /** `http://127.0.0.1:<port>/callback`: the `oauth_callback` to send. */
  readonly url: string;
  /** The callback's query, when the browser arrives (the listener is closed by then). */
  readonly received: Promise<URLSearchParams>;
  /** Stops listening (idempotent); `received` never settles afterwards. */
  close(): void;
}

const PAGE = (text: string) => `<!doctype html><meta charset="utf-8"><title>authplug</title><p>${text}</p>`;

/**
 * Listens on 127.0.0.1 for one request to `/callback`, answers it with a short page and closes.
 *
 * @example
 * ```ts
 * const callback = await loopbackCallback();
 * const flow = oauth1Flow({ ...endpoints, store, callback: callback.url });
 * const query = await callback.received;
 * ```
 */
export async function loopbackCallback(): Promise<LoopbackCallback> {
  let resolve!: (query: URLSearchParams) => void;
  const received = new Promise<URLSearchParams>((r) => {
    resolve = r;
  });
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE('Not found.'));
      return;
    }
    const denied = url.searchParams.has('denied');
    response
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' })
      .end(
        PAGE(
          denied
            ? 'Access denied. You may close this tab.'
            : 'authplug is logged in. You may close this tab.',
        ),
      );
    server.close();
    server.closeAllConnections();
    resolve(url.searchParams);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/callback`,
    received,
    close() {
      if (server.listening) server.close();
      server.closeAllConnections();
    },
  };
}
