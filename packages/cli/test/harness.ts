// Runs `authplug` as a user would: a separate Node process (from source, as `pnpm demo` runs
// the demo), an empty HOME, no AUTHPLUG_* variables of the person running the tests, colours off.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN: string = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
export const NODE_ARGS: string[] = ['--conditions=@authplug/source', BIN];

/** Every output any test saw: checked at the end for secrets. */
export const outputs: string[] = [];

export const emptyHome = (): string => mkdtempSync(join(tmpdir(), 'authplug-cli-home-'));

export function cleanEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, NO_COLOR: '1', FORCE_COLOR: '0' };
  for (const name of Object.keys(env)) if (name.startsWith('AUTHPLUG_')) delete env[name];
  delete env['XDG_CONFIG_HOME'];
  delete env['DISPLAY'];
  delete env['WAYLAND_DISPLAY'];
  return { ...env, ...extra };
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * One command to its end, stdin closed (not a terminal). Asynchronous: the emulators run in the
 * test's own event loop, which a synchronous spawn would block.
 */
export async function run(home: string, args: string[], extra: Record<string, string> = {}): Promise<Result> {
  return start(home, args, extra).done;
}

/** A command left running: wait for what it prints, signal it, await its end. */
export interface Running {
  child: ChildProcess;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  done: Promise<Result>;
}

export function start(home: string, args: string[], extra: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
    env: cleanEnv(home, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  const poke = () => {
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    poke();
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d;
    poke();
  });
  const done = new Promise<Result>((resolve) =>
    child.on('close', (status) => {
      outputs.push(stdout, stderr);
      poke();
      resolve({ status, stdout, stderr });
    }),
  );
  return {
    child,
    done,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${pattern}; stdout: ${stdout}\nstderr: ${stderr}`)),
          timeoutMs,
        );
        const check = () => {
          const m = (stdout + stderr).match(pattern);
          if (m) {
            clearTimeout(timer);
            resolve(m);
          } else if (child.exitCode !== null) {
            clearTimeout(timer);
            reject(new Error(`exited before ${pattern}; stdout: ${stdout}\nstderr: ${stderr}`));
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}
