import { withAuth as withAxios } from '@authplug/axios';
import type { AuthStrategy } from '@authplug/core';
import { withAuth as withGot } from '@authplug/got';
import { withAuth as withKy } from '@authplug/ky';
import axios from 'axios';
import got from 'got';
import ky from 'ky';

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
      const api = withAxios(axios.create({ baseURL }), strategy);
      return (await api.request({ method: call.method, url: call.path, params: query, data: form })).data;
    }
    case 'ky': {
      const api = withKy(ky.create({ baseUrl: baseURL }), strategy);
      return api(call.path, { method: call.method, searchParams: query, body: form }).json();
    }
    case 'got': {
      const api = withGot(got.extend({ prefixUrl: baseURL }), strategy);
      return api(call.path, { method: call.method, searchParams: query, form: form && call.params }).json();
    }
  }
}
