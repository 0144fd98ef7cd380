// The web demo's routes: the providers page, each flow's connect and callback routes, the signed
// calls, and the ky-in-the-browser page with a same-origin proxy to the emulators.
import { type CredentialStore, redact } from '@authplug/credentials';
import type { RunningEmulators } from '@authplug/emulators';
import { Hono } from 'hono';
import { PROVIDER_NAMES, type ProviderName } from '../providers/index.ts';
import type { BrowserBundle } from './bundle.ts';
import { Html, html, layout } from './html.ts';
import { type CallResult, DeniedError, describeError, storedGrant, type WebProvider } from './providers.ts';

/** Where a provider stands on the page. */
export interface ProviderState {
  status: 'idle' | 'connected' | 'denied' | 'error';
  message?: string;
  results?: CallResult[];
}

export interface WebAppContext {
  store: CredentialStore;
  emulators: RunningEmulators;
  providers: readonly WebProvider[];
  /** The browser bundle, built once (rolldown) on first use. */
  bundle: () => Promise<BrowserBundle>;
}

export function createWebApp(ctx: WebAppContext): Hono {
  const state = new Map<ProviderName, ProviderState>(
    PROVIDER_NAMES.map((name) => [name, { status: 'idle' }]),
  );
  const byName = new Map(ctx.providers.map((p) => [p.name as string, p]));
  const app = new Hono();
  const home = (name: string) => `/#${name}`;

  app.get('/', async () => {
    const cards = await Promise.all(ctx.providers.map((p) => card(p, state.get(p.name)!, ctx.store)));
    return layout(
      'authplug web demo',
      html`<header><h1>authplug web demo</h1>
<p>Each provider's web authorization flow against the local emulators (<a href="${ctx.emulators.url}/">${ctx.emulators.url}</a>), then a signed call through axios, ky and got. Grants live in the demo's credential store; secrets are masked here.</p></header>
<main><div class="grid">${cards}</div>
<footer>Also: <a href="/browser/">ky and fetch in the browser</a>: ky + @authplug/ky, fetch + @authplug/fetch, @authplug/ipernity and @authplug/historypin bundled for the browser (WebCrypto, JS MD5), signing calls to the emulators.</footer></main>`,
    );
  });

  app.post('/connect/:name', async (c) => {
    const provider = byName.get(c.req.param('name'));
    if (!provider?.connect) return c.text('No such flow', 404);
    try {
      return c.redirect(await provider.connect(), 303);
    } catch (error) {
      state.set(provider.name, {
        status: 'error',
        message: `Starting the flow failed: ${describeError(error)}`,
      });
      return c.redirect(home(provider.name), 303);
    }
  });

  app.get('/callback/:name', async (c) => {
    const provider = byName.get(c.req.param('name'));
    if (!provider?.callback) return c.text('No such flow', 404);
    try {
      await provider.callback(new URL(c.req.url).searchParams);
    } catch (error) {
      state.set(
        provider.name,
        error instanceof DeniedError
          ? { status: 'denied', message: `Authorization denied: ${error.message}` }
          : { status: 'error', message: `Completing the flow failed: ${describeError(error)}` },
      );
      return c.redirect(home(provider.name), 303);
    }
    state.set(provider.name, { status: 'connected', results: await provider.call() });
    return c.redirect(home(provider.name), 303);
  });

  app.post('/call/:name', async (c) => {
    const provider = byName.get(c.req.param('name'));
    if (!provider) return c.text('No such provider', 404);
    const current = state.get(provider.name)!;
    state.set(provider.name, {
      status: current.status === 'idle' && !provider.connect ? 'connected' : current.status,
      results: await provider.call(),
    });
    return c.redirect(home(provider.name), 303);
  });

  // ky and fetch in the browser: the page, its bundle, its config, and a same-origin path to the emulators.
  app.get('/browser', (c) => c.redirect('/browser/', 301));
  app.get('/browser/', () =>
    layout(
      'authplug: ky and fetch in the browser',
      html`<header><h1>ky and fetch in the browser</h1>
<p>This page's script is ky + @authplug/ky, the browser's fetch + @authplug/fetch, @authplug/ipernity and @authplug/historypin, bundled by rolldown for the browser. It signs with WebCrypto (HMAC-SHA256) and core's JS MD5, and the emulators verify every call (reached through this server, same origin). <a href="/">Back to the demo</a></p></header>
<main><p id="runtime">loading…</p><p><b id="summary">running…</b></p><ul id="checks" class="checks"></ul></main>
<script type="module" src="/browser/app.js"></script>`,
    ),
  );
  app.get('/browser/config.json', async (c) => {
    const { apps } = ctx.emulators;
    const grant = (await storedGrant(ctx.store, 'ipernity')) as { authToken?: string } | undefined;
    const origin = new URL(c.req.url).origin;
    // The emulators' made-up test keys: a real application never ships a secret to a browser.
    return c.json({
      ipernity: {
        apiUrl: `${origin}/emulators/ipernity/api/`,
        apiKey: apps.ipernity.app.apiKey,
        secret: apps.ipernity.app.secret,
        ...(grant?.authToken ? { authToken: grant.authToken } : {}),
      },
      historypin: {
        apiUrl: `${origin}/emulators/historypin/en/api/`,
        apiKey: apps.historypin.account.apiKey,
        apiSecret: apps.historypin.account.apiSecret,
      },
    });
  });
  app.get('/browser/:file{[\\w.-]+\\.js}', async (c) => {
    const code = (await ctx.bundle()).get(c.req.param('file'));
    if (code === undefined) return c.text('Not found', 404);
    return c.body(code, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-store',
    });
  });
  app.all('/emulators/*', async (c) => {
    const url = new URL(c.req.url);
    const target = `${ctx.emulators.url}${url.pathname.slice('/emulators'.length)}${url.search}`;
    const headers = new Headers(c.req.raw.headers);
    for (const name of ['host', 'connection', 'content-length', 'origin', 'referer']) headers.delete(name);
    const hasBody = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    const answer = await fetch(target, {
      method: c.req.method,
      headers,
      redirect: 'manual',
      ...(hasBody ? { body: await c.req.raw.arrayBuffer() } : {}),
    });
    const out = new Headers(answer.headers);
    for (const name of ['content-encoding', 'content-length', 'transfer-encoding', 'connection'])
      out.delete(name);
    return new Response(answer.body, { status: answer.status, headers: out });
  });

  return app;
}

