import { describe, expect, it, vi } from 'vitest';

// The browser and edge path: core picks WebCrypto when the runtime has no node:crypto. Loading
// the package afresh with node:crypto hidden signs through crypto.subtle only; the result must
// still be the published test-suite signature.
describe('awsSigV4 on WebCrypto', () => {
  it('reproduces get-vanilla and post-x-www-form-urlencoded without node:crypto', async () => {
    const original = process.getBuiltinModule;
    vi.resetModules();
    process.getBuiltinModule = ((id: string) =>
      id === 'node:crypto' ? undefined : original(id)) as typeof original;
    let mod: typeof import('../src/index.ts');
    try {
      mod = await import('../src/index.ts');
    } finally {
      process.getBuiltinModule = original;
    }
    const core = await import('@authplug/core');
    expect(core.nodeDigests).toBeUndefined(); // the fresh core really is the WebCrypto one
    const auth = mod.awsSigV4({
      region: 'us-east-1',
      service: 'service',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      clock: () => Date.UTC(2015, 7, 30, 12, 36, 0),
    });
    const headers = new Map([['content-type', 'application/x-www-form-urlencoded']]);
    const vanilla = await auth.sign(
      {
        method: 'GET',
        url: 'https://example.amazonaws.com/',
        headers: { get: () => undefined },
        body: { kind: 'none' },
      },
      { attempt: 0 },
    );
    expect(vanilla.headers?.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    const form = await auth.sign(
      {
        method: 'POST',
        url: 'https://example.amazonaws.com/',
        headers: { get: (name) => headers.get(name.toLowerCase()) },
        body: { kind: 'form', fields: [['Param1', 'value1']], raw: 'Param1=value1' },
      },
      { attempt: 0 },
    );
    expect(form.headers?.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a',
    );
  });
});
