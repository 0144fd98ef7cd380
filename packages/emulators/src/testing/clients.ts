import type { AuthStrategy } from '@authplug/core';

// One request description, sent through each HTTP client the way a user of that client writes
// it, with that client's @authplug adapter. Clients are imported on first use, so a kit user
// installs only the clients they test with.

/**
 * A form body, in the three shapes users give one: `URLSearchParams`, a string under a form
 * content type, or a plain object (axios and got serialize it; fetch takes it as
 * `new URLSearchParams(object)`; ky has no such option).
 *
 * @example
 * ```ts
 * const form: Form = { kind: 'params', fields: [['title', 'Tea at 5']] };
 * ```
 */
export type Form =
  | { kind: 'params'; fields: [string, string][] }
  | { kind: 'string'; text: string; contentType?: string }
  | { kind: 'object'; fields: Record<string, string> };

/**
 * One request, described once for every client.
 *
 * @example
 * ```ts
 * const call: Call = { method: 'POST', path: 'items?a=1', params: [['b', '2']], form: { kind: 'params', fields: [['c', '3']] } };
 * ```
 */
export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the base URL; may carry its own query. */
  path: string;
  /** Params given through the client's own option (axios `params`, ky/got `searchParams`; fetch: appended to the URL). */
  params?: [string, string][];
  form?: Form;
  json?: unknown;
  /** Extra request headers. */
  headers?: Record<string, string>;
  /** The client's own retries (ky, got; axios through axios-retry). fetch has none: it refuses a call that asks. */
  retries?: number;
}

/**
 * What the client handed back: the status and the parsed JSON body (text when not JSON).
 *
 * @example
 * ```ts
 * const reply: Reply = { status: 200, data: { ok: true } };
 * ```
 */
export interface Reply {
  status: number;
  data: unknown;
}

/** The four clients the kit drives. */
export type ClientName = 'axios' | 'ky' | 'got' | 'fetch';

/**
 * One HTTP client with its @authplug adapter. `send` rejects the way the client does on an HTTP
 * error status (axios, ky and got throw; fetch resolves).
 *
 * @example
 * ```ts
 * const reply = await clients[0].send(strategy, 'https://api.test/v1/', { method: 'GET', path: 'items' });
 * ```
 */
export interface ClientUnderTest {
  readonly name: ClientName;
  /** Whether the client retries on its own (`Call.retries`). */
  readonly retries: boolean;
  send(strategy: AuthStrategy, baseUrl: string, call: Call): Promise<Reply>;
}

const FORM = 'application/x-www-form-urlencoded';

function missing(client: string, packages: string): (error: unknown) => never {
  return (error) => {
    throw new Error(
      `@authplug/emulators/testing: sending through ${client} needs ${packages} installed (npm install -D ${packages}).`,
      { cause: error },
    );
  };
}

const formContentType = (form: Form | undefined): string | undefined =>
  form?.kind === 'string' ? (form.contentType ?? FORM) : form?.kind === 'object' ? FORM : undefined;

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

const axiosClient: ClientUnderTest = {
  name: 'axios',
  retries: true,
  async send(strategy, baseURL, call) {
    const [{ default: axios }, { withAuth }] = await Promise.all([
      import('axios'),
      import('@authplug/axios'),
    ]).catch(missing('axios', 'axios @authplug/axios'));
    const instance = withAuth(axios.create({ baseURL }), strategy);
    if (call.retries) {
      const { default: axiosRetry } = await import('axios-retry').catch(
        missing('axios with retries', 'axios-retry'),
      );
      axiosRetry(instance, { retries: call.retries, retryDelay: () => 0 });
    }
    const { form } = call;
    const data =
      form?.kind === 'params'
        ? new URLSearchParams(form.fields)
        : form?.kind === 'string'
          ? form.text
          : form?.kind === 'object'
            ? form.fields
            : call.json;
    const contentType = formContentType(form);
    const response = await instance.request({
      method: call.method,
      url: call.path,
      params: call.params ? new URLSearchParams(call.params) : undefined,
      data,
      headers: { ...call.headers, ...(contentType ? { 'Content-Type': contentType } : {}) },
    });
    return { status: response.status, data: response.data };
  },
};

