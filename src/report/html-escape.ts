/** Text safe inside HTML elements and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * JSON safe inside a `<script>` element: `<` (so no `</script>` or `<!--` can end it early)
 * and the line separators U+2028/U+2029 are escaped; JSON.parse reads them back unchanged.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * JavaScript source safe inside a `<script>` element: a `</script` (in a string or a regular
 * expression, the only places it can be) becomes `<\/script`, which means the same there.
 */
export function scriptSource(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}
