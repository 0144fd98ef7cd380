// Makes sure Debian's chromium is installed for the real-browser tests (apps/demo/test/e2e), and
// prints its path. Playwright drives it through playwright-core; no browser is ever downloaded
// (`playwright install` has no reachable host here). Installs with apt-get only when missing.
//
//   node scripts/ensure-chromium.ts            # installs when needed, prints the path
//   CHROMIUM_PATH=/opt/chrome/chrome node …    # use that binary instead (never installs)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where the tests look for chromium: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
}

function run(command: string, args: string[], timeout: number): void {
  const result = spawnSync(command, args, {
    encoding: 'utf8',
    timeout,
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(
      `ensure-chromium: \`${command} ${args.join(' ')}\` failed (${result.error?.message ?? `exit ${result.status}`}).\n${output}`,
    );
  }
}

/**
 * Returns the chromium binary's path, installing Debian's `chromium` package first (apt-get
 * update + install, about a minute) when it is missing. Throws a message saying what to do on a
 * machine without apt-get or without root.
 */
export function ensureChromium(log: (line: string) => void = console.log): string {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  if (process.env['CHROMIUM_PATH']) {
    throw new Error(`ensure-chromium: CHROMIUM_PATH=${path} does not exist. Point it at a chromium binary.`);
  }
  const hasApt = spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!hasApt) {
    throw new Error(
      'ensure-chromium: chromium is not installed and apt-get is not available to install it. ' +
        'Install chromium (Debian/Ubuntu: `apt-get install -y chromium`) or set CHROMIUM_PATH to a chromium binary.',
    );
  }
  const root = process.getuid?.() === 0;
  const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
  if (!root && !sudo) {
    throw new Error(
      'ensure-chromium: chromium is not installed, and installing it needs root: run `sudo apt-get install -y chromium` ' +
        '(or set CHROMIUM_PATH to a chromium binary).',
    );
  }
  const apt = (args: string[], timeout: number) =>
    root ? run('apt-get', args, timeout) : run('sudo', ['-n', 'apt-get', ...args], timeout);
  log('ensure-chromium: chromium missing, installing it with apt-get (once, about a minute)…');
  apt(['update'], 180_000);
  apt(['install', '-y', 'chromium'], 300_000);
  if (!existsSync(path))
    throw new Error(`ensure-chromium: apt-get installed chromium but ${path} is still missing.`);
  log(`ensure-chromium: installed ${path}`);
  return path;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(ensureChromium());
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
