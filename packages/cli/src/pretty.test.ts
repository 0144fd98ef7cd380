import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { pretty as coloured } from './pretty.ts';

const pretty = (text: string) => stripVTControlCharacters(coloured(text));

// The layout, compared without colours (FORCE_COLOR may turn them on anywhere).
describe('pretty', () => {
  it('indents JSON by two spaces', () => {
    expect(pretty('{"a":{"b":[1,2]}}')).toBe('{\n  "a": {\n    "b": [\n      1,\n      2\n    ]\n  }\n}');
  });

  it('indents XML by nesting, text-only elements on one line', () => {
    const answer =
      '<?xml version="1.0" encoding="utf-8"?><restlistresponse><worklist><work><code>1</code><title>a &amp; b</title><empty/></work></worklist></restlistresponse>';
    expect(pretty(answer)).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<restlistresponse>',
        '  <worklist>',
        '    <work>',
        '      <code>1</code>',
        '      <title>a &amp; b</title>',
        '      <empty/>',
        '    </work>',
        '  </worklist>',
        '</restlistresponse>',
      ].join('\n'),
    );
  });

  it('leaves anything else as it came', () => {
    expect(pretty('plain text')).toBe('plain text');
  });
});
