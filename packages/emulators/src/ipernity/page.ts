import { escapeHtml, page } from '../html.ts';

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
