import { describe, expect, it } from 'vitest';
import { startEmulators } from './all.ts';
import { clickButton, pageForms } from './page-forms.ts';

describe('pageForms', () => {
  it('reads forms as a browser would submit them', () => {
    const html =
      '<form method="post" action="authorize?x=1&amp;y=2"><input type="hidden" name="t" value="a&quot;b"/>' +
      '<input type="checkbox" name="on" value="1" checked/><input type="checkbox" name="off" value="1"/>' +
      '<button type="submit">Approve</button></form><form action="deny"><button>Deny</button></form>';
    expect(pageForms(html)).toEqual([
      {
        action: 'authorize?x=1&y=2',
        method: 'POST',
        label: 'Approve',
        fields: [
          ['t', 'a"b'],
          ['on', '1'],
        ],
      },
      { action: 'deny', method: 'GET', label: 'Deny', fields: [] },
    ]);
  });
});

describe('clickButton', () => {
  it('says which button is missing rather than submitting the wrong form', async () => {
    const server = await startEmulators();
    try {
      await expect(clickButton(`${server.url}/historypin/en/api/nothing`, 'Approve')).rejects.toThrow(
        /no "Approve" button/,
      );
    } finally {
      await server.close();
    }
  });
});
