/**
 * CSV cells (RFC 4180 quoting) made safe for spreadsheets: a cell starting with = + - @ TAB or CR is
 * read as a formula by Excel/LibreOffice (OWASP "CSV injection"), so it gets a leading `'`.
 * Report data is attacker-controlled (any receiver can send us a report).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRows(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null | undefined)[])[],
): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
