// Makes sure Debian's chromium is installed for the real-browser tests (apps/demo/test/e2e), and
// prints its path. Playwright drives it through playwright-core; no browser is ever downloaded
// (`playwright install` has no reachable host here). Installs with apt-get only when missing.
//
//   node scripts/ensure-chromium.ts            # installs when needed, prints the path
//   CHROMIUM_PATH=/opt/chrome/chrome node …    # use that binary instead (never installs)
import { existsSync } from 'node:fs';
import { aptInstall, runAsScript } from './apt-install.ts';

/** Where the tests look for chromium: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(): string {
  return process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
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
  aptInstall(
    {
      tool: 'ensure-chromium',
      pkg: 'chromium',
      took: 'about a minute',
      alternative: 'Or set CHROMIUM_PATH to a chromium binary.',
    },
    log,
  );
  if (!existsSync(path))
    throw new Error(`ensure-chromium: apt-get installed chromium but ${path} is still missing.`);
  log(`ensure-chromium: installed ${path}`);
  return path;
}

runAsScript(import.meta.url, () => ensureChromium());
