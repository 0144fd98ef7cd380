// `[METHOD] <path|url> [name=value …] [-d name=value …] [--json JSON]`, as `request` and
// `explain` take them, into one absolute request.
import type { Param } from '@authplug/core';
import { UsageError } from '../errors.ts';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD']);

export interface ParsedRequest {
  method: string;
  url: string;
  query: Param[];
  form?: Param[];
  json?: string;
}

const pair = (text: string, where: string): Param => {
  const at = text.indexOf('=');
  if (at <= 0) throw new UsageError(`${where} "${text}" is not name=value.`);
  return [text.slice(0, at), text.slice(at + 1)];
};

/**
 * Parses the words after the provider. The path may be left out when every word is a
 * `name=value` (Safe Creative's single endpoint, chosen by `component=`).
 */
export function parseRequest(
  words: readonly string[],
  options: { data?: readonly string[]; json?: string },
  api: string | undefined,
): ParsedRequest {
  const rest = [...words];
  let method = METHODS.has(rest[0] ?? '') ? rest.shift()! : undefined;
  const target = rest[0] !== undefined && !rest[0].includes('=') ? rest.shift()! : '';
  const query = rest.map((w) => pair(w, 'query parameter'));
  const form = options.data?.map((w) => pair(w, '-d'));
  if (form && options.json !== undefined) throw new UsageError('give -d or --json, not both.');
  if (options.json !== undefined) {
    try {
      JSON.parse(options.json);
    } catch {
      throw new UsageError('--json is not valid JSON.');
    }
  }
  method ??= form || options.json !== undefined ? 'POST' : 'GET';
  let url: string;
  if (/^https?:\/\//.test(target)) url = target;
  else {
    if (!api) throw new UsageError('this provider has no known API root: give a full URL or --base-url.');
    url = new URL(target.replace(/^\/+/, ''), api.endsWith('/') ? api : `${api}/`).toString();
  }
  return {
    method,
    url,
    query,
    ...(form ? { form } : {}),
    ...(options.json !== undefined ? { json: options.json } : {}),
  };
}
