/**
 * CSV formula injection (OWASP, https://owasp.org/www-community/attacks/CSV_Injection): a
 * spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some, a tab or a
 * carriage return) as a formula, so a scenario named `=HYPERLINK(...)` or a grid value
 * `@SUM(...)` would run when the results are opened. Such TEXT cells are written with a single
 * quote in front (`'=HYPERLINK(...)`), which spreadsheets show as text and pandas reads as a
 * string that still names the value.
 *
 * Numbers are never touched: a cell that reads as a number (`-3`, `-1.5e-7`, `+2`) or as the
 * infinities `formatNumber` writes (`-inf`) stays as it is, so negative figures stay numbers.
 * The rule is idempotent (a quoted cell starts with `'`), so reading a file and writing it back
 * (`sim merge`, a resumed sweep) gives the same bytes.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `text` as it is written into a CSV cell. */
export function safeCsvText(text: string): string {
  if (!FORMULA_START.test(text) || NUMBER.test(text) || text === '-inf' || text === '+inf') return text;
  return `'${text}`;
}

/** Reverses `safeCsvText` for display (a report's titles): `'=x` -> `=x`. */
export function unquoteCsvText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
