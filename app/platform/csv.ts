// Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): tab and
// carriage return included, because some spreadsheets skip them and then see the next character.
const FORMULA_START = /^[=+\-@\t\r]/

/** Whether a spreadsheet would execute this cell. */
export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value)
}

/** The cell as text a spreadsheet shows but never executes: a leading `'` where it would start a formula. */
export function csvSafeCell(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value
}
