import { withAuth as withAxios } from '@authplug/axios';
import type { AuthStrategy } from '@authplug/core';
import { withAuth as withGot } from '@authplug/got';
import { withAuth as withKy } from '@authplug/ky';
import axios from 'axios';
import axiosRetry from 'axios-retry';
import got from 'got';
import ky from 'ky';

// One request description, sent through each client the way a user of that client would write
// it. Lets a single test table run against axios, ky and got.

export type Form =
  | { kind: 'params'; fields: [string, string][] }
  | { kind: 'string'; text: string; contentType?: string }
  | { kind: 'object'; fields: Record<string, string> };

export interface Call {
  method: 'GET' | 'POST';
  /** Relative to the base URL; may carry its own query. */
  path: string;
  /** Params given through the client's own option (axios `params`, ky/got `searchParams`). */
  params?: [string, string][];
  form?: Form;
  json?: unknown;
  retries?: number;
}

export interface Reply {
  status: number;
  data: unknown;
}

export interface ClientUnderTest {
  name: 'axios' | 'ky' | 'got';
  /** got replaces a URL's query when `searchParams` is given, so its split goes through an instance-level `searchParams` instead. */
  send(strategy: AuthStrategy, baseURL: string, call: Call): Promise<Reply>;
}

const formContentType = 'application/x-www-form-urlencoded';

export const clients: ClientUnderTest[] = [
  {
    name: 'axios',
    async send(strategy, baseURL, call) {
      const instance = withAxios(axios.create({ baseURL }), strategy);
      if (call.retries) axiosRetry(instance, { retries: call.retries, retryDelay: () => 0 });
      const { form } = call;
      const data =
        form?.kind === 'params'
          ? new URLSearchParams(form.fields)
          : form?.kind === 'string'
            ? form.text
            : form?.kind === 'object'
              ? form.fields
              : call.json;
      const contentType =
        form?.kind === 'string'
          ? (form.contentType ?? formContentType)
          : form?.kind === 'object'
            ? formContentType
            : undefined;
      const response = await instance.request({
        method: call.method,
        url: call.path,
        params: call.params ? new URLSearchParams(call.params) : undefined,
        data,
        headers: contentType ? { 'Content-Type': contentType } : undefined,
      });
      return { status: response.status, data: response.data };
    },
  },
  {
    name: 'ky',
    async send(strategy, baseUrl, call) {
      const instance = withKy(
        ky.create({ baseUrl, retry: { limit: call.retries ?? 2, delay: () => 0 } }),
        strategy,
      );
      const { form } = call;
      if (form?.kind === 'object') throw new Error('ky has no plain-object form option');
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
        headers:
          form?.kind === 'string' ? { 'content-type': form.contentType ?? formContentType } : undefined,
      });
      return { status: response.status, data: await response.json() };
    },
  },
  {
    name: 'got',
    async send(strategy, prefixUrl, call) {
      // got replaces a URL's query when `searchParams` is given, and merges instance-level with
      // request-level `searchParams`: so the URL's query goes to the instance when both are used.
      const [path, query] = call.path.split('?');
      const split = call.params !== undefined && query !== undefined;
      const base = got.extend({
        prefixUrl,
        retry: { limit: call.retries ?? 0, calculateDelay: ({ computedValue }) => (computedValue ? 1 : 0) },
        ...(split ? { searchParams: new URLSearchParams(query) } : {}),
      });
      const instance = withGot(base, strategy);
      const { form } = call;
      const options: Record<string, unknown> = { method: call.method, responseType: 'json' };
      if (call.params) options.searchParams = new URLSearchParams(call.params);
      if (form?.kind === 'object') options.form = form.fields;
      if (form?.kind === 'params') {
        options.body = new URLSearchParams(form.fields).toString();
        options.headers = { 'content-type': formContentType };
      }
      if (form?.kind === 'string') {
        options.body = form.text;
        options.headers = { 'content-type': form.contentType ?? formContentType };
      }
      if (call.json !== undefined) options.json = call.json;
      const response = await instance(split ? path! : call.path, options as never);
      return { status: response.statusCode, data: response.body };
    },
  },
];
