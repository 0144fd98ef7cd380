// Spawning test/worker.ts and reading its lines.
import { type ChildProcess, spawn } from 'node:child_process';

const WORKER = new URL('./worker.ts', import.meta.url).pathname;

export interface Worker {
  child: ChildProcess;
  lines: string[];
  /** Resolves when the worker printed exactly `text`; rejects if it exits first. */
  line(text: string): Promise<void>;
  /** Resolves with the exit code (null when killed). */
  exit(): Promise<number | null>;
}

export function worker(...args: string[]): Worker {
  const child = spawn(process.execPath, ['--conditions=@authplug/source', WORKER, ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: { text: string; resolve: () => void }[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const part of parts) {
      lines.push(part);
      for (const w of waiters.filter((w) => part === w.text)) w.resolve();
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    line: (text) =>
      lines.includes(text)
        ? Promise.resolve()
        : Promise.race([
            new Promise<void>((resolve) => waiters.push({ text, resolve })),
            exited.then(() => {
              if (!lines.includes(text)) throw new Error(`worker exited before "${text}"`);
            }),
          ]),
    exit: () => exited,
  };
}
