const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The authorization page: what the application asks for, and Approve / Deny forms. */
export function authorizePage(
  app: string,
  user: string,
  perms: [string, string][],
  request: string,
): Response {
  const items = perms.map(([area, level]) => `<li>${escapeHtml(area)}: ${escapeHtml(level)}</li>`).join('');
  const form = (decision: string, label: string) =>
    `<form method="post" action="authorize"><input type="hidden" name="request" value="${escapeHtml(request)}"/>` +
    `<input type="hidden" name="decision" value="${decision}"/><button type="submit">${label}</button></form>`;
  return page(
    'Authorize application',
    `<p>Signed in as <b>${escapeHtml(user)}</b>.</p><p><b>${escapeHtml(app)}</b> asks for:</p><ul>${items}</ul>` +
      form('approve', 'Approve') +
      form('deny', 'Deny'),
  );
}

export function page(title: string, body: string, status = 200): Response {
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"/><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

export function message(title: string, text: string, status = 200): Response {
  return page(title, `<p>${escapeHtml(text)}</p>`, status);
}
