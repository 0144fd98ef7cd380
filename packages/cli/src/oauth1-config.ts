// Named OAuth 1.0a APIs for `authplug login oauth1 --api NAME`: their endpoints kept in a JSON
// file instead of typed on every login.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultCredentialsPath } from '@authplug/credentials';
import { UsageError } from './errors.ts';

/** One entry of the file: the three endpoints, and optionally the API root and a read-only path. */
export interface OAuth1ApiConfig {
  requestTokenUrl: string;
  authorizeUrl: string;
  accessTokenUrl: string;
  apiUrl?: string;
  verify?: string;
}

/** `oauth1.json` beside the credentials file (`~/.config/authplug/oauth1.json` on Linux). */
export const oauth1ConfigPath = (): string => join(dirname(defaultCredentialsPath()), 'oauth1.json');

/**
 * The entry `name` of the config file (default {@link oauth1ConfigPath}), e.g.
 * `{ "photos": { "requestTokenUrl": "…", "authorizeUrl": "…", "accessTokenUrl": "…" } }`.
 *
 * @example
 * ```ts
 * const photos = await readOAuth1Api('photos');
 * ```
 */
export async function readOAuth1Api(
  name: string,
  file: string = oauth1ConfigPath(),
): Promise<OAuth1ApiConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(
      `--api ${name}: there is no ${file}. Create it with {"${name}": {"requestTokenUrl": …, "authorizeUrl": …, "accessTokenUrl": …}}.`,
    );
  }
  let all: unknown;
  try {
    all = JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not valid JSON.`);
  }
  const entry = (all as Record<string, unknown> | null)?.[name] as Record<string, unknown> | undefined;
  const urls = ['requestTokenUrl', 'authorizeUrl', 'accessTokenUrl'] as const;
  if (!entry || urls.some((k) => typeof entry[k] !== 'string')) {
    throw new UsageError(`${file} has no entry "${name}" with ${urls.join(', ')}.`);
  }
  return entry as unknown as OAuth1ApiConfig;
}
