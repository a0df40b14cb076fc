import { useId, useState } from 'react'
import { Field, selectClass, textboxClass } from '#app/platform/ui/field.tsx'

/**
 * Form fields bound to the shared model. What someone types is written as soon as it is valid,
 * so the others see it while it is typed; what is not valid is never written (everyone else
 * keeps the last valid value) and the field says what is wrong once its writer leaves it.
 */

export type ParseResult<Value> = { ok: true; value: Value } | { ok: false; message: string }

interface LiveFieldProps<Value> {
  label: string
  description?: string
  /** The shared value as text. */
  value: string
  parse: (text: string) => ParseResult<Value>
  commit: (value: Value) => void
  /** Problems with the shared value itself (e.g. someone else wrote something invalid), translated. */
  issues?: readonly string[]
  multiline?: boolean
  inputMode?: 'decimal' | 'numeric' | 'text'
  size?: 'small' | 'normal'
  /** Hides the label visually (it is still the field's name), e.g. in a table whose headers say it. */
  labelHidden?: boolean
  testId?: string
}

export function LiveField<Value>({
  label,
  description,
  value,
  parse,
  commit,
  issues = [],
  multiline,
  inputMode,
  size = 'normal',
  labelHidden,
  testId,
}: LiveFieldProps<Value>) {
  const id = useId()
  // What this person typed, shown instead of the shared value while it differs from it.
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)

  const change = (text: string) => {
    setDraft(text)
    const result = parse(text)
    if (result.ok) {
      setError(null)
      commit(result.value)
    }
  }
  const settle = () => {
    if (draft === null) return
    const result = parse(draft)
    if (result.ok) setDraft(null)
    setError(result.ok ? null : result.message)
  }

  const messages = error ? [error] : issues
  return (
    <Field id={id} label={label} labelHidden={labelHidden} description={description} errors={messages}>
      {({ invalid, ...control }) => {
        const shared = { ...control, value: draft ?? value, 'data-testid': testId, onBlur: settle }
        return multiline ? (
          <textarea
            {...shared}
            rows={3}
            className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
            onChange={(event) => change(event.target.value)}
          />
        ) : (
          <input
            {...shared}
            type="text"
            inputMode={inputMode}
            className={textboxClass(invalid, size)}
            onChange={(event) => change(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') settle()
            }}
          />
        )
      }}
    </Field>
  )
}

/** A choice from a fixed list; a value that is not on it (written by someone else) shows as no choice. */
export function LiveSelect<Option extends string>({
  label,
  value,
  options,
  commit,
  issues = [],
}: {
  label: string
  value: string
  options: ReadonlyArray<{ value: Option; label: string }>
  commit: (value: Option) => void
  issues?: readonly string[]
}) {
  const id = useId()
  const known = options.some((option) => option.value === value)
  return (
    <Field id={id} kind="select" label={label} errors={issues}>
      {({ invalid, ...control }) => (
        <select
          {...control}
          value={value}
          className={selectClass(invalid)}
          onChange={(event) => {
            const chosen = options.find((option) => option.value === event.target.value)
            if (chosen) commit(chosen.value)
          }}
        >
          {known ? null : <option value={value} disabled />}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** A field of a local form (not bound to the shared model), e.g. the title of an area still to be added. */
export function FormField({
  label,
  description,
  value,
  onChange,
  error,
}: {
  label: string
  description?: string
  value: string
  onChange: (text: string) => void
  error: string | null
}) {
  const id = useId()
  return (
    <Field id={id} label={label} description={description} errors={error ? [error] : undefined}>
      {({ invalid, ...control }) => (
        <input
          {...control}
          type="text"
          value={value}
          className={textboxClass(invalid)}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  )
}
