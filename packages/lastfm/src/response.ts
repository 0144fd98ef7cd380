/**
 * A Last.fm answer as far as authentication cares: ok, or the error code and message.
 *
 * @example
 * ```ts
 * const result: LastfmResult = { ok: false, code: '13', message: 'Invalid method signature supplied' };
 * ```
 */
export type LastfmResult = { ok: true } | { ok: false; code: string; message: string };

const XML_ERROR = /<lfm\s[^>]*status="failed"[^>]*>\s*<error\s+code="(\d+)"\s*>([^<]*)<\/error>/;
const XML_OK = /<lfm\s[^>]*status="ok"/;

/**
 * Reads Last.fm's status from a JSON (`{ "error": 13, "message": "…" }`) or XML
 * (`<lfm status="failed"><error code="13">…</error></lfm>`) body; `undefined` for anything else.
 *
 * @example
 * ```ts
 * parseLastfmResponse('{"error":9,"message":"Invalid session key"}'); // { ok: false, code: '9', … }
 * ```
 */
export function parseLastfmResponse(text: string): LastfmResult | undefined {
  const start = text.trimStart()[0];
  if (start === '{') {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return undefined;
    }
    const { error, message } = body as { error?: unknown; message?: unknown };
    if (error === undefined) return { ok: true };
    return { ok: false, code: String(error), message: typeof message === 'string' ? message : '' };
  }
  if (start === '<') {
    const failed = XML_ERROR.exec(text);
    if (failed) return { ok: false, code: failed[1]!, message: unescapeXml(failed[2]!.trim()) };
    return XML_OK.test(text) ? { ok: true } : undefined;
  }
  return undefined;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : '&',
  );
}
