import { useId, useState, type ReactNode } from 'react'

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
  const invalid = messages.length > 0
  const descriptionId = `${id}-description`
  const errorId = `${id}-error`
  const describedBy = [description && descriptionId, invalid && errorId].filter(Boolean).join(' ') || undefined
  const shared = {
    id,
    value: draft ?? value,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    'data-testid': testId,
    onBlur: settle,
  }
  return (
    <FieldFrame
      id={id}
      label={label}
      labelHidden={labelHidden}
      invalid={invalid}
      description={
        description ? (
          <div className="utrecht-form-field-description" id={descriptionId}>
            {description}
          </div>
        ) : null
      }
      error={invalid ? <FieldError id={errorId} messages={messages} /> : null}
    >
      {multiline ? (
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
          className={`utrecht-textbox utrecht-textbox--html-input${size === 'small' ? ' pw-textbox--small' : ''}${invalid ? ' utrecht-textbox--invalid' : ''}`}
          onChange={(event) => change(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') settle()
          }}
        />
      )}
    </FieldFrame>
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
  const errorId = `${id}-error`
  const invalid = issues.length > 0
  const known = options.some((option) => option.value === value)
  return (
    <FieldFrame id={id} label={label} invalid={invalid} error={invalid ? <FieldError id={errorId} messages={issues} /> : null}>
      <select
        id={id}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? errorId : undefined}
        className={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
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
    </FieldFrame>
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
  const descriptionId = `${id}-description`
  const errorId = `${id}-error`
  return (
    <FieldFrame
      id={id}
      label={label}
      invalid={error !== null}
      description={
        description ? (
          <div className="utrecht-form-field-description" id={descriptionId}>
            {description}
          </div>
        ) : null
      }
      error={error ? <FieldError id={errorId} messages={[error]} /> : null}
    >
      <input
        id={id}
        type="text"
        value={value}
        aria-invalid={error !== null || undefined}
        aria-describedby={[description && descriptionId, error && errorId].filter(Boolean).join(' ') || undefined}
        className={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldFrame>
  )
}

export function FieldFrame({
  id,
  label,
  labelHidden,
  invalid,
  description,
  error,
  children,
}: {
  id: string
  label: string
  labelHidden?: boolean
  invalid: boolean
  description?: ReactNode
  error: ReactNode
  children: ReactNode
}) {
  return (
    <div className={`utrecht-form-field utrecht-form-field--text${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <div className={`utrecht-form-field__label${labelHidden ? ' pw-visually-hidden' : ''}`}>
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {description}
      {error}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  )
}

export function FieldError({ id, messages }: { id: string; messages: readonly string[] }) {
  return (
    <div className="utrecht-form-field-error-message" id={id}>
      {messages.map((message) => (
        <div key={message}>{message}</div>
      ))}
    </div>
  )
}
