// `pnpm smoke`: the published packages as a new user gets them. Packs every public package under
// packages/* (found by reading the folder, so a new package is covered the day it lands), installs
// the tarballs with plain npm into a throw-away project under the OS temp dir (no workspace
// links), next to the clients their peer ranges name. Then:
//   1. type-checks a user file under TypeScript 5 with `nodenext` and with `bundler` resolution
//      (skipLibCheck off): every package's every export path, plus scripts/consumer/smoke.ts;
//   2. runs smoke.ts under Node: a signed call per client and strategy, verified by the emulators;
//   3. runs it under Bun and Deno (the project's own devDependencies, installed from npm);
//   4. installs the lowest version of every peer range in a second project and runs it again.
// Needs the npm registry (or npm's cache) and nothing else. `--keep` keeps the temp dir;
// `--only=node` (or `node,bun`) runs fewer runtimes; `--no-peer-low` skips step 4;
// `--node=<path>` runs the consumer under another Node (CI's Node 22).

import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const keep = args.includes('--keep');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice(7)
  .split(',');
const runtimes = (only ?? ['node', 'bun', 'deno']) as ('node' | 'bun' | 'deno')[];
const peerLow = !args.includes('--no-peer-low');
// The Node that runs the consumer: this one (the workspace's Node 24) unless CI names another.
const nodeBin = args.find((a) => a.startsWith('--node='))?.slice(7) || process.execPath;
// npm and the .bin shims are .cmd files on Windows, which only a shell runs.
const shell = process.platform === 'win32';
// TypeScript 5, the major most users compile with (the workspace itself is on 7).
const TYPESCRIPT_5 = '5.9.3';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: Record<string, unknown>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

function run(command: string, argv: string[], cwd: string, env: NodeJS.ProcessEnv = {}, quiet = false): void {
  console.log(`smoke $ ${[command === pnpm[0] ? 'pnpm' : command.split('/').pop(), ...argv].join(' ')}`);
  const result = spawnSync(command, argv, {
    cwd,
    // Quiet steps (pack lists every file) show their output only when they fail.
    stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    encoding: 'utf8',
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', ...env },
    shell,
    // A process that never exits (an open handle) fails the run instead of stalling CI.
    timeout: 300_000,
  });
  if (result.status !== 0 && quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.status !== 0)
    throw new Error(`smoke: \`${command} ${argv.join(' ')}\` failed (${result.status ?? result.signal})`);
}

const packages = readdirSync(join(root, 'packages'))
  .sort()
  .map((name) => ({ dir: join(root, 'packages', name) }))
  .filter(({ dir }) => existsSync(join(dir, 'package.json')))
  .map(({ dir }) => ({ dir, manifest: readJson<Manifest>(join(dir, 'package.json')) }))
  .filter(({ manifest }) => !manifest.private);

// Every client a package plugs into, at the version the workspace tests (current) and at the
// bottom of the range it claims (low).
const peers = new Map<string, { current: string; low: string }>();
const newer = (a: string, b: string): boolean => {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (x![i] !== y![i]) return (x![i] ?? 0) > (y![i] ?? 0);
  return false;
};
for (const { manifest } of packages) {
  for (const [peer, range] of Object.entries(manifest.peerDependencies ?? {})) {
    if (peer.startsWith('@authplug/')) continue;
    const current = manifest.devDependencies?.[peer] ?? range;
    const low = /\d+\.\d+\.\d+/.exec(range)?.[0] ?? current;
    // One project installs every package, so the bottom it can use is the highest of the bottoms.
    const seen = peers.get(peer);
    if (!seen || newer(low, seen.low)) peers.set(peer, { current, low });
  }
}

// Every export path of every package, so each package's published entry is loaded and type-checked.
const entries = packages.flatMap(({ manifest }) =>
  Object.keys(manifest.exports ?? { '.': '' })
    .filter((sub) => sub !== './package.json' && !sub.includes('*'))
    .map((sub) => (sub === '.' ? manifest.name : `${manifest.name}/${sub.slice(2)}`)),
);
// Entry points not loaded under Deno, and why (printed with every run).
const DENO_SKIPS: Record<string, string> = {
  '@authplug/emulators/msw':
    'msw 3 keeps the Deno process alive once imported (it never exits); the msw handlers are a Node test helper',
};

function writeEntries(file: string, list: readonly string[]): void {
  const imports = list.map((e, i) => `import * as m${i} from '${e}';`).join('\n');
  const table = list.map((e, i) => `  '${e}': m${i},`).join('\n');
  writeFileSync(
    file,
    `${imports}\n\nconst modules: Record<string, object> = {\n${table}\n};\n` +
      'for (const [name, exports] of Object.entries(modules)) {\n' +
      "  if (Object.keys(exports).length === 0) throw new Error(name + ' exports nothing');\n" +
      "}\nconsole.log('smoke: ' + Object.keys(modules).length + ' entry points load');\n",
  );
}

