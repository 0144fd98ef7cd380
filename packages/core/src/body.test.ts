import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { formWire, textBody, toBody } from './body.ts';

const FORM = 'application/x-www-form-urlencoded';

describe('toBody', () => {
  it('reads form bodies in every shape clients hand over', () => {
    const expected = {
      kind: 'form',
      fields: [
        ['a', '1'],
        ['b', 'x y&z'],
      ],
    };
    expect(
      toBody(
        new URLSearchParams([
          ['a', '1'],
          ['b', 'x y&z'],
        ]),
        undefined,
      ),
    ).toEqual(expected);
    // Text and bytes keep the form as sent, for schemes that hash the body.
    const text = 'a=1&b=x+y%26z';
    expect(toBody(text, FORM)).toEqual({ ...expected, raw: text });
    const bytes = new TextEncoder().encode(text);
    expect(toBody(bytes, `${FORM}; charset=utf-8`)).toEqual({ ...expected, raw: bytes });
    expect(toBody(Buffer.from(text), FORM)).toMatchObject(expected);
    expect(new TextDecoder().decode((toBody(Buffer.from(text), FORM) as { raw: Uint8Array }).raw)).toBe(text);
  });

  it('describes other bodies without reading them as params', () => {
    expect(toBody(undefined, undefined)).toEqual({ kind: 'none' });
    expect(toBody('', FORM)).toEqual({ kind: 'none' });
    expect(toBody('{"a":1}', 'application/json')).toEqual({
      kind: 'bytes',
      contentType: 'application/json',
      data: '{"a":1}',
    });
    expect(toBody(new FormData(), undefined)).toMatchObject({ kind: 'opaque', stream: false });
    expect(toBody(new Blob(['x']), undefined)).toMatchObject({ kind: 'opaque', stream: false });
  });

  it('marks streams, web and node alike', () => {
    expect(toBody(new ReadableStream(), FORM)).toMatchObject({ kind: 'opaque', stream: true });
    expect(toBody(Readable.from(['a=1']), FORM)).toMatchObject({ kind: 'opaque', stream: true });
  });
});

describe('textBody', () => {
  it('reads form text as fields, whatever the content type case or parameters', () => {
    expect(textBody('a=1&b=x+y%26z', 'Application/X-WWW-Form-Urlencoded; charset=utf-8')).toEqual({
      kind: 'form',
      fields: [
        ['a', '1'],
        ['b', 'x y&z'],
      ],
      raw: 'a=1&b=x+y%26z',
    });
  });

  it('keeps other text as bytes, and treats empty text as no body', () => {
    expect(textBody('{"a":1}', 'application/json')).toEqual({
      kind: 'bytes',
      contentType: 'application/json',
      data: '{"a":1}',
    });
    expect(textBody('a=1', null)).toEqual({ kind: 'bytes', contentType: undefined, data: 'a=1' });
    expect(textBody('', FORM)).toEqual({ kind: 'none' });
  });

  it('classifies text exactly as toBody does', () => {
    for (const [text, type] of [
      ['a=1&a=2', FORM],
      ['plain', 'text/plain'],
      ['', 'text/plain'],
      ['x', undefined],
    ] as const) {
      expect(textBody(text, type)).toEqual(toBody(text, type));
    }
  });
});

describe('formWire', () => {
  it('is the raw form when the adapter had it, else the WHATWG urlencoded fields', () => {
    expect(formWire({ kind: 'form', fields: [['a', 'x y']], raw: 'a=x%20y' })).toBe('a=x%20y');
    const bytes = new Uint8Array([97, 61, 49]);
    expect(formWire({ kind: 'form', fields: [['a', '1']], raw: bytes })).toBe(bytes);
    // application/x-www-form-urlencoded: space as '+', '~' and '&' escaped.
    expect(
      formWire({
        kind: 'form',
        fields: [
          ['a', 'x y'],
          ['b', '~&'],
        ],
      }),
    ).toBe('a=x+y&b=%7E%26');
  });
});
