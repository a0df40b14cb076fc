import type { ReactNode } from 'react'

/**
 * The one data table over the Utrecht table CSS: a caption (visible or for screen readers
 * only), column headers with `scope="col"`, the cell that names a row as `th scope="row"`,
 * numeric columns aligned right, and optional footer rows (totals) with the same columns.
 */
export interface TableColumn<Row> {
  /** Unique among the columns; the header text is used when it is a string. */
  key?: string
  header: ReactNode
  cell: (row: Row) => ReactNode
  numeric?: boolean
  /** This column names the row (`th scope="row"`). */
  rowHeader?: boolean
  /** Hides the header visually (it still names the column), e.g. above a column of buttons. */
  headerHidden?: boolean
}

export function Table<Row>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  footer,
  rowClassName,
  className,
  testId,
}: {
  caption: ReactNode
  captionHidden?: boolean
  columns: ReadonlyArray<TableColumn<Row> | false | null | undefined>
  rows: readonly Row[]
  rowKey: (row: Row) => string
  footer?: readonly Row[]
  rowClassName?: (row: Row) => string | undefined
  className?: string
  testId?: string
}) {
  const shown = columns.filter((column): column is TableColumn<Row> => Boolean(column))
  const columnKey = (column: TableColumn<Row>, index: number) =>
    column.key ?? (typeof column.header === 'string' ? column.header : String(index))
  const renderRow = (row: Row, extraClass?: string) => (
    <tr key={rowKey(row)} className={['utrecht-table__row', rowClassName?.(row), extraClass].filter(Boolean).join(' ')}>
      {shown.map((column, index) =>
        column.rowHeader ? (
          <th key={columnKey(column, index)} className="utrecht-table__header-cell" scope="row">
            {column.cell(row)}
          </th>
        ) : (
          <td
            key={columnKey(column, index)}
            className={`utrecht-table__cell${column.numeric ? ' utrecht-table__cell--numeric-data' : ''}`}
          >
            {column.cell(row)}
          </td>
        ),
      )}
    </tr>
  )
  return (
    // A wide table scrolls inside this box, which keyboard users must be able to reach to scroll it (WCAG 2.1.1).
    <div className="pw-table-wrap" tabIndex={0}>
      <table className={['utrecht-table', className].filter(Boolean).join(' ')} data-testid={testId}>
        <caption className={captionHidden ? 'pw-visually-hidden' : 'utrecht-table__caption'}>{caption}</caption>
        <thead className="utrecht-table__header">
          <tr className="utrecht-table__row">
            {shown.map((column, index) => (
              <th
                key={columnKey(column, index)}
                scope="col"
                className={`utrecht-table__header-cell${column.numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`}
              >
                {column.headerHidden ? <span className="pw-visually-hidden">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="utrecht-table__body">{rows.map((row) => renderRow(row))}</tbody>
        {footer?.length ? (
          <tfoot className="utrecht-table__footer">{footer.map((row) => renderRow(row, 'pw-table__total'))}</tfoot>
        ) : null}
      </table>
    </div>
  )
}
