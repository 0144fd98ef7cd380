import { performance } from 'node:perf_hooks';
import { type Approver, type ClientName, codeOf, type Progress, send } from '@authplug/cli/flows';
import { type CredentialStore, credentialKey } from '@authplug/credentials';
import { startEmulators } from '@authplug/emulators';
import type { ProviderDemo, ProviderName } from './providers/index.ts';

export interface Outcome {
  provider: ProviderName;
  client: ClientName;
  ok: boolean;
  /** What the server verified, or what went wrong (never a secret: error messages carry none). */
  detail: string;
  ms: number;
}

export interface DemoOptions {
  providers: readonly ProviderDemo[];
  clients: readonly ClientName[];
  store: CredentialStore;
  profile: string;
  /** The real APIs instead of the emulators. */
  real: boolean;
  approver: Approver;
  progress: Progress;
  /** Providers whose signing secret is replaced by a wrong one after connecting. */
  wrongSecret?: readonly ProviderName[];
}

export interface DemoResult {
  outcomes: Outcome[];
  /** The emulators' server, when they ran. */
  emulatorsUrl?: string;
}

/**
 * Starts the emulators (unless real), connects every provider (its authorization flow, grants
 * saved in `store`), then sends each provider's call through every client. Never throws for a
 * failed provider or call: the outcome says what went wrong.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { providers, clients, store, profile, real, approver, progress } = options;
  const outcomes: Outcome[] = [];
  let server: Awaited<ReturnType<typeof startEmulators>> | undefined;
  if (!real) {
    const step = progress.step('Starting the emulators');
    server = await startEmulators();
    step.succeed(`Emulators on ${server.url} (${providers.map((p) => `/${p.name}`).join(', ')})`);
  }
  try {
    const ready: { provider: ProviderDemo; strategy: Parameters<typeof send>[2]; baseURL: string }[] = [];
    for (const provider of providers) {
      const title = provider.name.padEnd(12);
      const step = progress.step(`${title} ${provider.auth}`);
      try {
        const { strategy, baseURL, summary } = await provider.setup(provider.base(server?.urls), {
          store,
          profile,
          approver,
          real,
          log: (line) => step.text(`${title} ${line.replace(/^\w+: /, '')}`),
        });
        let note = '';
        if (options.wrongSecret?.includes(provider.name)) {
          await store.update(credentialKey(provider.name, profile), (current) => ({
            ...current,
            [provider.signingSecret]: `wrong-${provider.signingSecret}`,
          }));
          note = ` (then ${provider.signingSecret} replaced by a wrong one: --wrong-secret)`;
        }
        step.succeed(`${title} ${summary}${note}`);
        ready.push({ provider, strategy, baseURL });
      } catch (error) {
        step.fail(`${title} ${describe(error)}`);
        for (const client of clients)
          outcomes.push({
            provider: provider.name,
            client,
            ok: false,
            detail: `not connected: ${describe(error)}`,
            ms: 0,
          });
      }
    }

    const total = ready.length * clients.length;
    if (total > 0) {
      const step = progress.step(`Sending ${total} signed calls`);
      let sent = 0;
      for (const { provider, strategy, baseURL } of ready) {
        const call = real ? provider.realCall : provider.call;
        for (const client of clients) {
          step.text(`Sending signed calls ${++sent}/${total}: ${provider.name} through ${client}`);
          const started = performance.now();
          try {
            const body = await send(client, baseURL, strategy, call);
            const detail = provider.summarize(body);
            const ok = !detail.startsWith('unexpected answer');
            outcomes.push({ provider: provider.name, client, ok, detail, ms: performance.now() - started });
          } catch (error) {
            outcomes.push({
              provider: provider.name,
              client,
              ok: false,
              detail: describe(error),
              ms: performance.now() - started,
            });
          }
        }
      }
      const verified = outcomes.filter((o) => o.ok).length;
      const message = `${verified} of ${total} signed calls verified ${real ? 'by the real APIs' : 'by the emulators'}`;
      if (verified === total) step.succeed(message);
      else step.fail(message);
    }
  } finally {
    await server?.close();
  }
  const order = (o: Outcome) => providers.findIndex((p) => p.name === o.provider);
  outcomes.sort((a, b) => order(a) - order(b) || clients.indexOf(a.client) - clients.indexOf(b.client));
  return { outcomes, ...(server ? { emulatorsUrl: server.url } : {}) };
}

/** An error as one line: class, authplug code, message (authplug messages never hold secrets). */
export function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = codeOf(error);
  const line = `${error.name}${code?.startsWith('AUTHPLUG_') ? ` ${code}` : ''}: ${error.message.split('\n')[0]}`;
  const answer = answerOf(error);
  return answer ? `${line} (the server said: ${answer})` : line;
}

/** What an HTTP error's body said, when the client kept it (axios `response.data`, got `response.body`, ky `data`). */
function answerOf(error: Error): string | undefined {
  const e = error as { data?: unknown; response?: { data?: unknown; body?: unknown } };
  const body = e.response?.data ?? e.data ?? e.response?.body;
  if (body === undefined || body === null || body instanceof ReadableStream) return undefined;
  const text =
    typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString() : JSON.stringify(body);
  return text.slice(0, 160);
}
