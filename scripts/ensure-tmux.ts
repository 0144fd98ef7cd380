// Makes sure Debian's tmux is installed for the CLI's interactive test (packages/cli/test), and
// prints its path. Installs with apt-get (update first; sudo when not root) only when missing.
//
//   node scripts/ensure-tmux.ts            # installs when needed, prints the path
import { spawnSync } from 'node:child_process';

function run(command: string, args: string[], timeout: number): void {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `ensure-tmux: \`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`}).\n${output}`,
    );
  }
}

const found = (): string | undefined => {
  const which = spawnSync('sh', ['-c', 'command -v tmux'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
};

/**
 * Returns tmux's path, installing Debian's `tmux` package first (apt-get update + install) when
 * it is missing. Throws a message saying what to do without apt-get or without root.
 */
export function ensureTmux(log: (line: string) => void = console.log): string {
  const existing = found();
  if (existing) return existing;
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      'ensure-tmux: tmux is not installed and apt-get is not available to install it. Install tmux (e.g. `brew install tmux`).',
    );
  }
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) {
    throw new Error(
      'ensure-tmux: tmux is not installed, and installing it needs root: run `sudo apt-get install -y tmux`.',
    );
  }
  const apt = (args: string[], timeout: number) =>
    root ? run('apt-get', args, timeout) : run('sudo', ['-n', 'apt-get', ...args], timeout);
  log('ensure-tmux: tmux missing, installing it with apt-get (once)…');
  apt(['update'], 180_000);
  apt(['install', '-y', 'tmux'], 300_000);
  const path = found();
  if (!path) throw new Error('ensure-tmux: apt-get installed tmux but it is still not on PATH.');
  log(`ensure-tmux: installed ${path}`);
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureTmux());
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
