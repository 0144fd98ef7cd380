import { AuthplugError } from '@authplug/core';

const PKG = '@authplug/redis';

// Built from the server's host and port and a short reason code only: never from the URL (it may
// carry a password) nor from the client's error (kept off the object, so `cause`, util.inspect
// and JSON.stringify cannot show what the client put in it).

/**
 * Redis could not be reached, did not answer in time, or refused the connection (wrong password,
 * still loading…). The call that needed it did nothing: a request being signed is not sent. The
 * same store or lock works again once Redis is back; nothing needs restarting.
 *
 * `reason` is a short code: `ECONNREFUSED`, `offline`, `timeout`, or the first word of Redis's
 * error reply (`WRONGPASS`, `NOAUTH`, `LOADING`…).
 *
 * @example
 * ```ts
 * try { await store.get('ipernity/default'); }
 * catch (error) {
 *   if (error instanceof StoreUnavailableError) console.error(`Redis at ${error.target} is down (${error.reason})`);
 * }
 * ```
 */
export class StoreUnavailableError extends AuthplugError {
  /** `host:port` of the server (never the user or password). */
  readonly target: string;
  /** What went wrong, as a short code. */
  readonly reason: string;
  constructor(target: string, operation: string, reason: string) {
    super(
      'AUTHPLUG_STORE_UNAVAILABLE',
      `${PKG}: could not ${operation} on Redis at ${target} (${reason}). Check that redis-server is ` +
        'running and reachable with these credentials; nothing was sent to the provider, and the ' +
        'same store works again once Redis is back.',
    );
    this.target = target;
    this.reason = reason;
  }
}

/**
 * `update` lost the compare-and-set race `attempts` times in a row: other writers keep changing
 * the same key. Nothing was written by this call.
 *
 * @example
 * ```ts
 * const store = redisStore({ url }, { maxUpdateAttempts: 1_000 }); // for a very hot key
 * ```
 */
export class StoreConflictError extends AuthplugError {
  /** The credential key. */
  readonly key: string;
  constructor(key: string, attempts: number) {
    super(
      'AUTHPLUG_STORE_CONFLICT',
      `${PKG}: update of "${key}" lost to other writers ${attempts} times in a row. Retry, or raise ` +
        'maxUpdateAttempts if many processes update this key at once.',
    );
    this.key = key;
  }
}
