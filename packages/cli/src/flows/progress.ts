// Progress while the demo works: ora spinners on a terminal; plain finished lines otherwise (CI,
// pipes, tests), so logs hold no spinner frames or cursor codes.
import ora, { type Ora } from 'ora';
import pc from 'picocolors';

export interface Step {
  /** Replaces the step's text while it runs. */
  text(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
}

export interface Progress {
  /** Starts a step (one spinner at a time). */
  step(text: string): Step;
  /** Prints text above the running spinner (e.g. a link to open). */
  print(text: string): void;
  /** Stops the spinner while the person types, and starts it again. */
  pause(): void;
  resume(): void;
}

export function createProgress(
  stream: NodeJS.WriteStream = process.stdout,
  // A terminal that reports no width (some pseudo-terminals) cannot host a spinner: ora would
  // clear an unbounded number of lines.
  animate: boolean = Boolean(stream.isTTY) &&
    (stream.columns ?? 0) > 0 &&
    !process.env['CI'] &&
    process.env['TERM'] !== 'dumb',
): Progress {
  let current: Ora | undefined;
  const done = (symbol: string, text: string) => stream.write(`${symbol} ${text}\n`);
  return {
    step(text) {
      if (!animate) {
        return {
          text: () => {},
          succeed: (t) => done(pc.green('✔'), t),
          fail: (t) => done(pc.red('✘'), t),
        };
      }
      const spinner = ora({ text, stream, discardStdin: false }).start();
      current = spinner;
      const end = () => {
        if (current === spinner) current = undefined;
      };
      return {
        text: (t) => {
          spinner.text = t;
        },
        succeed: (t) => {
          spinner.succeed(t);
          end();
        },
        fail: (t) => {
          spinner.fail(t);
          end();
        },
      };
    },
    print(text) {
      current?.clear();
      stream.write(text);
      current?.render();
    },
    pause() {
      current?.stop();
    },
    resume() {
      current?.start();
    },
  };
}
