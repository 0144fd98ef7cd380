import { appendQuery, type Param, type SkewedClock } from '@authplug/core';
import { TimeOutOfRangeError, toSafeCreativeError, UnreadableResponseError } from './errors.ts';
import { errorOf, parseSafeCreative } from './response.ts';
import { SIGNATURE_PARAM, safecreativeSignature } from './signature.ts';

/**
 * The fetch the package uses for its own calls (authkey.create, authkey.state, ztime).
 *
 * @example
 * ```ts
 * const logged: FetchLike = (url, init) => (console.log(url.split('?')[0]), fetch(url, init));
 * ```
 */
export type FetchLike = (input: string, init?: { signal?: AbortSignal | undefined }) => Promise<Response>;

/** What the package's own calls need: where, how, and the clock to stamp them with. */
export interface Caller {
  readonly endpoint: string;
  readonly fetch: FetchLike;
  readonly clock: SkewedClock;
}

/**
 * Learns the clock offset from the server: the response's `Date` header when usable, else the
 * provider's unsigned `ztime` component (milliseconds). False when neither works.
 */
export async function learnOffset(caller: Caller, date: string | null | undefined): Promise<boolean> {
  if (caller.clock.learn(date)) return true;
  try {
    const response = await caller.fetch(appendQuery(caller.endpoint, [['component', 'ztime']]));
    const doc = parseSafeCreative(await response.text());
    const raw = doc?.root === 'ztime' ? doc.value : undefined;
    return caller.clock.learn(typeof raw === 'string' || typeof raw === 'number' ? Number(raw) : Number.NaN);
  } catch {
    return false;
  }
}

/**
 * Calls one component by GET: adds `component`, the given params and `ztime`, signs with
 * `privateKey`, parses the answer and throws the typed error for a provider error. A
 * time-out-of-range answer is corrected once (offset learnt, call re-signed).
 */
export async function callComponent(
  caller: Caller,
  component: string,
  params: readonly Param[],
  privateKey: string,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  for (let attempt = 0; ; attempt++) {
    const all: Param[] = [['component', component], ...params, ['ztime', String(caller.clock.now())]];
    all.push([SIGNATURE_PARAM, await safecreativeSignature(privateKey, all)]);
    const response = await caller.fetch(appendQuery(caller.endpoint, all), { signal });
    const doc = parseSafeCreative(await response.text());
    const error = errorOf(doc);
    if (error) {
      const typed = toSafeCreativeError({ ...error, status: response.status });
      if (typed instanceof TimeOutOfRangeError && attempt === 0) {
        if (await learnOffset(caller, response.headers.get('date'))) continue;
      }
      throw typed;
    }
    if (!doc || typeof doc.value !== 'object' || doc.value === null)
      throw new UnreadableResponseError(component);
    return doc.value as Record<string, unknown>;
  }
}
