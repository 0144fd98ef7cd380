// The pnpm that runs a script, from `npm_execpath` (pnpm sets it for the scripts it runs), as the
// command and leading arguments to run it again: `node <pnpm.cjs>` for a JS entry, else the
// binary itself. `running` is undefined when no pnpm started us (a script run with plain node).

// biome-ignore lint/suspicious/noUndeclaredEnvVars: set by pnpm for its scripts; not a turbo task input.
const execpath = process.env.npm_execpath;

/** The pnpm running this script, or `undefined`. */
export const running: [command: string, args: string[]] | undefined =
  execpath && /pnpm/.test(execpath)
    ? /\.[cm]?js$/.test(execpath)
      ? [process.execPath, [execpath]]
      : [execpath, []]
    : undefined;

/** The pnpm running this script, else the one on PATH. */
export const pnpm: [command: string, args: string[]] = running ?? ['pnpm', []];
