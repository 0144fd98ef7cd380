import { XMLBuilder } from 'fast-xml-parser';
import { escapeHtml, message as htmlMessage, page } from '../html.ts';

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

const XHTML = '<html xmlns="http://www.w3.org/1999/xhtml">';

export function message(title: string, text: string, status = 200): Response {
  return htmlMessage(title, text, status, XHTML);
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
    200,
    XHTML,
  );
}
