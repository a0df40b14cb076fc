/** The CSV files' format as both sides need it: kinds, columns and limits (the reader and writer are in csv.server.ts). */

export const MAX_CSV_BYTES = 2 * 1024 * 1024
export const MAX_CSV_LINES = 10_000
/** More problems than this are not listed one by one: the file needs fixing as a whole. */
export const MAX_LISTED_ERRORS = 200

export const CSV_KINDS = ['realisaties', 'uitgaven'] as const
export type CsvKind = (typeof CSV_KINDS)[number]

export const COLUMNS = {
  realisaties: ['resultaatgebied', 'indicator', 'periode', 'waarde', 'bron', 'peildatum', 'toelichting', 'openbaar'],
  uitgaven: ['resultaatgebied', 'partij', 'periode', 'uitgaven'],
} as const satisfies Record<CsvKind, readonly string[]>

export function isCsvKind(value: unknown): value is CsvKind {
  return typeof value === 'string' && (CSV_KINDS as readonly string[]).includes(value)
}
