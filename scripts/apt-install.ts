// The one way the project's scripts install a Debian package a test needs (chromium, redis-server,
// tmux): apt-get update + install, as root or through passwordless sudo, with a message saying
// what to do where neither is possible.
import { spawnSync } from 'node:child_process';

function run(tool: string, command: string, args: string[], timeout: number): void {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `${tool}: \`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`}).\n${output}`,
    );
  }
}

/**
 * Installs Debian package `pkg` for the script named `tool` (its messages are prefixed with it).
 * `alternative` ends the error messages: what else the user can do (e.g. set a path variable).
 *
 * @example
 * ```ts
 * aptInstall({ tool: 'ensure-tmux', pkg: 'tmux', took: 'a few seconds', alternative: 'Install tmux.' }, console.log);
 * ```
 */
export function aptInstall(
  what: { tool: string; pkg: string; took: string; alternative: string },
  log: (line: string) => void,
): void {
  const { tool, pkg, took, alternative } = what;
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error(
      `${tool}: ${pkg} is not installed and apt-get is not available to install it. ${alternative}`,
    );
  }
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) {
    throw new Error(
      `${tool}: ${pkg} is not installed, and installing it needs root: run \`sudo apt-get install -y ${pkg}\`. ${alternative}`,
    );
  }
  const apt = (args: string[], timeout: number) =>
    root ? run(tool, 'apt-get', args, timeout) : run(tool, 'sudo', ['-n', 'apt-get', ...args], timeout);
  log(`${tool}: ${pkg} missing, installing it with apt-get (once, ${took})…`);
  apt(['update'], 180_000);
  apt(['install', '-y', pkg], 300_000);
}

/** Runs a script's `ensure…()` when the file is executed directly: prints the path, or the error. */
export function runAsScript(url: string, ensure: () => string): void {
  if (url !== `file://${process.argv[1]}`) return;
  try {
    console.log(ensure());
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