async function card(provider: WebProvider, state: ProviderState, store: CredentialStore): Promise<Html> {
  const badge = {
    idle: provider.connect ? 'not connected' : 'ready',
    connected: provider.connect ? 'connected' : 'called',
    denied: 'denied',
    error: 'error',
  }[state.status];
  const grant = redact(await storedGrant(store, provider.name));
  const results = state.results
    ? html`<table class="results"><thead><tr><th>client</th><th></th><th>what the emulator verified</th></tr></thead><tbody>${state.results.map(
        (r) =>
          html`<tr data-client="${r.client}" data-ok="${String(r.ok)}"><td>${r.client}</td><td class="${r.ok ? 'ok' : 'fail'}">${r.ok ? '✔' : '✘'}</td><td>${r.detail}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="flow">Not called yet.</p>`;
  const connect = provider.connect
    ? html`<form method="post" action="/connect/${provider.name}"><button type="submit">${state.status === 'connected' ? 'Connect again' : 'Connect'}</button></form>`
    : '';
  const call =
    !provider.connect || state.status === 'connected'
      ? html`<form method="post" action="/call/${provider.name}"><button type="submit" class="${provider.connect ? 'secondary' : ''}">${provider.connect ? 'Call again' : 'Call'}</button></form>`
      : '';
  return html`<section class="card" id="${provider.name}" data-provider="${provider.name}" data-status="${state.status}">
<h2>${provider.title} <span class="badge ${state.status}">${badge}</span></h2>
<p class="flow">${provider.flow}</p>
<div class="actions">${connect}${call}</div>
${state.message ? html`<p class="notice ${state.status}" role="status">${state.message}</p>` : ''}
<h3>Signed call</h3><p class="flow"><code>${provider.callLabel}</code></p>${results}
<h3>Stored grant (secrets masked)</h3><pre class="grant">${JSON.stringify(grant ?? null, null, 2)}</pre>
</section>`;
}

export { Html };
