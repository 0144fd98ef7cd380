// The three HTTP clients, each wrapped by its authplug adapter. Each client is imported when it
// is first used, so a command that sends through ky never loads axios or got.
import type { AuthStrategy, Param } from '@authplug/core';

export const CLIENTS = ['axios', 'ky', 'got'] as const;
export type ClientName = (typeof CLIENTS)[number];

/** One signed call, as the demo makes it: a GET with query params or a POST with a form. */
export interface DemoCall {
  method: 'GET' | 'POST';
  path: string;
  params: Record<string, string>;
}

/** Sends `call` through `client`, signed by `strategy`, exactly as a user of that client would. */
export async function send(
  client: ClientName,
  baseURL: string,
  strategy: AuthStrategy,
  call: DemoCall,
): Promise<unknown> {
  const form = call.method === 'POST' ? new URLSearchParams(call.params) : undefined;
  const query = call.method === 'GET' ? call.params : undefined;
  switch (client) {
    case 'axios': {
      const [{ withAuth }, { default: axios }] = await Promise.all([
        import('@authplug/axios'),
        import('axios'),
      ]);
      const api = withAuth(axios.create({ baseURL }), strategy);
      return (await api.request({ method: call.method, url: call.path, params: query, data: form })).data;
    }
    case 'ky': {
      const [{ withAuth }, { default: ky }] = await Promise.all([import('@authplug/ky'), import('ky')]);
      const api = withAuth(ky.create({ baseUrl: baseURL }), strategy);
      return api(call.path, { method: call.method, searchParams: query, body: form }).json();
    }
    case 'got': {
      const [{ withAuth }, { default: got }] = await Promise.all([import('@authplug/got'), import('got')]);
      const api = withAuth(got.extend({ prefixUrl: baseURL }), strategy);
      return api(call.path, { method: call.method, searchParams: query, form: form && call.params }).json();
    }
  }
}

/** A request for {@link sendRaw}: an absolute URL, query pairs, and at most one body. */
export interface RawRequest {
  method: string;
  url: string;
  query?: readonly Param[];
  /** A form body (`application/x-www-form-urlencoded`). */
  form?: readonly Param[];
  /** A JSON body, sent as given. */
  json?: string;
}

/** What came back, whatever the status: the CLI decides what is a failure. */
export interface RawResponse {
  status: number;
  headers: [string, string][];
  text: string;
}

/**
 * Sends one signed request through `client` and returns the answer without throwing for an HTTP
 * status (a strategy's `inspect` may still throw its typed error for a provider error).
 *
 * @example
 * ```ts
 * const { status, text } = await sendRaw('ky', strategy, { method: 'GET', url: 'https://api.example/ping' });
 * ```
 */
export async function sendRaw(
  client: ClientName,
  strategy: AuthStrategy,
  request: RawRequest,
): Promise<RawResponse> {
  const url = new URL(request.url);
  for (const [name, value] of request.query ?? []) url.searchParams.append(name, value);
  const form = request.form ? new URLSearchParams(request.form.map(([n, v]) => [n, v])) : undefined;
  const jsonHeaders = request.json !== undefined ? { 'content-type': 'application/json' } : undefined;
  const body = form ?? request.json;
  switch (client) {
    case 'axios': {
      const [{ withAuth }, { default: axios }] = await Promise.all([
        import('@authplug/axios'),
        import('axios'),
      ]);
      const api = withAuth(axios.create(), strategy);
      const answer = await api.request<string>({
        method: request.method,
        url: url.toString(),
        data: body,
        headers: jsonHeaders,
        responseType: 'text',
        transformResponse: (data: unknown) => data,
        validateStatus: () => true,
      });
      const headers = Object.entries(answer.headers).map(([k, v]) => [k, String(v)] as [string, string]);
      return { status: answer.status, headers, text: String(answer.data ?? '') };
    }
    case 'ky': {
      const [{ withAuth }, { default: ky }] = await Promise.all([import('@authplug/ky'), import('ky')]);
      const api = withAuth(ky.create({ throwHttpErrors: false, retry: 0 }), strategy);
      const answer = await api(url, { method: request.method, body, headers: jsonHeaders });
      return { status: answer.status, headers: [...answer.headers], text: await answer.text() };
    }
    case 'got': {
      const [{ withAuth }, { default: got }] = await Promise.all([import('@authplug/got'), import('got')]);
      const api = withAuth(got.extend({ throwHttpErrors: false, retry: { limit: 0 } }), strategy);
      const answer = await api(url, {
        method: request.method as 'GET',
        ...(form ? { form: Object.fromEntries(form) } : {}),
        ...(request.json !== undefined ? { body: request.json, headers: jsonHeaders } : {}),
      });
      const headers = Object.entries(answer.headers).map(([k, v]) => [k, String(v)] as [string, string]);
      return { status: answer.statusCode, headers, text: answer.body };
    }
  }
}