const dir = mkdtempSync(join(tmpdir(), 'authplug-consumer-'));
const packs = join(dir, 'packs');
let ok = false;
try {
  run(pnpm[0], [...pnpm[1], 'exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], root);
  const tarballs: Record<string, string> = {};
  for (const { dir: pkgDir, manifest } of packages) {
    const before = new Set(existsSync(packs) ? readdirSync(packs) : []);
    run(pnpm[0], [...pnpm[1], 'pack', '--pack-destination', packs], pkgDir, {}, true);
    const made = readdirSync(packs).find((f) => f.endsWith('.tgz') && !before.has(f));
    if (!made) throw new Error(`smoke: pnpm pack made no tarball for ${manifest.name}`);
    tarballs[manifest.name] = `file:${join(packs, made)}`;
  }

  const consumer = (name: string, clientVersion: (peer: string) => string): string => {
    const project = join(dir, name);
    mkdirSync(project);
    const dependencies: Record<string, string> = { ...tarballs };
    for (const peer of peers.keys()) dependencies[peer] = clientVersion(peer);
    writeFileSync(
      join(project, 'package.json'),
      `${JSON.stringify({ name: `authplug-${name}`, private: true, type: 'module', dependencies, devDependencies: { typescript: TYPESCRIPT_5, '@types/node': readJson<Manifest>(join(root, 'package.json')).devDependencies?.['@types/node'] ?? '24' } }, null, 2)}\n`,
    );
    // Deno reads package.json but keeps its own node_modules layout unless told to use npm's.
    writeFileSync(join(project, 'deno.json'), `${JSON.stringify({ nodeModulesDir: 'manual' })}\n`);
    copyFileSync(join(root, 'scripts', 'consumer', 'smoke.ts'), join(project, 'smoke.ts'));
    writeEntries(join(project, 'entries.ts'), entries);
    writeEntries(
      join(project, 'entries.deno.ts'),
      entries.filter((e) => !DENO_SKIPS[e]),
    );
    const base = {
      target: 'ES2022',
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      types: ['node'],
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      allowImportingTsExtensions: true,
    };
    const tsconfig = (options: object) =>
      `${JSON.stringify({ compilerOptions: { ...base, ...options }, files: ['entries.ts', 'entries.deno.ts', 'smoke.ts'] }, null, 2)}\n`;
    writeFileSync(
      join(project, 'tsconfig.nodenext.json'),
      tsconfig({ module: 'nodenext', moduleResolution: 'nodenext' }),
    );
    writeFileSync(
      join(project, 'tsconfig.bundler.json'),
      tsconfig({ module: 'esnext', moduleResolution: 'bundler' }),
    );
    run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], project);
    return project;
  };

  const typecheck = (project: string) => {
    const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    run(process.execPath, [tsc, '-p', 'tsconfig.nodenext.json'], project);
    run(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], project);
  };
  const bin = (name: string) => join(root, 'node_modules', '.bin', name);
  const runtime = (which: 'node' | 'bun' | 'deno', project: string) => {
    if (which === 'deno') {
      for (const [entry, why] of Object.entries(DENO_SKIPS))
        console.log(`smoke: deno skips ${entry}: ${why}`);
    }
    for (const file of [which === 'deno' ? 'entries.deno.ts' : 'entries.ts', 'smoke.ts']) {
      if (which === 'node') run(nodeBin, [file], project);
      if (which === 'bun') run(bin('bun'), ['run', file], project);
      if (which === 'deno')
        run(bin('deno'), ['run', '--allow-all', '--quiet', file], project, { DENO_NO_UPDATE_CHECK: '1' });
    }
  };

  const current = consumer('current', (peer) => peers.get(peer)!.current);
  typecheck(current);
  for (const which of runtimes) runtime(which, current);

  if (peerLow) {
    const low = consumer('peer-low', (peer) => peers.get(peer)!.low);
    console.log(`smoke: lowest peers ${[...peers].map(([p, v]) => `${p}@${v.low}`).join(', ')}`);
    typecheck(low);
    runtime('node', low);
  }
  ok = true;
  console.log(
    `smoke ok: ${packages.length} packages packed and installed; TypeScript ${TYPESCRIPT_5} nodenext + bundler; ${runtimes.join(', ')}${peerLow ? '; lowest peers' : ''}`,
  );
} finally {
  if (keep || !ok) console.log(`smoke: consumer projects in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
