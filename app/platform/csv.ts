// A spreadsheet runs a cell that starts with one of these as a formula (or, for tab and
// carriage return, strips them and then does): OWASP's list for CSV injection.
const FORMULA_START = /^[=+\-@\t\r]/
// A plain number such as `-1.234,56` or `+12` is no formula: leaving it alone keeps negative
// amounts numbers in the sheet.
const PLAIN_NUMBER = /^[+-]?\d[\d.,]*$/

/**
 * One cell of any CSV export, made safe to open in a spreadsheet: text that would start a
 * formula gets a leading apostrophe, which spreadsheets show as text and do not evaluate
 * (OWASP, "CSV Injection"). Every CSV writer passes its text cells through this.
 */
export function csvSafeCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}
