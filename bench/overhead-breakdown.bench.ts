// Where Historypin's overhead goes, per client: the adapter with a strategy that adds nothing,
// the same plus two fixed 64-character query params (a longer URL, no computation), the
// signing computation with nothing added, and the real strategy. Then ipernity's, split the same
// way into its signing and its `inspect` (which reads every answer: ipernity reports errors in the
// body, whatever the HTTP status), the part its floor does not pay. On this 2-core machine each
// step costs several times what it does in a hot loop: the network stack evicts the caches
// between requests, so in-situ figures are the ones that count.
// Both real rows carry a peer, the hand-written hook (hand-written.ts): what a user writes without
// authplug, which pays for finding, sorting and placing the parameters as authplug does.
import type { AuthStrategy } from '@authplug/core';
import { historypin } from '@authplug/historypin';
import { handWritten, historypinInline, ipernityInline } from './hand-written.ts';
import { measureInSitu } from './harness.ts';
import { HISTORYPIN, IPERNITY, strategies } from './strategies.ts';

const real = historypin(HISTORYPIN);
const path = '/en/api/user/get_edit.json';
const step = (name: string, sign: AuthStrategy['sign']) => ({
  name,
  path,
  make: (): AuthStrategy => ({ name, sign }),
});

await measureInSitu(
  [
    step('adapter only (empty signature)', async () => ({})),
    step('+ longer URL (fixed params)', async () => ({
      query: [
        ['api_key', 'e519f7e8481e2002f9874cf10ac19bfca533704746d02b98ee9f9f6baa3231d8'],
        ['api_token', '0083a327ee8f63e9f57829dc58214bd63a078c7fcd69f369d54e4fd28a7df7d3'],
      ],
    })),
    step('signing computation only', async (request, context) => {
      await real.sign(request, context);
      return {};
    }),
    {
      name: 'historypin (all of it)',
      path,
      make: () => real,
      digest: { algorithm: 'sha256', hmacKey: HISTORYPIN.apiSecret, encoding: 'hex' },
      signatureIn: { query: 'api_token' },
      peers: handWritten(
        { path },
        historypinInline(HISTORYPIN.apiKey, HISTORYPIN.apiSecret),
        real,
        'api_token',
      ),
    },
  ],
  'Historypin overhead, step by step',
);

const ipernity = strategies.find((scheme) => scheme.name === 'ipernity')!;
const { sign, inspect, explain } = ipernity.make();
await measureInSitu(
  [
    {
      ...ipernity,
      name: 'ipernity, signing only (no inspect)',
      make: () => ({ name: 'ipernity', sign, explain }),
      peers: handWritten(
        ipernity,
        ipernityInline(IPERNITY.apiKey, IPERNITY.secret, IPERNITY.authToken),
        ipernity.make(),
        'api_sig',
      ),
    },
    {
      name: 'ipernity, inspect only (empty signature)',
      path: ipernity.path,
      make: () => ({ name: 'ipernity', sign: async () => ({}), inspect }),
    },
    ipernity,
  ],
  'ipernity overhead: signing and reading answers',
);
