import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { toBody } from './body.ts';

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
    expect(toBody('a=1&b=x+y%26z', FORM)).toEqual(expected);
    expect(toBody(new TextEncoder().encode('a=1&b=x+y%26z'), `${FORM}; charset=utf-8`)).toEqual(expected);
    expect(toBody(Buffer.from('a=1&b=x+y%26z'), FORM)).toEqual(expected);
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
