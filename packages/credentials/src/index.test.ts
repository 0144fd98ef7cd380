import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as api from './index.ts';

const here = new URL('.', import.meta.url).pathname;

it('imports no Node built-in statically, so a browser bundle can take memoryStore', () => {
  const sources = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
  expect(sources.length).toBeGreaterThan(5);
  for (const source of sources) {
    const text = readFileSync(`${here}${source}`, 'utf8');
    expect(text, source).not.toMatch(
      /^\s*import\s+(?!type\b)[^;]*from\s+['"](node:)?(fs|path|os|crypto|child_process|util)['"]/m,
    );
    expect(text, source).not.toMatch(/\brequire\(/);
  }
});

it('works without Node built-ins (a browser): memoryStore and envStore do, fileStore says why it cannot', () => {
  const script = `
    globalThis.process.getBuiltinModule = undefined;
    const m = await import(${JSON.stringify(`${here}index.ts`)});
    const store = m.memoryStore({ 'a/b': { apiKey: 'k' } });
    const env = m.envStore({ env: { AUTHPLUG_A_API_KEY: 'e' } });
    let code;
    try { m.fileStore({ path: '/tmp/x.json' }); } catch (e) { code = e.code; }
    console.log(JSON.stringify([await store.get('a/b'), await env.get('a/default'), code]));`;
  const run = spawnSync(
    process.execPath,
    ['--conditions=@authplug/source', '--input-type=module', '-e', script],
    {
      encoding: 'utf8',
    },
  );
  expect(run.stderr).toBe('');
  expect(JSON.parse(run.stdout)).toEqual([{ apiKey: 'k' }, { apiKey: 'e' }, 'AUTHPLUG_UNSUPPORTED_RUNTIME']);
});

it('exports the stores, the helpers and every error class', () => {
  for (const name of [
    'memoryStore',
    'envStore',
    'fileStore',
    'chainStore',
    'redact',
    'isSecretField',
    'credentialSource',
    'credentialKey',
    'defaultCredentialsPath',
    'CorruptStoreError',
    'InsecurePermissionsError',
    'StoreLockedError',
    'StoreIOError',
    'ReadOnlyStoreError',
    'UnsupportedRuntimeError',
    'CredentialsNotFoundError',
    'InvalidCredentialsError',
  ]) {
    expect(api, name).toHaveProperty(name);
  }
});
