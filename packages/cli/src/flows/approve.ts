// Who approves an authorization: the demo itself (it opens the page and submits the Approve form
// over HTTP, exactly as a click would), or a person in a browser (--interactive).
import { createInterface } from 'node:readline/promises';
import { clickButton } from '@authplug/emulators';

/**
 * What a flow needs from whoever approves it.
 *
 *   approve(provider, url)  gets `url` approved; resolves with the answer page's HTML when the
 *                           demo clicked, '' when a person was asked
 *   verifier(provider, html) the OAuth `oob` verifier: read from the page, or typed by the person
 *   pollMs                  set when a person approves: flows poll complete() at this interval
 */
export interface Approver {
  approve(provider: string, url: string): Promise<string>;
  verifier(provider: string, html: string): Promise<string>;
  readonly pollMs?: number;
  /** How long polling waits for the person before giving up; default 10 minutes. */
  readonly timeoutMs?: number;
}

/** The demo clicks Approve itself: GET the page, POST the form holding the Approve button. */
export function clickApprover(doFetch: typeof fetch = fetch): Approver {
  return {
    async approve(provider, url) {
      const answer = await clickButton(url, 'Approve', { fetch: doFetch }).catch((error: Error) => {
        throw new Error(`${provider} demo: ${error.message}`);
      });
      if (answer.status >= 400) throw new Error(`${provider} demo: approving answered HTTP ${answer.status}`);
      return answer.text();
    },
    async verifier(provider, html) {
      const found = /id="oauth_verifier">([^<]+)</.exec(html)?.[1];
      if (!found) throw new Error(`${provider} demo: the approval page shows no verifier`);
      return found;
    },
  };
}

/**
 * A person approves in a browser: the link is printed, flows poll complete() until the provider
 * says yes; an `oob` verifier is typed in.
 */
export function personApprover(
  io: {
    /** Shows text to the person (above a running spinner). */
    print: (text: string) => void;
    /** Around a question: stop and restart the spinner. */
    pause?: () => void;
    resume?: () => void;
    input?: NodeJS.ReadableStream;
  },
  pollMs = 1000,
): Approver {
  const ask = async (question: string) => {
    io.pause?.();
    const rl = createInterface({ input: io.input ?? process.stdin, output: process.stdout, terminal: false });
    try {
      return (await rl.question(question)).trim();
    } finally {
      rl.close();
      io.resume?.();
    }
  };
  return {
    pollMs,
    async approve(provider, url) {
      io.print(`\n${provider}: open this link in a browser and approve (the demo waits):\n\n  ${url}\n\n`);
      return '';
    },
    async verifier(provider) {
      for (;;) {
        const verifier = await ask(`${provider}: paste the verifier the page shows, then Enter: `);
        if (verifier) return verifier;
      }
    },
  };
}

/**
 * Calls `complete` until it stops failing with a "not approved yet" error (when a person
 * approves), or once (when the demo clicked). Gives up after `timeoutMs`.
 */
export async function untilApproved<T>(
  approver: Approver,
  complete: () => Promise<T>,
  pending: (error: unknown) => boolean,
  timeoutMs: number = 10 * 60_000,
): Promise<T> {
  const deadline = Date.now() + (approver.timeoutMs ?? timeoutMs);
  for (;;) {
    try {
      return await complete();
    } catch (error) {
      if (approver.pollMs === undefined || !pending(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, approver.pollMs));
    }
  }
}

/** The `code` of an authplug error, if it is one. */
export const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};
