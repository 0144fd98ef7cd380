// The emulators' small HTML pages (authorization pages, their answers, the server index): one
// escaper and one page shell.

/** Text made safe for HTML content and double-quoted attribute values. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A small page headed by its title; `root` is the opening `<html>` tag (XHTML for Safe Creative). */
export function page(title: string, body: string, status = 200, root = '<html>'): Response {
  const html = `<!DOCTYPE html>${root}<head><meta charset="utf-8"/><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** A page with one paragraph of text: errors, expired links, "authorization complete". */
export function message(title: string, text: string, status = 200, root?: string): Response {
  return page(title, `<p>${escapeHtml(text)}</p>`, status, root);
}
