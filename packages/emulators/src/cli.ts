#!/usr/bin/env node
// `authplug-emulators [--port <n>] [--host <address>]`: all four emulators on one loopback
// server, the seeded keys printed, until Ctrl-C.
import { parseArgs } from 'node:util';
import { formatSeededApps, startEmulators } from './all.ts';

const usage = `Usage: authplug-emulators [--port <n>] [--host <address>]

Serves the ipernity, Proofile (OAuth 1.0a), Historypin and Safe Creative emulators from one
server (under /ipernity, /proofile, /historypin, /safecreative) and prints their endpoints and
seeded test keys. Stops on Ctrl-C.

  --port <n>        port to listen on (default 4010; 0 picks a free one)
  --host <address>  interface to bind (default 127.0.0.1)
  -h, --help        this text`;

let values: { port?: string; host?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`authplug-emulators: ${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const port = Number(values.port ?? 4010);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`authplug-emulators: --port must be an integer from 0 to 65535, not ${values.port}.`);
  process.exit(2);
}

try {
  const server = await startEmulators({ port, host: values.host ?? '127.0.0.1' });
  console.log(`authplug emulators listening on ${server.url}  (Ctrl-C to stop)\n`);
  console.log(formatSeededApps(server.urls));
  console.log(
    "\nThese keys are made up (Historypin's is its documentation example): never use them against the real services.",
  );
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as { code?: string }).code;
  console.error(
    `authplug-emulators: cannot listen on ${values.host ?? '127.0.0.1'}:${port}` +
      `${code ? ` (${code})` : ''}. Pass --port 0 for a free port, or another --port.`,
  );
  process.exit(1);
}
