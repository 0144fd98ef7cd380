// Server-rendered HTML for the web demo: one layout, escaped text, a little CSS.

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** A trusted HTML fragment (already escaped). */
export class Html {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** Tagged template: interpolated strings are escaped, {@link Html} fragments and arrays of them are not. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += render(value) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
}

const CSS = `
:root { color-scheme: light; --ink: #1d2330; --muted: #5d6675; --line: #e2e6ee; --ok: #1a7f4b; --bad: #b42318; --warn: #9a6700; --accent: #3451b2; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f5f7fb; }
header { background: #1d2330; color: #fff; padding: 20px 32px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 4px 0 0; color: #c5cbe0; }
header a { color: #c5d3ff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 48px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 20px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 18px 20px; }
.card h2 { margin: 0; font-size: 18px; display: flex; align-items: center; gap: 10px; }
.card .flow { color: var(--muted); margin: 4px 0 12px; font-size: 14px; }
.badge { font-size: 12px; font-weight: 600; padding: 2px 8px; border-radius: 999px; background: #eef1f6; color: var(--muted); }
.badge.connected { background: #e3f5ec; color: var(--ok); }
.badge.denied { background: #fff4dc; color: var(--warn); }
.badge.error { background: #fde8e7; color: var(--bad); }
.actions { display: flex; gap: 8px; margin: 12px 0; }
button { font: inherit; font-weight: 600; border: 0; border-radius: 6px; padding: 7px 14px; background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: #eef1f6; color: var(--ink); }
.notice { border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.notice.denied { background: #fff4dc; color: var(--warn); }
.notice.error { background: #fde8e7; color: var(--bad); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 14px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.ok { color: var(--ok); font-weight: 600; }
td.fail { color: var(--bad); font-weight: 600; }
pre { background: #f5f7fb; border: 1px solid var(--line); border-radius: 6px; padding: 10px; overflow-x: auto; font-size: 13px; margin: 6px 0 0; }
h3 { font-size: 14px; margin: 14px 0 4px; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
ul.checks { list-style: none; padding: 0; }
ul.checks li { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
li.ok b, #summary.ok { color: var(--ok); }
li.fail b, #summary.fail { color: var(--bad); }
footer { color: var(--muted); font-size: 13px; margin-top: 28px; }
`;

/** The page layout. */
export function layout(title: string, body: Html): Response {
  const page = html`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${title}</title><style>${new Html(CSS)}</style></head>
<body>${body}</body></html>`;
  return new Response(page.value, { headers: { 'content-type': 'text/html; charset=utf-8' } });
}
