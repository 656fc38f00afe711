/** Cells a spreadsheet would run as a formula; `'` in front makes them text (OWASP CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: the formula guard first (unless turned off, for pipelines that want the values
 * as stored), then RFC 4180 quoting when the value needs it.
 */
export function csvCell(value: string | number | null | undefined, formulaGuard = true): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (formulaGuard && typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function csvLine(values: (string | number | null | undefined)[], formulaGuard = true): string {
  return `${values.map((v) => csvCell(v, formulaGuard)).join(',')}\r\n`;
}

/** The byte-order mark that makes spreadsheet programs read the file as UTF-8. */
export const UTF8_BOM = '\uFEFF';
