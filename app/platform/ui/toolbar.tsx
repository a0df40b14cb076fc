import type { KeyboardEvent, ReactNode } from 'react'
import { buttonClass } from './ui.tsx'

/**
 * An ARIA toolbar: groups of buttons (and selects) that the arrow keys walk through. Its
 * buttons are drawn from a table of commands, so each command is one row, not one more copy
 * of the same button.
 */

export interface ToolbarCommand {
  id: string
  label: string
  /** A longer name for screen readers; it contains the visible label (WCAG 2.5.3). */
  ariaLabel?: string
  /** As `aria-keyshortcuts` spells it, e.g. `Control+Alt+2`. */
  shortcut?: string
  /** A toggle's state (bold on or off); left out for plain actions. */
  pressed?: boolean
  disabled?: boolean
  run: () => void
}

export function Toolbar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="pw-toolbar" role="toolbar" aria-label={label} onKeyDown={moveFocusWithArrows}>
      {children}
    </div>
  )
}

export function ToolbarGroup({ commands = [], children }: { commands?: readonly ToolbarCommand[]; children?: ReactNode }) {
  return (
    <div className="pw-toolbar__group">
      {children}
      {commands.map((command) => (
        <button
          key={command.id}
          type="button"
          className={`${buttonClass('secondary')} pw-toolbar__button`}
          aria-label={command.ariaLabel}
          aria-pressed={command.pressed}
          aria-keyshortcuts={command.shortcut}
          disabled={command.disabled}
          onClick={command.run}
        >
          {command.label}
        </button>
      ))}
    </div>
  )
}

/** Arrow keys walk the toolbar, as the ARIA toolbar pattern expects; Tab still works too. */
function moveFocusWithArrows(event: KeyboardEvent<HTMLDivElement>) {
  const step = { ArrowLeft: -1, ArrowRight: 1, Home: -Infinity, End: Infinity }[event.key]
  // On a select the arrow keys choose an option.
  if (step === undefined || event.target instanceof HTMLSelectElement) return
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('button:not(:disabled), select:not(:disabled)')]
  const index = items.indexOf(event.target as HTMLElement)
  const next = Number.isFinite(step) ? (index + step + items.length) % items.length : step < 0 ? 0 : items.length - 1
  items[next]?.focus()
  event.preventDefault()
}

/** A choice inside a toolbar: a compact label and select on one line. */
export function ToolbarSelect({
  id,
  label,
  value,
  options,
  disabled,
  emptyOption,
  onChange,
}: {
  id: string
  label: string
  value: string
  options: ReadonlyArray<{ value: string; label: string }>
  disabled?: boolean
  /** The text of an empty first option, shown while there is nothing to choose. */
  emptyOption?: string
  onChange: (value: string) => void
}) {
  return (
    <>
      <label className="pw-toolbar__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="utrecht-select utrecht-select--html-select pw-toolbar__select"
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
      >
        {emptyOption !== undefined ? <option value="">{emptyOption}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </>
  )
}
