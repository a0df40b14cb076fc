import { CsvError, parse } from 'csv-parse/sync'
import { stringify } from 'csv-stringify/sync'
import { csvSafeCell } from '#app/platform/csv.ts'
import { realisationSchema, spendingSchema, type RealisationFigure, type SpendingFigure } from './report-forms.ts'
import type { TrackedPact } from './tracked-pact.ts'
import { COLUMNS, MAX_CSV_BYTES, MAX_CSV_LINES, MAX_LISTED_ERRORS, type CsvKind } from './csv-format.ts'

/**
 * Spreadsheets in the Dutch Excel dialect: `;` between cells, UTF-8 with or without a byte-order
 * mark, decimal commas, amounts as `1.234,56` or `1234,56`, dates as `dd-mm-jjjj`, `ja`/`nee`.
 *
 * The reader is total: whatever the file holds, it returns either every line as a figure or
 * every problem with its line number (1 is the header) and an i18n key (`tracking.csv.*`,
 * `tracking.errors.*`). Lines are checked by the same schemas as the report form, so a CSV
 * line and a form say the same about the same figure. An import is all-or-nothing: one bad
 * line and nothing is saved.
 */

// Which schema field each column fills, and which columns hold numbers (parsed, so never formulas).
const FIELDS: Record<string, string> = {
  resultaatgebied: 'resultArea',
  indicator: 'indicator',
  partij: 'party',
  periode: 'period',
  waarde: 'value',
  uitgaven: 'amount',
  bron: 'source',
  peildatum: 'referenceDate',
  toelichting: 'note',
  openbaar: 'public',
}
const NUMERIC_COLUMNS = new Set(['waarde', 'uitgaven'])

export interface CsvProblem {
  /** 1 is the header line; 0 is the file as a whole. */
  line: number
  column: string | null
  message: string
}

export type CsvImport<F> =
  { ok: true; figures: Array<{ line: number; figure: F }> } | { ok: false; problems: CsvProblem[]; more: number }

export function readRealisationsCsv(file: Uint8Array | string, pact: TrackedPact, partyId: string): CsvImport<RealisationFigure> {
  return readFigures(file, 'realisaties', realisationSchema(pact, partyId))
}

export function readSpendingCsv(file: Uint8Array | string, pact: TrackedPact, partyId: string): CsvImport<SpendingFigure> {
  return readFigures(file, 'uitgaven', spendingSchema(pact, partyId))
}

type LineSchema<F> = {
  safeParse(
    input: unknown,
  ): { success: true; data: F } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } }
}

function readFigures<F>(file: Uint8Array | string, kind: CsvKind, schema: LineSchema<F>): CsvImport<F> {
  const table = readTable(file, COLUMNS[kind])
  if (!table.ok) return table
  const problems: CsvProblem[] = [...table.problems]
  const figures: Array<{ line: number; figure: F }> = []
  for (const row of table.rows) {
    const input: Record<string, string> = {}
    COLUMNS[kind].forEach((column, index) => (input[FIELDS[column]!] = row.cells[index]!))
    const result = schema.safeParse(input)
    if (result.success) {
      figures.push({ line: row.line, figure: result.data })
      continue
    }
    for (const issue of result.error.issues) {
      const field = String(issue.path[0] ?? '')
      problems.push({
        line: row.line,
        column: COLUMNS[kind].find((column) => FIELDS[column] === field) ?? null,
        message: issue.message,
      })
    }
  }
  if (problems.length > 0) return fail(problems.sort((a, b) => a.line - b.line))
  if (figures.length === 0) return fail([{ line: 0, column: null, message: 'tracking.csv.empty' }])
  return { ok: true, figures }
}

function fail(problems: CsvProblem[]): { ok: false; problems: CsvProblem[]; more: number } {
  return { ok: false, problems: problems.slice(0, MAX_LISTED_ERRORS), more: Math.max(0, problems.length - MAX_LISTED_ERRORS) }
}

