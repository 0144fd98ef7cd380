import { type AuthResponse, parseParams } from '@authplug/core';
import type { OAuthProblem } from './errors.ts';

const HEADER_PROBLEM = /oauth_problem="([^"]*)"/i;
const HEADER_ADVICE = /oauth_problem_advice="([^"]*)"/i;
const HEADER_TIMESTAMPS = /oauth_acceptable_timestamps="([^"]*)"/i;

/**
 * Reads an OAuth problem report from a response: `WWW-Authenticate: OAuth …, oauth_problem="…"`
 * or a form-encoded body with `oauth_problem=…`. `undefined` when there is none.
 *
 * @example
 * ```ts
 * await readProblem(response); // { problem: 'timestamp_refused', acceptableTimestamps: '1700000000-1700000600' }
 * ```
 */
export async function readProblem(response: AuthResponse): Promise<OAuthProblem | undefined> {
  const header = response.headers.get('www-authenticate');
  const fromHeader = header ? HEADER_PROBLEM.exec(header)?.[1] : undefined;
  let text = '';
  try {
    text = await response.text();
  } catch {
    // An unreadable body: the header alone decides.
  }
  const body = text.includes('oauth_problem=') ? new Map(parseParams(text.trim())) : undefined;
  const problem = fromHeader ? decodeHeader(fromHeader) : body?.get('oauth_problem');
  if (!problem) return undefined;
  const advice = body?.get('oauth_problem_advice') ?? decodeHeader(header && HEADER_ADVICE.exec(header)?.[1]);
  const acceptableTimestamps =
    body?.get('oauth_acceptable_timestamps') ?? decodeHeader(header && HEADER_TIMESTAMPS.exec(header)?.[1]);
  return { problem, advice, acceptableTimestamps };
}

// A provider's malformed escape (`oauth_problem="100%"`) is kept as sent rather than thrown as a
// URIError from inspect(): the problem name still reaches the caller in the typed error.
function decodeHeader(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
