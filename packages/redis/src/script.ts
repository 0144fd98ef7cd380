import { digests } from '@authplug/core';
import type { Connection } from './connection.ts';

/**
 * A Lua script run by EVALSHA, falling back to EVAL (which also caches it) when the server does
 * not know it yet: after a restart, or on a replica that was just promoted.
 */
export function script(
  source: string,
): (conn: Connection, keys: string[], args: string[], operation: string) => Promise<unknown> {
  let sha: Promise<string> | undefined;
  return async (conn, keys, args, operation) => {
    sha ??= digests.hash('sha1', source);
    const tail = [String(keys.length), ...keys, ...args];
    try {
      return await conn.command(['EVALSHA', await sha, ...tail], operation);
    } catch (error) {
      if ((error as { reason?: string }).reason !== 'NOSCRIPT') throw error;
      return conn.command(['EVAL', source, ...tail], operation);
    }
  };
}
