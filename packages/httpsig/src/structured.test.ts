import { describe, expect, it } from 'vitest';
import { canonicalField, parseItem, serializeBare } from './structured.ts';

// RFC 8941 canonical serialization: the cases the structured-field-tests suite exercises most.

describe('structured fields', () => {
  it.each([
    ['dictionary', 'a=1,    b=2;x=1;y=2,   c=(a   b   c)', 'a=1, b=2;x=1;y=2, c=(a b c)'],
    ['dictionary', 'a=?1, b;x=?1', 'a, b;x'],
    ['dictionary', 'a=1, b=2, a=3', 'a=3, b=2'],
    ['dictionary', 'sha-256=:AAEC:', 'sha-256=:AAEC:'],
    ['list', '1.50,   "x\\"y",  tok/en,  ?0', '1.5, "x\\"y", tok/en, ?0'],
    ['list', '()  , (1)', '(), (1)'],
    ['item', '007;a=-1.000', '7;a=-1.0'],
  ] as const)('%s %s', (type, input, output) => {
    expect(canonicalField(input, type)).toBe(output);
  });

  it.each([
    ['dictionary', 'A=1'],
    ['dictionary', 'a=1,'],
    ['list', '"unterminated'],
    ['item', '1234567890123456'],
    ['item', '1.2345'],
    ['list', '(a b'],
    ['item', '"\\x"'],
  ] as const)('refuses %s %s', (type, input) => {
    expect(() => canonicalField(input, type)).toThrowError(SyntaxError);
  });

  it('escapes strings and refuses non-ASCII ones', () => {
    expect(serializeBare({ type: 'string', value: 'a"b\\c' })).toBe('"a\\"b\\\\c"');
    expect(() => serializeBare({ type: 'string', value: 'é' })).toThrowError(SyntaxError);
    expect(parseItem('"@query-param";name="Pet"').params).toEqual([
      ['name', { type: 'string', value: 'Pet' }],
    ]);
  });
});
