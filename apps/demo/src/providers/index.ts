import type { AuthStrategy } from '@authplug/core';
import type { CredentialStore } from '@authplug/credentials';
import { type Emulator, historypinEmulator } from '@authplug/emulators';
import type { DemoCall } from '../clients.ts';
import { setupHistorypin } from './historypin.ts';

/** What the demo knows about one provider: its emulator, how to connect, and a call to make. */
export interface ProviderDemo {
  name: string;
  emulator(): Emulator;
  setup(
    baseUrl: string,
    store: CredentialStore,
    log: (line: string) => void,
  ): Promise<{ strategy: AuthStrategy; baseURL: string }>;
  call: DemoCall;
  /** One line saying what the emulator verified, from its answer. */
  summarize(body: unknown): string;
}

export const PROVIDERS: ProviderDemo[] = [
  {
    name: 'historypin',
    emulator: historypinEmulator,
    setup: (baseUrl, store, log) => setupHistorypin(baseUrl, store, { log }),
    call: {
      method: 'GET',
      path: 'user/get_edit.json',
      params: { id: '19', example_variable: '123', q: 'café ☕' },
    },
    summarize: (body) => {
      const b = body as { ok?: boolean; user?: string; api_path?: string };
      return b.ok
        ? `verified api_token for ${b.user} on ${b.api_path}`
        : `unexpected answer ${JSON.stringify(body)}`;
    },
  },
];
