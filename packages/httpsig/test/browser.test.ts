import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { HTTPSIG_TEST_KEYS } from '@authplug/emulators';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureChromium } from '../../../scripts/ensure-chromium.ts';

// The strategy bundled for the browser (rolldown, platform browser) and run in Debian's
// Chromium, where only WebCrypto signs: the RFC's key texts (PKCS#1, SEC1, RSASSA-PSS PKCS#8)
// import there too, and the deterministic signatures are the RFC's.

let browser: Browser;
let results: Record<string, Record<string, string>>;

beforeAll(async () => {
  const executablePath = ensureChromium(() => {});
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({
    input: fileURLToPath(new URL('./browser-entry.ts', import.meta.url)),
    platform: 'browser',
    resolve: { conditionNames: ['@authplug/source', 'browser', 'import', 'module', 'default'] },
    logLevel: 'silent',
  });
  const { output } = await bundle.generate({
    format: 'iife',
    name: 'httpsigBrowser',
    inlineDynamicImports: true,
  });
  await bundle.close();
  browser = await chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
    timeout: 30_000,
  });
  const page = await browser.newPage();
  // A secure context, as WebCrypto requires; nothing is fetched.
  await page.route('https://httpsig.test/', (route) =>
    route.fulfill({ body: '<!doctype html>', contentType: 'text/html' }),
  );
  await page.goto('https://httpsig.test/');
  await page.addScriptTag({ content: output[0]!.code });
  const key = (id: string) => HTTPSIG_TEST_KEYS[id]!.key;
  results = await page.evaluate(
    (keys) =>
      (
        globalThis as unknown as {
          httpsigBrowser: { signAll: (k: typeof keys) => Promise<Record<string, Record<string, string>>> };
        }
      ).httpsigBrowser.signAll(keys),
    {
      ed25519: key('test-key-ed25519'),
      hmac: key('test-shared-secret'),
      rsaPss: key('test-key-rsa-pss'),
      rsa: key('test-key-rsa'),
      ecc: key('test-key-ecc-p256'),
    },
  );
}, 120_000);
afterAll(() => browser?.close());

const bytes = (signature: string) => Buffer.from(/=:([^:]*):$/.exec(signature)![1]!, 'base64');
const publicKey = (id: string) => createPublicKey(createPrivateKey(HTTPSIG_TEST_KEYS[id]!.key));

describe('httpSignature in Chromium (WebCrypto only)', () => {
  it('gives RFC 9421 B.2.5 (HMAC), B.2.6 (Ed25519) and the 4.3 RSA v1.5 signatures byte for byte', () => {
    expect(results.b25!.Signature).toBe('sig-b25=:pxcQw6G3AjtMBQjwo8XzkZf/bws5LelbaMk5rGIGtE8=:');
    expect(results.b26!.Signature).toBe(
      'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:',
    );
    expect(results.proxy!.Signature).toBe(
      'proxy_sig=:S6ZzPXSdAMOPjN/6KXfXWNO/f7V6cHm7BXYUh3YD/fRad4BCaRZxP+JH+8XY1I6+8Cy+CM5g92iHgxtRPz+MjniOaYmdkDcnL9cCpXJleXsOckpURl49GwiyUpZ10KHgOEe11sx3G2gxI8S0jnxQB+Pu68U9vVcasqOWAEObtNKKZd8tSFu7LB5YAv0RAGhB8tmpv7sFnIm9y+7X5kXQfi8NMaZaA8i2ZHwpBdg7a6CMfwnnrtflzvZdXAsD3LH2TwevU+/PBPv0B6NMNk93wUs/vfJvye+YuI87HU38lZHowtznbLVdp770I6VHR6WfgS9ddzirrswsE1w5o0LV/g==:',
    );
  });

  it('signs B.2.2 with the RSA-PSS key text and with the SEC1 P-256 key, verified by node:crypto', () => {
    const b22Base = [
      '"@authority": example.com',
      '"content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
      '"@query-param";name="Pet": dog',
      '"@signature-params": ("@authority" "content-digest" "@query-param";name="Pet");created=1618884473;keyid="test-key-rsa-pss";tag="header-example"',
    ].join('\n');
    expect(results.b22!['Content-Digest']).toBe(
      'sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
    );
    expect(
      verify(
        'sha512',
        Buffer.from(b22Base),
        { key: publicKey('test-key-rsa-pss'), padding: 6, saltLength: 64 },
        bytes(results.b22!.Signature!),
      ),
    ).toBe(true);
    const eccBase = [
      '"@method": POST',
      '"@authority": example.com',
      '"@signature-params": ("@method" "@authority");created=1618884473;keyid="test-key-ecc-p256"',
    ].join('\n');
    expect(
      verify(
        'sha256',
        Buffer.from(eccBase),
        { key: publicKey('test-key-ecc-p256'), dsaEncoding: 'ieee-p1363' },
        bytes(results.ecc!.Signature!),
      ),
    ).toBe(true);
  });
});