type Table =
  | { ok: true; rows: Array<{ line: number; cells: string[] }>; problems: CsvProblem[] }
  | { ok: false; problems: CsvProblem[]; more: number }

/**
 * The readable lines of a CSV file with exactly `columns`, each with its line number, and the
 * problems of the other lines; or, when the file as a whole cannot be read, only that.
 */
export function readTable(file: Uint8Array | string, columns: readonly string[]): Table {
  const whole = (message: string, line = 0) => fail([{ line, column: null, message }])
  const size = typeof file === 'string' ? Buffer.byteLength(file) : file.byteLength
  if (size > MAX_CSV_BYTES) return whole('tracking.csv.tooLarge')
  let text: string
  try {
    text = typeof file === 'string' ? file : new TextDecoder('utf-8', { fatal: true }).decode(file)
  } catch {
    return whole('tracking.csv.notUtf8')
  }
  text = text.replace(/^\uFEFF/, '')
  if (text.trim() === '') return whole('tracking.csv.empty')

  const headerLine = text.split(/\r?\n/, 1)[0]!
  const header = headerLine.split(';').map((cell) => cell.trim().replace(/^"|"$/g, '').toLocaleLowerCase('nl'))
  if (header.length === 1 && /[,\t]/.test(headerLine)) return whole('tracking.csv.wrongSeparator', 1)
  if (header.length !== columns.length || header.some((cell, index) => cell !== columns[index]))
    return whole('tracking.csv.wrongHeader', 1)

  let records: Array<{ record: string[]; info: { lines: number } }>
  try {
    records = parse(text, {
      delimiter: ';',
      relax_column_count: true,
      // A quote inside an unquoted cell (=HYPERLINK("…") typed into a spreadsheet) is text, judged below.
      relax_quotes: true,
      skip_empty_lines: true,
      info: true,
      from_line: 2,
      max_record_size: MAX_CSV_BYTES,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>
  } catch (error) {
    if (error instanceof CsvError)
      return whole('tracking.csv.malformed', Number((error as CsvError & { lines?: number }).lines ?? 0))
    throw error
  }
  if (records.length > MAX_CSV_LINES) return whole('tracking.csv.tooManyLines')

  const problems: CsvProblem[] = []
  const rows: Array<{ line: number; cells: string[] }> = []
  for (const { record, info } of records) {
    const line = info.lines
    if (record.every((cell) => cell.trim() === '')) continue
    if (record.length !== columns.length) {
      // "a,b,c" in a ';' file is one cell: the line was written with another separator.
      const mixed =
        record.length < columns.length &&
        record.some((cell) => /[,\t]/.test(cell) && cell.split(/[,\t]/).length >= columns.length)
      problems.push({ line, column: null, message: mixed ? 'tracking.csv.mixedSeparators' : 'tracking.csv.columnCount' })
      continue
    }
    const cells = record.map((cell) => cell.trim())
    // A cell csvSafeCell would have to defuse is one a spreadsheet would execute: refused, not stored.
    const formulas = columns.filter(
      (column, index) => !NUMERIC_COLUMNS.has(column) && csvSafeCell(record[index]!) !== record[index],
    )
    for (const column of formulas) problems.push({ line, column, message: 'tracking.csv.formula' })
    if (formulas.length === 0) rows.push({ line, cells })
  }
  return { ok: true, rows, problems }
}

/**
 * A CSV file in the same dialect, with a byte-order mark so Excel reads the accents. Text cells go
 * through csvSafeCell, so none is ever a formula; numeric cells hold only numbers this app formatted.
 */
export function writeCsv(kind: CsvKind, rows: ReadonlyArray<readonly string[]>): string {
  const columns = COLUMNS[kind]
  return stringify(
    rows.map((row) => row.map((cell, index) => (NUMERIC_COLUMNS.has(columns[index]!) ? cell : csvSafeCell(cell)))),
    { bom: true, delimiter: ';', header: true, columns: [...COLUMNS[kind]], record_delimiter: 'windows' },
  )
}
