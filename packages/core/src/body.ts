import { isFormContentType, parseParams } from './params.ts';
import type { Param, RequestBody } from './request.ts';

const NONE: RequestBody = { kind: 'none' };
const tag = (value: object): string => Object.prototype.toString.call(value);

/**
 * Classifies a client's request body for signing. Adapters call it with the body as their
 * client will send it and the request's content type. Type checks go through the object's tag
 * rather than `instanceof`, so bodies from another realm (a vm context, a test's fetch polyfill)
 * are recognised too.
 *
 * @example
 * ```ts
 * toBody(new URLSearchParams('a=1'), undefined); // { kind: 'form', fields: [['a', '1']] }
 * toBody('{"a":1}', 'application/json');        // { kind: 'bytes', contentType: 'application/json', data: '{"a":1}' }
 * ```
 */
export function toBody(data: unknown, contentType: string | null | undefined): RequestBody {
  if (data === undefined || data === null) return NONE;
  const type = contentType ?? undefined;
  if (typeof data === 'string') return textBody(data, type);
  if (typeof data !== 'object') return { kind: 'bytes', contentType: type, data: String(data) };
  const t = tag(data);
  if (t === '[object URLSearchParams]') {
    return { kind: 'form', fields: [...(data as URLSearchParams)] as Param[] };
  }
  if (ArrayBuffer.isView(data) || t === '[object ArrayBuffer]') {
    const bytes = ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data as ArrayBuffer);
    return isFormContentType(type)
      ? { kind: 'form', fields: parseParams(new TextDecoder().decode(bytes)), raw: bytes }
      : { kind: 'bytes', contentType: type, data: bytes };
  }
  const stream =
    typeof (data as { getReader?: unknown }).getReader === 'function' ||
    typeof (data as { pipe?: unknown }).pipe === 'function' ||
    typeof (data as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function';
  return { kind: 'opaque', contentType: type, stream: stream && t !== '[object FormData]' };
}

/**
 * {@link toBody} for a body already read as text: form fields when the content type is
 * `application/x-www-form-urlencoded`, else bytes. For adapters whose client holds the body as
 * a stream and reads text-like ones (ky), so their bundle skips the object cases.
 *
 * @example
 * ```ts
 * textBody('a=1&b=x+y', 'application/x-www-form-urlencoded'); // { kind: 'form', fields: [['a', '1'], ['b', 'x y']], raw: 'a=1&b=x+y' }
 * textBody('', 'text/plain');                                 // { kind: 'none' }
 * ```
 */
export function textBody(text: string, contentType: string | null | undefined): RequestBody {
  if (text === '') return NONE;
  const type = contentType ?? undefined;
  return isFormContentType(type)
    ? { kind: 'form', fields: parseParams(text), raw: text }
    : { kind: 'bytes', contentType: type, data: text };
}

/**
 * A form body as it goes on the wire, for schemes that hash the payload (SigV4, `Content-Digest`):
 * the exact text or bytes when the adapter had them (`raw`), else the fields as clients serialize
 * a `URLSearchParams` (WHATWG urlencoded, `+` for space).
 *
 * @example
 * ```ts
 * formWire({ kind: 'form', fields: [['a', 'x y']] });                   // 'a=x+y'
 * formWire({ kind: 'form', fields: [['a', 'x y']], raw: 'a=x%20y' });  // 'a=x%20y'
 * ```
 */
export function formWire(body: Extract<RequestBody, { kind: 'form' }>): string | Uint8Array {
  return body.raw ?? new URLSearchParams(body.fields as [string, string][]).toString();
}
