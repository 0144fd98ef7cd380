import type { XMLParser } from 'fast-xml-parser';

/**
 * A parsed ipernity response: the status, the error's code and message, and the payload.
 *
 * @example
 * ```ts
 * const result: IpernityResult | undefined = await parseIpernityResponse(await response.text());
 * ```
 */
export interface IpernityResult {
  readonly ok: boolean;
  readonly code: string | undefined;
  readonly message: string | undefined;
  /** The payload without the `api` status element, e.g. `{ auth: { frob: '…' } }`. */
  readonly data: Record<string, unknown>;
}

// The XML parser is most of this package's size and only xml answers need it (the strategy asks
// for json by default): imported on the first xml body, then kept.
let xml: Promise<XMLParser> | undefined;
const xmlParser = (): Promise<XMLParser> =>
  (xml ??= import('fast-xml-parser').then(
    ({ XMLParser }) =>
      new XMLParser({
        ignoreAttributes: false,
        attributeNamePrefix: '',
        parseAttributeValue: false,
        parseTagValue: false,
        trimValues: true,
        processEntities: true,
        textNodeName: '_content',
      }),
  ));

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/**
 * Parses an ipernity json or xml response body (the format is sniffed from the text).
 * Returns `undefined` when the body is neither (an HTML error page, an empty body).
 *
 * @example
 * ```ts
 * await parseIpernityResponse('{"api":{"status":"error","code":"105","message":"Invalid signature"}}');
 * // { ok: false, code: '105', message: 'Invalid signature', data: {} }
 * await parseIpernityResponse('<api status="ok"><hello>hello world!</hello></api>');
 * // { ok: true, code: undefined, message: undefined, data: { hello: 'hello world!' } }
 * ```
 */
export async function parseIpernityResponse(text: string): Promise<IpernityResult | undefined> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return undefined;
    }
    if (!isObject(parsed) || !isObject(parsed['api'])) return undefined;
    const { api, ...data } = parsed as { api: Record<string, unknown> };
    return result(api, api, data);
  }
  if (trimmed.startsWith('<')) {
    const parser = await xmlParser();
    let parsed: unknown;
    try {
      parsed = parser.parse(trimmed);
    } catch {
      return undefined;
    }
    if (!isObject(parsed) || !('api' in parsed)) return undefined;
    const api = isObject(parsed['api']) ? parsed['api'] : {};
    const { status, code, message, error, ...data } = api;
    // Accept both `<api status="error" code message/>` and `<api status="error"><error code message/></api>`.
    return result({ status, code, message }, isObject(error) ? error : { code, message }, data);
  }
  return undefined;
}

function result(
  api: Record<string, unknown>,
  error: Record<string, unknown>,
  data: Record<string, unknown>,
): IpernityResult {
  const code = str(error['code'] ?? api['code']);
  const ok = api['status'] === 'ok' || (api['status'] === undefined && code === undefined);
  return {
    ok,
    code: ok ? undefined : code,
    message: ok ? undefined : str(error['message'] ?? api['message']),
    data,
  };
}
