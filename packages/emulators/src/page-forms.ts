/**
 * A form on an emulator page (an authorize or approve page): where it posts, its fields, and
 * the label of its button.
 *
 * @example
 * ```ts
 * const deny: PageForm = pageForms(html).find((form) => form.label === 'Deny')!;
 * ```
 */
export interface PageForm {
  readonly action: string;
  readonly method: string;
  /** The submit button's text, e.g. `Approve`. */
  readonly label: string;
  /** The fields a browser would submit: named inputs, checkboxes only when checked. */
  readonly fields: [string, string][];
}

const decodeEntities = (s: string): string =>
  s
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

const attr = (attrs: string, name: string): string | undefined =>
  new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];

/**
 * The forms of an emulator page, read the way a browser would submit them. Made for the
 * emulators' own small pages (every page they render is a handful of flat forms), not for
 * arbitrary HTML.
 *
 * @example
 * ```ts
 * const approve = pageForms(await (await fetch(authorizeUrl)).text()).find((f) => f.label === 'Approve')!;
 * ```
 */
export function pageForms(html: string): PageForm[] {
  const forms: PageForm[] = [];
  for (const [, attrs = '', inner = ''] of html.matchAll(/<form\b([^>]*)>(.*?)<\/form>/gs)) {
    const fields: [string, string][] = [];
    for (const [, input = ''] of inner.matchAll(/<input\b([^>]*)>/g)) {
      const name = attr(input, 'name');
      if (name === undefined || (/type="checkbox"/.test(input) && !/\bchecked\b/.test(input))) continue;
      fields.push([decodeEntities(name), decodeEntities(attr(input, 'value') ?? '')]);
    }
    forms.push({
      action: decodeEntities(attr(attrs, 'action') ?? ''),
      method: (attr(attrs, 'method') ?? 'get').toUpperCase(),
      label: decodeEntities(/<button\b[^>]*>\s*([^<]*?)\s*<\/button>/.exec(inner)?.[1] ?? ''),
      fields,
    });
  }
  return forms;
}

/**
 * Opens an emulator's authorization page and clicks the button labelled `label`, as a person
 * would: GET the page, then submit the form that holds the button. Redirects are not followed,
 * so the answer is returned as the emulator gave it (a redirect to the app's callback, or a page
 * showing an `oob` verifier). Throws when the page has no such button.
 *
 * @example
 * ```ts
 * const { url } = await flow.start();
 * await clickButton(url, 'Approve');
 * await flow.complete();
 * ```
 */
export async function clickButton(
  url: string | URL,
  label: string,
  { fetch = globalThis.fetch }: { fetch?: typeof globalThis.fetch } = {},
): Promise<Response> {
  const page = await fetch(url);
  const html = await page.text();
  const form = pageForms(html).find((f) => f.label === label);
  if (!form)
    throw new Error(`@authplug/emulators: no "${label}" button on ${String(url)} (HTTP ${page.status})`);
  const target = new URL(form.action, url);
  const body = new URLSearchParams(form.fields);
  return form.method === 'GET'
    ? fetch(new URL(`?${body}`, target), { redirect: 'manual' })
    : fetch(target, { method: 'POST', body, redirect: 'manual' });
}
