import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

// `pnpm new:provider` promises output that passes the repo's checks unchanged. Proven here by
// scaffolding into a temporary workspace (the repo's shared configs, its installed tools and
// packages linked in) and running the same type check, tests and lint CI runs, untouched.

const repo = resolve(import.meta.dirname, '..');
const bin = (name: string) => join(repo, 'node_modules/.bin', name);
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'authplug-new-provider-'));
  for (const file of ['tsconfig.base.json', 'vitest.shared.ts', 'tsdown.shared.ts', 'biome.json']) {
    copyFileSync(join(repo, file), join(root, file));
  }
  // node_modules as pnpm would link it: the root's tools, the clients, and the workspace packages.
  const modules = join(root, 'node_modules');
  mkdirSync(join(modules, '@authplug'), { recursive: true });
  for (const entry of readdirSync(join(repo, 'node_modules'))) {
    if (entry !== '@authplug' && !entry.startsWith('.'))
      symlinkSync(join(repo, 'node_modules', entry), join(modules, entry));
  }
  for (const entry of ['axios', 'got', 'ky', 'msw']) {
    rmSync(join(modules, entry), { force: true });
    symlinkSync(join(repo, 'test/node_modules', entry), join(modules, entry));
  }
  for (const pkg of ['core', 'credentials', 'axios', 'ky', 'got']) {
    symlinkSync(join(repo, 'packages', pkg), join(modules, '@authplug', pkg));
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (command: string, args: string[], cwd: string) =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe', env: { ...process.env, CI: '1' } });

it('scaffolds a package that type-checks, passes its tests through axios, ky and got, and lints clean', () => {
  const out = run(
    process.execPath,
    [join(repo, 'scripts/new-provider.ts'), 'acme-music', '--root', root],
    repo,
  );
  expect(out).toContain('created packages/acme-music/src/clients.test.ts');
  const pkgDir = join(root, 'packages/acme-music');
  const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  expect(manifest).toMatchObject({
    name: '@authplug/acme-music',
    exports: { '.': { '@authplug/source': './src/index.ts' } },
    scripts: { typecheck: 'tsc -p tsconfig.json', test: 'vitest run' },
  });
  expect(readFileSync(join(root, '.changeset/acme-music-package.md'), 'utf8')).toContain(
    "'@authplug/acme-music': minor",
  );
  expect(readFileSync(join(pkgDir, 'src/strategy.ts'), 'utf8')).toContain('export function acmeMusic(');

  run(bin('tsc'), ['-p', 'tsconfig.json'], pkgDir);
  run(bin('biome'), ['ci', 'packages/acme-music'], root);
  run(bin('vitest'), ['run'], pkgDir);
  // The shared config's JSON reporter, as CI reads it.
  const report = JSON.parse(readFileSync(join(pkgDir, '.vitest/report.json'), 'utf8'));
  const { numPassedTests, numFailedTests } = report;
  expect({ numPassedTests, numFailedTests }).toEqual({ numPassedTests: 5, numFailedTests: 0 });
}, 180_000);

it('refuses a bad name and an existing package', () => {
  const fail = (name: string) => {
    try {
      run(
        process.execPath,
        [join(repo, 'scripts/new-provider.ts'), name, '--root', root, '--no-install'],
        repo,
      );
      return '';
    } catch (error) {
      return String((error as { stderr?: string }).stderr);
    }
  };
  expect(fail('Bad_Name')).toContain('usage: pnpm new:provider <name>');
  expect(fail('acme-music')).toContain('already exists');
});
