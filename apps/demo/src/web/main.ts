// `pnpm demo --web [port]`: starts the web demo, prints where, and serves until Ctrl+C.
import { InvalidArgumentError } from 'commander';
import pc from 'picocolors';
import { startWebDemo } from './server.ts';

/** Runs the web demo until SIGINT/SIGTERM, then closes both servers. */
export async function runWebDemo(options: { port?: number; host?: string } = {}): Promise<void> {
  const demo = await startWebDemo(options);
  console.log(`${pc.bold('authplug web demo')}    ${pc.cyan(demo.url)}`);
  console.log(pc.dim(`emulators            ${demo.emulators.url}`));
  console.log(pc.dim(`ky in the browser    ${demo.url}/browser/`));
  console.log(pc.dim('Open the page, click Connect on a provider, approve or deny. Ctrl+C stops.'));
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await demo.close();
  console.log(pc.dim('web demo stopped'));
}

/** commander's parser for `--web [port]` (no value: commander gives `true`, a free port). */
export function parseWebPort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65_535)
    throw new InvalidArgumentError('expected a port number (0-65535).');
  return port;
}
