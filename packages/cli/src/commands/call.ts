import type { AuthStrategy } from '@authplug/core';
import { RequestFailedError } from '../errors.ts';
import type { ClientName, RawRequest, RawResponse } from '../flows/clients.ts';

/** The answer's JSON when it is JSON. */
export const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * One signed request; a non-2xx answer becomes a {@link RequestFailedError} carrying the
 * provider's own words (the strategies' `inspect` already throws typed errors for the ones it
 * recognises in a body).
 */
export async function signedCall(
  provider: string,
  client: ClientName,
  strategy: AuthStrategy,
  request: RawRequest,
  onAnswer?: (answer: RawResponse) => void,
): Promise<RawResponse & { json: unknown }> {
  const { sendRaw } = await import('../flows/clients.ts');
  const answer = await sendRaw(client, strategy, request);
  onAnswer?.(answer);
  if (answer.status < 200 || answer.status > 299) {
    throw new RequestFailedError(
      provider,
      answer.status,
      answer.text.trim().replace(/\s+/g, ' ').slice(0, 200),
    );
  }
  return { ...answer, json: parseJson(answer.text) };
}
