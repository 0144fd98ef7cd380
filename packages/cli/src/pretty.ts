// Answers made readable on a terminal: JSON indented, XML indented (ipernity and Safe Creative
// answer in XML by default), names coloured. Piped output is never reformatted.
import pc from 'picocolors';

const json = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** XML one element per line, indented by nesting; an element holding only text stays on one line. */
function xml(text: string): string | undefined {
  const tokens = text
    .trim()
    .split(/(<[^>]+>)/)
    .filter((t) => t.trim() !== '');
  if (!tokens[0]?.startsWith('<')) return undefined;
  const lines: string[] = [];
  const tag = (t: string) =>
    t.replace(/^(<\/?)([^\s/>]+)/, (_m, open: string, name: string) => open + pc.cyan(name));
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const pad = '  '.repeat(depth);
    if (t.startsWith('</')) {
      depth = Math.max(0, depth - 1);
      lines.push('  '.repeat(depth) + tag(t));
    } else if (!t.startsWith('<')) {
      lines.push(pad + t.trim());
    } else if (t.startsWith('<?') || t.startsWith('<!') || t.endsWith('/>')) {
      lines.push(pad + tag(t));
    } else if (!tokens[i + 1]?.startsWith('<') && tokens[i + 2]?.startsWith('</')) {
      lines.push(pad + tag(t) + tokens[i + 1]!.trim() + tag(tokens[i + 2]!));
      i += 2;
    } else {
      lines.push(pad + tag(t));
      depth++;
    }
  }
  return lines.join('\n');
}

/**
 * The body for a terminal: JSON or XML indented with coloured names (picocolors is a no-op
 * without colours), anything else as it came.
 *
 * @example
 * ```ts
 * pretty('<a><b>1</b></a>'); // '<a>\n  <b>1</b>\n</a>' (without colours)
 * ```
 */
export function pretty(text: string): string {
  const parsed = json(text);
  if (parsed !== undefined) {
    return JSON.stringify(parsed, null, 2).replace(
      /^(\s*)("(?:[^"\\]|\\.)*")(?=: )/gm,
      (_m, space: string, name: string) => space + pc.cyan(name),
    );
  }
  return xml(text) ?? text;
}
