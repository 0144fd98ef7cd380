// `pnpm new:provider <name>`: scaffolds packages/<name> as a working provider package (an MD5
// api_sig strategy over core's building blocks, documented, tested through axios, ky and got)
// plus its changeset. The output passes the repo's checks unchanged; the author then edits the
// scheme's quirks, the README and the tests. `--root <dir>` writes elsewhere (the scaffolder's
// own test uses it); `--no-install` skips the `pnpm install` that links the new package.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { running } from './pnpm.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');

/** The names one provider package uses, from its package name (`my-api`). */
export function namesOf(name: string): { pkg: string; fn: string; type: string; constant: string } {
  const words = name.split('-');
  const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);
  return {
    pkg: `@authplug/${name}`,
    fn: words[0]! + words.slice(1).map(cap).join(''),
    type: words.map(cap).join(''),
    constant: words.join('_').toUpperCase(),
  };
}

/** Every file of a new provider package, by path relative to the repo root. */
export function scaffold(name: string): Record<string, string> {
  const { pkg, fn, type, constant } = namesOf(name);
  const license = readFileSync(join(repo, 'packages/core/LICENSE'), 'utf8');
  const packageJson = {
    name: pkg,
    version: '0.0.0',
    description: `${type} request signing for axios, ky and got through @authplug adapters.`,
    keywords: ['authplug', name, 'api_sig', 'request-signing'],
    license: 'MIT',
    author: 'authplug contributors',
    repository: {
      type: 'git',
      url: 'git+https://github.com/authplug/authplug.git',
      directory: `packages/${name}`,
    },
    homepage: `https://github.com/authplug/authplug/tree/main/packages/${name}#readme`,
    bugs: { url: 'https://github.com/authplug/authplug/issues' },
    type: 'module',
    sideEffects: false,
    exports: {
      '.': { '@authplug/source': './src/index.ts', types: './dist/index.d.ts', default: './dist/index.js' },
      './package.json': './package.json',
    },
    types: './dist/index.d.ts',
    files: ['dist', 'src', '!src/**/*.test.ts'],
    engines: { node: '>=22.3' },
    publishConfig: { access: 'public' },
    scripts: {
      build: 'tsdown',
      typecheck: 'tsc -p tsconfig.json',
      test: 'vitest run',
      'check:package': 'publint --strict && attw --pack . --profile esm-only',
    },
    dependencies: { '@authplug/core': 'workspace:^', '@authplug/credentials': 'workspace:^' },
    devDependencies: {
      '@authplug/axios': 'workspace:^',
      '@authplug/got': 'workspace:^',
      '@authplug/ky': 'workspace:^',
      axios: '1.21.1',
      got: '16.1.0',
      ky: '2.1.0',
      msw: '3.0.5',
    },
  };

  const strategy = `import {
  type ApiSigScheme,
  type AuthStrategy,
  addParams,
  apiSigScheme,
  type Digests,
  explainable,
  InvalidOptionError,
  mask,
} from '@authplug/core';
import { credentialSource, type StoreOptions } from '@authplug/credentials';

const PKG = '${pkg}';

/**
 * ${type}'s member of the sorted-concatenation family: md5 of the sorted name+value pairs
 * followed by the secret. Change the quirks to the provider's (\`skip\`, \`secret: 'first'\`, …).
 *
 * @example
 * \`\`\`ts
 * ${constant}_SIG.base([['b', '2'], ['a', '1']], 's'); // 'a1b2s'
 * \`\`\`
 */
export const ${constant}_SIG: ApiSigScheme = apiSigScheme({ secret: 'last' });

/**
 * What the store holds under \`${name}/<profile>\` (and the literal options).
 *
 * @example
 * \`\`\`ts
 * await store.set('${name}/default', { apiKey: '…', secret: '…' } satisfies ${type}Credentials);
 * \`\`\`
 */
export interface ${type}Credentials {
  apiKey: string;
  secret: string;
}

/**
 * Literal credentials or \`{ store, profile }\` (read on every request), plus behaviour options.
 *
 * @example
 * \`\`\`ts
 * const options: ${type}Options = { apiKey: '…', secret: '…' };
 * \`\`\`
 */
export type ${type}Options = (${type}Credentials | StoreOptions) & {
  /** Digest implementation (default: core's node:crypto / WebCrypto pick). */
  digests?: Digests;
};

/**
 * Signs ${type} calls: adds \`api_key\` and \`api_sig\` where the request's own parameters are.
 *
 * @example
 * \`\`\`ts
 * import axios from 'axios';
 * import { withAuth } from '@authplug/axios';
 * import { ${fn} } from '${pkg}';
 *
 * const api = withAuth(axios.create({ baseURL: 'https://api.example.org/' }), ${fn}({ apiKey: 'k', secret: 's' }));
 * \`\`\`
 */
export function ${fn}(options: ${type}Options): AuthStrategy {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidOptionError(PKG, 'options', 'must be \`{ apiKey, secret }\` or \`{ store, profile? }\`.');
  }
  const credentials = credentialSource<${type}Credentials>(PKG, '${name}', options, {
    required: ['apiKey', 'secret'],
  });
  const { digests } = options;
  return explainable('${name}', async (request, _context, trace) => {
    const params = addParams(request);
    const { apiKey, secret } = await credentials();
    params.add('api_key', apiKey);
    const all = params.all();
    const sig = await ${constant}_SIG.sign(all, secret, { digests });
    params.add(${constant}_SIG.param, sig);
    trace?.({
      algorithm: ${constant}_SIG.algorithm,
      params: ${constant}_SIG.signed(all),
      base: mask(${constant}_SIG.base(all, secret), secret, 'secret'),
      key: 'secret',
      signature: sig,
      placement: \`\${params.placement} \${${constant}_SIG.param}\`,
    });
    return params.signature();
  });
}
`;

  const unitTest = `import { createHash } from 'node:crypto';
import { memoryStore } from '@authplug/credentials';
import { expect, it } from 'vitest';
import { ${fn} } from './strategy.ts';

// Expected values from node:crypto over the string the provider documents, never from the code under test.
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');
const ctx = { attempt: 0 };

it('adds api_key and api_sig to the query of a GET', async () => {
  const auth = ${fn}({ apiKey: 'k', secret: 's' });
  const signature = await auth.sign(
    { method: 'GET', url: 'https://api.example.org/x?b=2&a=1', headers: new Headers(), body: { kind: 'none' } },
    ctx,
  );
  expect(signature).toEqual({
    query: [
      ['api_key', 'k'],
      ['api_sig', md5('a1api_keykb2s')],
    ],
  });
});

it('reads a store, and needs apiKey and secret', async () => {
  const store = memoryStore({ '${name}/default': { apiKey: 'k', secret: 's' } });
  const signature = await ${fn}({ store }).sign(
    { method: 'POST', url: 'https://api.example.org/x', headers: new Headers(), body: { kind: 'form', fields: [['a', '1']] } },
    ctx,
  );
  expect(signature.form?.at(-1)).toEqual(['api_sig', md5('a1api_keyks')]);
  expect(() => ${fn}({ apiKey: 'k' } as never)).toThrow(/\`secret\`/);
});
`;

  const clientsTest = `import { createHash } from 'node:crypto';
import { withAuth as withAxios } from '@authplug/axios';
import { withAuth as withGot } from '@authplug/got';
import { withAuth as withKy } from '@authplug/ky';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ${fn} } from './strategy.ts';

// The server side written from the provider's documentation with node:crypto: it recomputes
// api_sig from what each client actually sent. Replace it with an emulator under
// packages/emulators/src/${name}/ when the provider has more to check.
const SECRET = 'test-secret';
const server = setupServer(
  http.all('https://api.${name}.test/*', async ({ request }) => {
    const params = [...new URL(request.url).searchParams];
    if (request.headers.get('content-type')?.includes('x-www-form-urlencoded')) {
      params.push(...new URLSearchParams(await request.text()));
    }
    const sig = params.find(([k]) => k === 'api_sig')?.[1];
    const base = params
      .filter(([k]) => k !== 'api_sig')
      .sort(([a, x], [b, y]) => Buffer.compare(Buffer.from(a), Buffer.from(b)) || Buffer.compare(Buffer.from(x), Buffer.from(y)))
      .map(([k, v]) => k + v)
      .join('');
    const ok = sig === createHash('md5').update(base + SECRET, 'utf8').digest('hex');
    return HttpResponse.json({ ok, method: request.method }, { status: ok ? 200 : 403 });
  }),
);
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterAll(() => server.close());

const BASE = 'https://api.${name}.test/v1/';
const auth = ${fn}({ apiKey: 'k', secret: SECRET });
const clients = {
  axios: async () => {
    const api = withAxios(axios.create({ baseURL: BASE }), auth);
    const get = await api.get('items', { params: { q: 'tea & cake' } });
    const post = await api.post('items', new URLSearchParams({ title: 'Björk' }));
    return [get.data, post.data];
  },
  ky: async () => {
    const api = withKy(ky.create({ baseUrl: BASE }), auth);
    const get = await api.get('items', { searchParams: { q: 'tea & cake' } }).json();
    const post = await api.post('items', { body: new URLSearchParams({ title: 'Björk' }) }).json();
    return [get, post];
  },
  got: async () => {
    const api = withGot(got.extend({ prefixUrl: BASE }), auth);
    const get = await api.get('items', { searchParams: { q: 'tea & cake' } }).json();
    const post = await api.post('items', { form: { title: 'Björk' } }).json();
    return [get, post];
  },
};

describe.each(Object.entries(clients))('${name} through %s', (_name, send) => {
  it('signs a GET and a form POST the way the server recomputes it', async () => {
    expect(await send()).toEqual([
      { ok: true, method: 'GET' },
      { ok: true, method: 'POST' },
    ]);
  });
});
`;

  const readme = `# ${pkg}

Sign ${type} API calls (MD5 \`api_sig\` over the sorted name+value pairs followed by the secret)
from axios, ky or got through an \`@authplug\` adapter.

\`\`\`sh
npm install ${pkg} @authplug/axios axios   # or @authplug/ky ky, @authplug/got got
\`\`\`

API reference: [\`${pkg}\`](../../docs/api/modules/_authplug_${name.replaceAll('-', '_')}.html) (built by \`pnpm docs\` from the TSDoc, examples included).

## Full example

\`\`\`ts
import axios from 'axios';
import { withAuth } from '@authplug/axios';
import { ${fn} } from '${pkg}';

const api = withAuth(axios.create({ baseURL: 'https://api.example.org/' }), ${fn}({ apiKey: '…', secret: '…' }));
await api.get('items', { params: { q: 'tea' } });
\`\`\`

## How a call is signed

- Added where the request's own parameters are (the form body of a form POST, else the query),
  each only when the request lacks it: \`api_key\` and \`api_sig\`.
- \`api_sig\` = hex MD5 of the parameters sorted by name, each as name + value, then the secret.

## Options

| option             | type                      | default           |                                               |
| ------------------ | ------------------------- | ----------------- | --------------------------------------------- |
| \`apiKey\`, \`secret\` | string                    | —                 | literal credentials (unless \`store\`)          |
| \`store\`, \`profile\` | \`CredentialStore\`, string | profile \`default\` | read \`${name}/<profile>\` on every request      |
| \`digests\`          | \`Digests\`                 | core's            | digest implementation                         |

## Runtime dependencies

- \`@authplug/core\`: the request model, \`addParams\`, the \`api_sig\` family and the digests.
- \`@authplug/credentials\`: literal or stored credentials, the same way for every strategy.
`;

  const changeset = `---
'${pkg}': minor
---

New \`${pkg}\`: \`${fn}(options)\` signs ${type} API calls (MD5 \`api_sig\`, \`api_key\`) for axios, ky and got.
`;

  return {
    [`packages/${name}/package.json`]: `${JSON.stringify(packageJson, null, 2)}\n`,
    [`packages/${name}/tsconfig.json`]:
      '{\n  "extends": "../../tsconfig.base.json",\n  "include": ["src", "test"]\n}\n',
    [`packages/${name}/tsdown.config.ts`]: "export { default } from '../../tsdown.shared.ts';\n",
    [`packages/${name}/vitest.config.ts`]: "export { default } from '../../vitest.shared.ts';\n",
    [`packages/${name}/LICENSE`]: license,
    [`packages/${name}/README.md`]: readme,
    [`packages/${name}/src/index.ts`]: `export { ${constant}_SIG, type ${type}Credentials, type ${type}Options, ${fn} } from './strategy.ts';\n`,
    [`packages/${name}/src/strategy.ts`]: strategy,
    [`packages/${name}/src/strategy.test.ts`]: unitTest,
    [`packages/${name}/src/clients.test.ts`]: clientsTest,
    [`.changeset/${name}-package.md`]: changeset,
  };
}

