import type { AuthStrategy } from '@authplug/core';
import type { Emulator } from '../emulator.ts';
import { serveFetch } from '../server.ts';
import { type Call, type ClientName, clients, type Reply } from './clients.ts';

/**
 * One request as the server received it, off the socket: method, full URL, headers (names lower
 * case) and the body as text.
 *
 * @example
 * ```ts
 * const seen: ReceivedRequest = { method: 'GET', url: 'http://127.0.0.1:4000/api/x?sig=…', headers: { host: '…' }, body: '' };
 * ```
 */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * What happened for one client: every request the server received for the call (more than one
 * when the client retried or the strategy asked for a resend), and the reply, or the error the
 * client rejected with.
 *
 * @example
 * ```ts
 * const { requests, reply, error }: ThroughClient = results.fetch;
 * ```
 */
export interface ThroughClient {
  requests: ReceivedRequest[];
  reply?: Reply;
  error?: unknown;
}

/**
 * Options for {@link sendThroughClients}.
 *
 * @example
 * ```ts
 * const options: SendThroughOptions = { emulator: myEmulator, basePath: '/api/', clients: ['ky', 'fetch'] };
 * ```
 */
export interface SendThroughOptions {
  /** Answers each request (e.g. an emulator that verifies the signature); default: 200 `{}`. */
  emulator?: Pick<Emulator, 'fetch'>;
  /** The base URL's path on the loopback server, e.g. `/api/` (default `/`). */
  basePath?: string;
  /** Which clients to send through (default: all four, in the order axios, ky, got, fetch). */
  clients?: readonly ClientName[];
}

/**
 * Sends one call, signed by `strategy`, through axios, ky, got and fetch (each with its @authplug
 * adapter) to a loopback server on 127.0.0.1, and hands back what the server received from each
 * client and what the client returned. The strategy is asked for afresh per client when it is a
 * function, so a stateful one (nonce counters) starts clean each time.
 *
 * Use it to prove a provider signs the same request the same way whatever the client: the
 * emulator (yours, or one from this package) verifies each request, and the results let a test
 * compare what was sent.
 *
 * @example
 * ```ts
 * import { sendThroughClients } from '@authplug/emulators/testing';
 *
 * const results = await sendThroughClients(() => myStrategy({ apiKey, secret }), {
 *   method: 'POST',
 *   path: 'items?a=1',
 *   form: { kind: 'params', fields: [['title', 'Tea at 5']] },
 * }, { emulator: myEmulator(), basePath: '/api/' });
 * for (const [client, { requests, reply }] of Object.entries(results)) {
 *   expect(reply?.status, client).toBe(200);
 *   expect(new URL(requests[0].url).searchParams.get('api_sig'), client).toBe(expectedSignature);
 * }
 * ```
 */
export async function sendThroughClients(
  strategy: AuthStrategy | (() => AuthStrategy),
  call: Call,
  options: SendThroughOptions = {},
): Promise<Partial<Record<ClientName, ThroughClient>>> {
  let current: ReceivedRequest[] = [];
  const server = await serveFetch(async (request) => {
    current.push(await receive(request.clone()));
    return options.emulator ? options.emulator.fetch(request) : Response.json({});
  });
  const results: Partial<Record<ClientName, ThroughClient>> = {};
  try {
    const wanted = options.clients ?? clients.map((c) => c.name);
    for (const client of clients.filter((c) => wanted.includes(c.name))) {
      current = [];
      const result: ThroughClient = { requests: current };
      const base = `${server.url}/${(options.basePath ?? '/').replace(/^\/+/, '')}`;
      try {
        result.reply = await client.send(typeof strategy === 'function' ? strategy() : strategy, base, call);
      } catch (error) {
        result.error = error;
      }
      results[client.name] = result;
    }
  } finally {
    await server.close();
  }
  return results;
}

async function receive(request: Request): Promise<ReceivedRequest> {
  return {
    method: request.method,
    url: request.url,
    headers: Object.fromEntries(request.headers),
    body: await request.text(),
  };
}
