import { XMLBuilder, XMLParser } from 'fast-xml-parser';

const builder = new XMLBuilder({ ignoreAttributes: true, suppressEmptyNode: false });

/**
 * A Safe Creative answer: XML by default, JSON for `format=json` (the same tree, root element
 * as the single top-level key). Errors are answered with HTTP 200 and an `<error>` root, as the
 * provider does (its Java client reads error bodies from successful responses).
 */
export function render(format: string, root: string, value: unknown, now: number): Response {
  const headers = { date: new Date(now).toUTCString() };
  if (format === 'json') {
    return new Response(JSON.stringify({ [root]: value }), {
      headers: { ...headers, 'content-type': 'application/json; charset=utf-8' },
    });
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: value })}`;
  return new Response(xml, { headers: { ...headers, 'content-type': 'text/xml; charset=utf-8' } });
}

/** The provider's error shape: `<error><errorId/><errorMessage/></error>`. */
export function renderError(format: string, errorId: string, errorMessage: string, now: number): Response {
  return render(format, 'error', { errorId, errorMessage }, now);
}

/**
 * A form on an emulator page: where it posts and its fields (hidden inputs).
 *
 * @example
 * ```ts
 * const form: PageForm = safecreativePageForms(html).find((f) => f.label === 'Deny')!;
 * ```
 */
export interface PageForm {
  readonly action: string;
  readonly method: string;
  /** The submit button's text, e.g. `Approve`. */
  readonly label: string;
  readonly fields: [string, string][];
}

const htmlParser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'form' || name === 'input',
});

/**
 * The forms of a Safe Creative emulator page (its pages are well-formed XHTML), e.g. to submit
 * authkey.edit's Approve form over HTTP the way a browser would.
 *
 * @example
 * ```ts
 * const page = await (await fetch(editUrl)).text();
 * const approve = safecreativePageForms(page).find((f) => f.label === 'Approve')!;
 * await fetch(new URL(approve.action, editUrl), { method: 'POST', body: new URLSearchParams(approve.fields) });
 * ```
 */
export function safecreativePageForms(html: string): PageForm[] {
  const forms: PageForm[] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    for (const [name, child] of Object.entries(node)) {
      if (name === 'form' && Array.isArray(child)) {
        for (const form of child as Record<string, unknown>[]) {
          const inputs = (form['input'] ?? []) as Record<string, string>[];
          const button = form['button'] as string | Record<string, string> | undefined;
          forms.push({
            action: String(form['@action'] ?? ''),
            method: String(form['@method'] ?? 'get').toUpperCase(),
            label: typeof button === 'string' ? button : String(button?.['#text'] ?? ''),
            fields: inputs.map((i) => [String(i['@name'] ?? ''), String(i['@value'] ?? '')]),
          });
        }
      } else walk(child);
    }
  };
  walk(htmlParser.parse(html));
  return forms;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small XHTML page. */
export function page(title: string, body: string, status = 200): Response {
  const html =
    `<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/><title>${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

export function message(title: string, text: string, status = 200): Response {
  return page(title, `<p>${escapeHtml(text)}</p>`, status);
}

/** authkey.edit: what the application asks for, and Approve / Deny forms carrying a one-time ticket. */
export function editPage(app: string, user: string, level: string, ticket: string): Response {
  const form = (decision: string, label: string) =>
    `<form method="post" action="authkey.edit"><input type="hidden" name="ticket" value="${escapeHtml(ticket)}"/>` +
    `<input type="hidden" name="decision" value="${decision}"/><button type="submit">${label}</button></form>`;
  return page(
    'Authorize application',
    `<p>Signed in as <b>${escapeHtml(user)}</b>.</p><p><b>${escapeHtml(app)}</b> asks for level <b>${escapeHtml(level)}</b>.</p>` +
      form('approve', 'Approve') +
      form('deny', 'Deny'),
  );
}