function main(argv: string[]): void {
  let root = repo;
  let install = true;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') root = resolve(argv[++i] ?? '.');
    else if (argv[i] === '--no-install') install = false;
    else names.push(argv[i]!);
  }
  const [name] = names;
  if (!name || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(name)) {
    console.error(
      'usage: pnpm new:provider <name>   (lower-case letters, digits and dashes, e.g. lastfm or my-api)',
    );
    process.exit(2);
  }
  if (existsSync(join(root, 'packages', name))) {
    console.error(`packages/${name} already exists: pick another name or delete it first.`);
    process.exit(1);
  }
  const files = scaffold(name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    console.log(`created ${path}`);
  }
  // Formatting through the repo's own formatter keeps the output exactly as CI wants it.
  execFileSync(join(repo, 'node_modules/.bin/biome'), ['check', '--write', `packages/${name}`], {
    cwd: root,
    stdio: 'inherit',
  });
  // Links the new package into the workspace, through the pnpm that runs us.
  if (install && root === repo && running) {
    const [command, args] = running;
    execFileSync(command, [...args, 'install'], { cwd: root, stdio: 'inherit' });
  } else if (install && root === repo) {
    console.log('\nRun `npx -y pnpm@12 install` to link the new package into the workspace.');
  }
  const { fn } = namesOf(name);
  console.log(`
Next:
  1. Set the scheme's quirks in packages/${name}/src/strategy.ts (what is skipped, where the secret goes).
  2. Replace the example server in src/clients.test.ts with the provider's documented example,
     or an emulator under packages/emulators/src/${name}/.
  3. Add rows for ${fn}() to the root README's Providers and Packages tables; edit the changeset.
  4. npx -y pnpm@12 --filter @authplug/${name} test && npx -y pnpm@12 --filter @authplug/${name} typecheck`);
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
