import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

/**
 * A running loopback server, as {@link serveFetch} resolves it.
 *
 * @example
 * ```ts
 * const { url, close }: RunningServer = await serveFetch(emulator.fetch);
 * ```
 */
export interface RunningServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The port actually bound (a free one when 0 was asked). */
  readonly port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Serves a Fetch-API handler on loopback (port 0 = a free port). Tests and the demo use it to
 * talk to an emulator over real sockets.
 *
 * @example
 * ```ts
 * const server = await serveFetch(historypinEmulator().fetch);
 * // … requests to `${server.url}/en/api/…` …
 * await server.close();
 * ```
 */
export function serveFetch(
  fetch: (request: Request) => Promise<Response> | Response,
  { port = 0, host = '127.0.0.1' }: { port?: number; host?: string } = {},
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: host }, (info: AddressInfo) => {
      const shown = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${shown}:${info.port}`,
        port: info.port,
        close: () =>
          new Promise<void>((done, fail) => {
            (server as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close((error?: Error) => (error ? fail(error) : done()));
          }),
      });
    });
    server.once('error', reject);
  });
}
