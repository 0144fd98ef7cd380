import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  format: true,
});

type Data = Record<string, unknown>;
const isPlain = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown): boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

// The provider's XML puts the fields of flat records in attributes
// (`<user user_id="123" username="james007"/>`) and everything else in elements
// (`<auth><token>…</token><permissions …/></auth>`).
function toXml(value: unknown, top: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => toXml(v, false));
  if (!isPlain(value)) return value;
  const flat = !top && Object.values(value).every(isPrimitive);
  const out: Data = {};
  for (const [key, v] of Object.entries(value)) {
    if (flat) out[`@_${key}`] = v;
    else out[key] = toXml(v, false);
  }
  return out;
}

/** An ipernity answer in the requested format. Errors, like the provider's, come with HTTP 200. */
export function render(
  format: string,
  data: Data,
  error?: readonly [code: string, message: string],
): Response {
  if (format === 'xml') {
    const api = error
      ? { '@_status': 'error', '@_code': error[0], '@_message': error[1] }
      : { '@_status': 'ok', ...(toXml(data, true) as Data) };
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ api })}`;
    return new Response(body, { headers: { 'content-type': 'text/xml; charset=utf-8' } });
  }
  const body = error
    ? { api: { status: 'error', code: error[0], message: error[1] } }
    : { ...data, api: { status: 'ok' } };
  return new Response(JSON.stringify(body), {
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}
