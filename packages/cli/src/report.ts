// How a failed command ends: the error's message (authplug messages never hold a secret) on
// stderr, and an exit code: 2 for a usage mistake, 1 otherwise.
import pc from 'picocolors';

export function report(error: unknown): number {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  const label = typeof code === 'string' && code.startsWith('AUTHPLUG_') ? ` ${pc.dim(`[${code}]`)}` : '';
  process.stderr.write(`${pc.red('✘')} ${message}${label}\n`);
  return code === 'AUTHPLUG_CLI_USAGE' ? 2 : 1;
}
