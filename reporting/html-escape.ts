/** Text and attribute values for HTML and SVG: the five characters that could end or open markup. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A value as pretty JSON for a <pre>, cut at `max` characters. */
export function prettyValue(value: unknown, max = 4000): string {
  const text = value === undefined ? '(nothing)' : (JSON.stringify(value, null, 2) ?? String(value));
  return text.length > max ? `${text.slice(0, max)}\n… (${text.length} characters)` : text;
}

/** A fragment id from parts made of letters, digits and `_` (operation ids, check names); anything else becomes `-`. */
export function anchorId(...parts: string[]): string {
  return parts.map((p) => p.replace(/[^A-Za-z0-9_]/g, '-')).join('--');
}
