import type { CredentialStore } from '@authplug/credentials';
import { serveFetch } from '@authplug/emulators';
import { type ClientName, send } from './clients.ts';
import type { ProviderDemo } from './providers/index.ts';

export interface Outcome {
  provider: string;
  client: ClientName;
  ok: boolean;
  detail: string;
}

/**
 * Starts each provider's emulator on loopback, connects (authorization flow where the provider
 * has one) and sends the provider's demo call through every client. Never throws for a failed
 * call: the outcome says what went wrong.
 */
export async function runDemo(
  providers: readonly ProviderDemo[],
  clients: readonly ClientName[],
  store: CredentialStore,
  log: (line: string) => void,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const provider of providers) {
    const server = await serveFetch(provider.emulator().fetch);
    log(`${provider.name}: emulator on ${server.url}`);
    try {
      const { strategy, baseURL } = await provider.setup(server.url, store, log);
      for (const client of clients) {
        try {
          const body = await send(client, baseURL, strategy, provider.call);
          outcomes.push({ provider: provider.name, client, ok: true, detail: provider.summarize(body) });
        } catch (error) {
          outcomes.push({ provider: provider.name, client, ok: false, detail: describe(error) });
        }
      }
    } catch (error) {
      for (const client of clients)
        outcomes.push({
          provider: provider.name,
          client,
          ok: false,
          detail: `setup failed: ${describe(error)}`,
        });
    } finally {
      await server.close();
    }
  }
  return outcomes;
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
}
