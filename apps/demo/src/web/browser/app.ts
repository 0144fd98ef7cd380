// The ky-and-fetch-in-the-browser page's script, bundled by rolldown (platform browser) when the
// web demo starts: ky + @authplug/ky, the browser's own fetch + @authplug/fetch, @authplug/ipernity
// (MD5 api_sig: core's JS MD5, a lazily loaded chunk) and @authplug/historypin (HMAC-SHA256
// api_token: WebCrypto). It signs real calls to the emulators, through the demo server's
// same-origin proxy, and shows what the emulators answered.
import { digests } from '@authplug/core';
import { withAuth as withFetch } from '@authplug/fetch';
import { historypin } from '@authplug/historypin';
import { ipernity } from '@authplug/ipernity';
import { withAuth } from '@authplug/ky';
import ky from 'ky';

/** What the demo server hands the page (`config.json`): the emulators' made-up test keys. */
interface BrowserConfig {
  ipernity: { apiUrl: string; apiKey: string; secret: string; authToken?: string };
  historypin: { apiUrl: string; apiKey: string; apiSecret: string };
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  answer?: unknown;
}

const $ = (id: string): HTMLElement => document.getElementById(id)!;

function show(checks: Check[]): void {
  const list = $('checks');
  list.replaceChildren(
    ...checks.map((check) => {
      const item = document.createElement('li');
      item.className = check.ok ? 'ok' : 'fail';
      item.dataset['check'] = check.name;
      const title = document.createElement('b');
      title.textContent = `${check.ok ? '✔' : '✘'} ${check.name}`;
      const detail = document.createElement('span');
      detail.textContent = ` ${check.detail}`;
      item.append(title, detail);
      if (check.answer !== undefined) {
        const pre = document.createElement('pre');
        pre.textContent = JSON.stringify(check.answer, null, 2);
        item.append(pre);
      }
      return item;
    }),
  );
}

async function attempt(name: string, run: () => Promise<Omit<Check, 'name'>>): Promise<Check> {
  try {
    return { name, ...(await run()) };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    return { name, ok: false, detail: `${e.name ?? 'Error'} ${e.code ?? ''}: ${e.message ?? String(error)}` };
  }
}

async function main(): Promise<void> {
  $('runtime').textContent =
    `digests: ${digests.runtime} (WebCrypto${globalThis.crypto?.subtle ? '' : ' missing'})`;
  const config = (await ky.get('config.json').json()) as BrowserConfig;
  // `?secret=wrong` signs with a wrong ipernity secret: the emulator must refuse it (105).
  const wrongSecret = new URLSearchParams(location.search).get('secret');
  const ip = config.ipernity;
  const ipAuth = ipernity({
    apiKey: ip.apiKey,
    secret: wrongSecret ?? ip.secret,
    ...(ip.authToken ? { authToken: ip.authToken } : {}),
  });
  const ipApi = withAuth(ky.create({ baseUrl: ip.apiUrl, retry: 0 }), ipAuth);
  const hp = config.historypin;
  const hpApi = withAuth(
    ky.create({ baseUrl: hp.apiUrl, retry: 0 }),
    historypin({ apiKey: hp.apiKey, apiSecret: hp.apiSecret }),
  );

  const checks: Check[] = [];
  checks.push(
    await attempt('ipernity test.echo (MD5 api_sig)', async () => {
      const answer = (await ipApi
        .post('test.echo/json', { body: new URLSearchParams({ text: 'café ☕ & co', n: '42' }) })
        .json()) as { api?: { status?: string }; echo?: { param?: { name: string; value: string }[] } };
      const signed = answer.echo?.param?.some((p) => p.name === 'api_sig') ?? false;
      return {
        ok: answer.api?.status === 'ok' && signed,
        detail: `emulator verified api_sig: status ${answer.api?.status}`,
        answer,
      };
    }),
  );
  if (ip.authToken) {
    checks.push(
      await attempt('ipernity doc.tags.add (token)', async () => {
        const answer = (await ipApi
          .post('doc.tags.add/json', {
            body: new URLSearchParams({ doc_id: '1234', keywords: 'from the browser' }),
          })
          .json()) as { api?: { status?: string }; doc?: { tags?: { tag?: { tag: string }[] } } };
        const tags = answer.doc?.tags?.tag?.map((t) => t.tag) ?? [];
        return { ok: tags.includes('from the browser'), detail: `tags now: ${tags.join(', ')}`, answer };
      }),
    );
  }
  checks.push(
    await attempt('historypin user/get_edit (HMAC-SHA256 api_token)', async () => {
      const answer = (await hpApi
        .get('user/get_edit.json', { searchParams: { id: '19', q: 'café ☕' } })
        .json()) as { ok?: boolean; user?: string; api_path?: string };
      return {
        ok: answer.ok === true,
        detail: `emulator verified api_token for ${answer.user} on ${answer.api_path}`,
        answer,
      };
    }),
  );
  // The same providers through the browser's own fetch, wrapped by @authplug/fetch.
  const ipFetch = withFetch(fetch, ipAuth);
  const hpFetch = withFetch(fetch, historypin({ apiKey: hp.apiKey, apiSecret: hp.apiSecret }));
  checks.push(
    await attempt('fetch: ipernity test.echo (MD5 api_sig)', async () => {
      const response = await ipFetch(`${ip.apiUrl}test.echo/json`, {
        method: 'POST',
        body: new URLSearchParams({ text: 'fetch ☕ & co' }),
      });
      const answer = (await response.json()) as { api?: { status?: string } };
      return {
        ok: answer.api?.status === 'ok',
        detail: `emulator verified api_sig: status ${answer.api?.status}`,
        answer,
      };
    }),
  );
  checks.push(
    await attempt('fetch: historypin user/get_edit (HMAC-SHA256 api_token)', async () => {
      const url = new URL('user/get_edit.json', hp.apiUrl);
      url.search = new URLSearchParams({ id: '19', q: 'café ☕' }).toString();
      const answer = (await (await hpFetch(url)).json()) as { ok?: boolean; user?: string };
      return { ok: answer.ok === true, detail: `emulator verified api_token for ${answer.user}`, answer };
    }),
  );
  checks.push(
    // A form POST whose signature goes in the URL: the body is resent from memory, not streamed.
    await attempt('fetch: historypin pin/save, form POST (api_token in the query)', async () => {
      const request = new Request(`${hp.apiUrl}pin/save.json`, {
        method: 'POST',
        body: new URLSearchParams({ caption: 'Tea at 5 ☕' }),
      });
      const response = await hpFetch(request);
      const answer = (await response.json()) as {
        ok?: boolean;
        method?: string;
        params?: [string, string][];
      };
      const signed = answer.params?.some(([k, v]) => k === 'caption' && v === 'Tea at 5 ☕') ?? false;
      return {
        ok: answer.ok === true && answer.method === 'POST' && signed,
        detail: `emulator verified api_token over the form, method ${answer.method}`,
        answer,
      };
    }),
  );
  show(checks);
  const summary = $('summary');
  const failed = checks.filter((c) => !c.ok).length;
  summary.textContent = failed ? `${failed} of ${checks.length} failed` : `all ${checks.length} verified`;
  summary.className = failed ? 'fail' : 'ok';
  document.body.dataset['done'] = failed ? 'failed' : 'verified';
}

main().catch((error: unknown) => {
  $('summary').textContent = `page error: ${(error as Error).message}`;
  $('summary').className = 'fail';
  document.body.dataset['done'] = 'error';
});
