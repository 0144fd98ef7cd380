import { withAuth as withAxios } from '@authplug/axios';
import type { AuthStrategy } from '@authplug/core';
import { withAuth as withGot } from '@authplug/got';
import { withAuth as withKy } from '@authplug/ky';
import axios from 'axios';
import got from 'got';
import ky from 'ky';

/** Historypin's published example call (PROVIDERS.md section 3), and a form POST, per client. */
export const historypinCalls: {
  name: string;
  get(base: string, strategy: AuthStrategy): Promise<unknown>;
  post(base: string, strategy: AuthStrategy, form: URLSearchParams): Promise<unknown>;
}[] = [
  {
    name: 'axios',
    get: async (base, strategy) =>
      (
        await withAxios(axios.create({ baseURL: base }), strategy).get('user/get_edit.json?id=19', {
          params: { example_variable: 123 },
        })
      ).data,
    post: async (base, strategy, form) =>
      (await withAxios(axios.create({ baseURL: base }), strategy).post('pin/save.json', form)).data,
  },
  {
    name: 'ky',
    get: (base, strategy) =>
      withKy(ky.create({ baseUrl: base }), strategy)
        .get('user/get_edit.json?id=19', { searchParams: { example_variable: 123 } })
        .json(),
    post: (base, strategy, form) =>
      withKy(ky.create({ baseUrl: base }), strategy)
        .post('pin/save.json', { body: form })
        .json(),
  },
  {
    name: 'got',
    get: (base, strategy) =>
      withGot(got.extend({ prefixUrl: base }), strategy)
        .get('user/get_edit.json', { searchParams: { id: 19, example_variable: 123 } })
        .json(),
    post: (base, strategy, form) =>
      withGot(got.extend({ prefixUrl: base }), strategy)
        .post('pin/save.json', { form: Object.fromEntries(form) })
        .json(),
  },
];