const kyClient: ClientUnderTest = {
  name: 'ky',
  retries: true,
  async send(strategy, baseUrl, call) {
    const [{ default: ky }, { withAuth }] = await Promise.all([import('ky'), import('@authplug/ky')]).catch(
      missing('ky', 'ky @authplug/ky'),
    );
    const instance = withAuth(
      ky.create({ baseUrl, retry: { limit: call.retries ?? 2, delay: () => 0 } }),
      strategy,
    );
    const { form } = call;
    if (form?.kind === 'object') throw new Error('ky has no plain-object form option');
    const contentType = formContentType(form);
    const response = await instance(call.path, {
      method: call.method,
      searchParams: call.params,
      body:
        form?.kind === 'params'
          ? new URLSearchParams(form.fields)
          : form?.kind === 'string'
            ? form.text
            : undefined,
      json: call.json,
      headers: { ...call.headers, ...(contentType ? { 'content-type': contentType } : {}) },
    });
    return { status: response.status, data: await readBody(response) };
  },
};

const gotClient: ClientUnderTest = {
  name: 'got',
  retries: true,
  async send(strategy, prefixUrl, call) {
    const [{ default: got }, { withAuth }] = await Promise.all([
      import('got'),
      import('@authplug/got'),
    ]).catch(missing('got', 'got @authplug/got'));
    // got replaces a URL's query when `searchParams` is given, and merges instance-level with
    // request-level `searchParams`: so the URL's query goes to the instance when both are used.
    const [path, query] = call.path.split('?');
    const split = call.params !== undefined && query !== undefined;
    const base = got.extend({
      prefixUrl,
      retry: { limit: call.retries ?? 0, calculateDelay: ({ computedValue }) => (computedValue ? 1 : 0) },
      ...(split ? { searchParams: new URLSearchParams(query) } : {}),
    });
    const instance = withAuth(base, strategy);
    const { form } = call;
    const headers: Record<string, string> = { ...call.headers };
    const options: Record<string, unknown> = { method: call.method, responseType: 'text', headers };
    if (call.params) options['searchParams'] = new URLSearchParams(call.params);
    if (form?.kind === 'object') options['form'] = form.fields;
    if (form?.kind === 'params') options['body'] = new URLSearchParams(form.fields).toString();
    if (form?.kind === 'string') options['body'] = form.text;
    if (form?.kind === 'params') headers['content-type'] = FORM;
    if (form?.kind === 'string') headers['content-type'] = formContentType(form)!;
    if (call.json !== undefined) options['json'] = call.json;
    const response = (await instance(split ? path! : call.path, options as never)) as {
      statusCode: number;
      body: string;
    };
    return { status: response.statusCode, data: await readBody(new Response(response.body)) };
  },
};

const fetchClient: ClientUnderTest = {
  name: 'fetch',
  retries: false,
  async send(strategy, baseUrl, call) {
    const { withAuth } = await import('@authplug/fetch').catch(missing('fetch', '@authplug/fetch'));
    if (call.retries) throw new Error('fetch has no retries of its own');
    const { form } = call;
    const url = new URL(call.path, baseUrl);
    for (const [name, value] of call.params ?? []) url.searchParams.append(name, value);
    const headers: Record<string, string> = { ...call.headers };
    const contentType =
      (form?.kind === 'string' ? formContentType(form) : undefined) ??
      (call.json !== undefined ? 'application/json' : undefined);
    if (contentType) headers['content-type'] = contentType;
    const response = await withAuth(fetch, strategy)(url, {
      method: call.method,
      headers,
      body:
        form?.kind === 'params' || form?.kind === 'object'
          ? new URLSearchParams(form.fields)
          : form?.kind === 'string'
            ? form.text
            : call.json !== undefined
              ? JSON.stringify(call.json)
              : undefined,
    });
    return { status: response.status, data: await readBody(response) };
  },
};

/**
 * axios, ky, got and fetch, each with its @authplug adapter, in that order.
 *
 * @example
 * ```ts
 * import { clients } from '@authplug/emulators/testing';
 *
 * describe.each(clients)('my provider through $name', (client) => {
 *   it('is verified', async () => {
 *     const reply = await client.send(myStrategy, 'https://api.example.test/v1/', { method: 'GET', path: 'me' });
 *     expect(reply.status).toBe(200);
 *   });
 * });
 * ```
 */
export const clients: readonly ClientUnderTest[] = [axiosClient, kyClient, gotClient, fetchClient];
