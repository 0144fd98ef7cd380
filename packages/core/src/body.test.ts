import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { textBody, toBody } from './body.ts';

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
    // Text and bytes also keep the exact text, for schemes that hash the payload as sent.
    const asSent = { ...expected, text: 'a=1&b=x+y%26z' };
    expect(toBody('a=1&b=x+y%26z', FORM)).toEqual(asSent);
    expect(toBody(new TextEncoder().encode('a=1&b=x+y%26z'), `${FORM}; charset=utf-8`)).toEqual(asSent);
    expect(toBody(Buffer.from('a=1&b=x+y%26z'), FORM)).toEqual(asSent);
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
      text: 'a=1&b=x+y%26z',
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
