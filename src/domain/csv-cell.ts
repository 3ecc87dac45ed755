/**
 * One CSV cell, quoted when needed and neutralised against formula injection: a text cell starting with
 * = + - @ (or a tab or carriage return) is run as a formula by spreadsheet programs, so it gets a leading
 * apostrophe (OWASP "CSV injection"). Numbers stay numbers: -3 is a value, not a formula.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
