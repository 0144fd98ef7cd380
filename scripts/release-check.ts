// `pnpm release:check`: proves a release would go through, without touching this work tree.
// In a throw-away clone of the committed HEAD (uncommitted changes are not included) it runs
// install (frozen lockfile), build, `changeset version` and `pnpm publish -r --dry-run`, then
// packs every published package and prints its tarball and unpacked sizes. The clone is removed
// afterwards (`--keep` keeps it). Nothing is published, nothing here is changed.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pnpm } from './pnpm.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'authplug-release-check-'));
const clone = join(dir, 'repo');
const packs = join(dir, 'packs');

function run(command: string, args: string[], cwd = clone): string {
  console.log(`release:check $ ${[command === pnpm[0] ? 'pnpm' : command, ...args].join(' ')}`);
  return execFileSync(command, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
  });
}
const pn = (...args: string[]): string => run(pnpm[0], [...pnpm[1], ...args]);

function unpackedSize(tarball: string): number {
  // `tar -tvz` lists each entry with its size in the third column.
  const listing = execFileSync('tar', ['-tvzf', tarball], { encoding: 'utf8' });
  return listing
    .split('\n')
    .filter(Boolean)
    .reduce((sum, line) => sum + Number(line.trim().split(/\s+/)[2] ?? 0), 0);
}

try {
  run('git', ['clone', '--quiet', root, clone], dir);
  pn('install', '--frozen-lockfile');
  pn('run', 'build');
  pn('changeset', 'version');
  pn('publish', '-r', '--dry-run', '--no-git-checks');

  const rows: string[] = [];
  for (const name of readdirSync(join(clone, 'packages')).sort()) {
    const pkgDir = join(clone, 'packages', name);
    const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      private?: boolean;
    };
    if (manifest.private) continue;
    const out = run(pnpm[0], [...pnpm[1], 'pack', '--pack-destination', packs], pkgDir);
    const tarball = out
      .trim()
      .split('\n')
      .reverse()
      .find((line) => line.endsWith('.tgz'))
      ?.trim();
    if (!tarball) throw new Error(`release:check: no tarball reported for ${manifest.name}`);
    const path = tarball.startsWith('/') ? tarball : join(packs, tarball);
    rows.push(
      `${`${manifest.name}@${manifest.version}`.padEnd(32)} ${String(statSync(path).size).padStart(7)} B packed ${String(unpackedSize(path)).padStart(8)} B unpacked`,
    );
  }
  console.log(`\nrelease:check ok: changeset version and publish --dry-run succeeded.\n${rows.join('\n')}`);
} finally {
  if (keep) console.log(`release:check: clone kept in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
