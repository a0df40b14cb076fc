import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Field, selectClass, textboxClass } from '#app/platform/ui/field.tsx'
import { Alert, buttonClass } from '#app/platform/ui/ui.tsx'
import type { Path } from './model-editor.ts'
import { usePeopleInField, useSharedFields, type SharedFields } from './shared-fields.tsx'

/**
 * Form fields bound to the shared model. What someone types is written once they pause (or leave
 * the field) and it is valid, so the others see it while it is typed; what is not valid is never
 * written (everyone else keeps the last valid value), the field says what is wrong once its writer
 * leaves it, and the input is kept. Typed input is never dropped without saying so: when someone
 * else's change reaches a field whose input is not in the shared model yet, the input stays and
 * the field shows the other value with a choice.
 */

export type ParseResult<Value> = { ok: true; value: Value } | { ok: false; message: string }

/** Long enough to write a number once, not once per digit; short enough to look live to the others. */
const WRITE_DELAY_MS = 400

interface LiveFieldProps<Value> {
  label: string
  description?: string
  /** The shared value as text. */
  value: string
  parse: (text: string) => ParseResult<Value>
  commit: (value: Value) => void
  /**
   * Where the value lives: a key for presence and kept input that stays the same while the model
   * changes around it, and its path in the model as read (to tell whose change reached the field).
   */
  shared?: { key: string; path: Path }
  /** The shared value as a notice names it, e.g. "€ 630.000,00". */
  describe?: (text: string) => string
  /** Problems with the shared value itself (e.g. someone else wrote something invalid), translated. */
  issues?: readonly string[]
  multiline?: boolean
  inputMode?: 'decimal' | 'numeric' | 'text'
  size?: 'small' | 'normal'
  /** Hides the label visually (it is still the field's name), e.g. in a table whose headers say it. */
  labelHidden?: boolean
  testId?: string
}

/** Why input that is not in the shared model waits for a choice. */
type Notice = { kind: 'conflict'; by: string | null } | { kind: 'restored' }

export function LiveField<Value>({
  label,
  description,
  value,
  parse,
  commit,
  shared,
  describe,
  issues = [],
  multiline,
  inputMode,
  size = 'normal',
  labelHidden,
  testId,
}: LiveFieldProps<Value>) {
  const { t } = useTranslation()
  const id = useId()
  const fields = useSharedFields()
  const fieldKey = fields && shared ? shared.key : null
  const people = usePeopleInField(fieldKey)
  const [restored] = useState(() => restoredInput(fields, fieldKey, value, parse))
  // What this person typed, shown instead of the shared value until it is in the model and they leave the field.
  const [draft, setDraft] = useState<string | null>(restored?.text ?? null)
  // The input last written to the shared model; a draft equal to it is saved.
  const [written, setWritten] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(restored?.error ?? null)
  const [notice, setNotice] = useState<Notice | null>(restored ? { kind: 'restored' } : null)
  const pendingWrite = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const seenValue = useRef(value)

  const write = (text: string) => {
    const result = parse(text)
    if (!result.ok) return
    commit(result.value)
    setWritten(text)
  }
  const cancelWrite = () => clearTimeout(pendingWrite.current)
  useEffect(() => cancelWrite, [])

  const change = (text: string) => {
    setDraft(text)
    cancelWrite()
    // Typing into input kept from before a reload answers it; someone else's change still waits for a choice.
    const waiting = notice?.kind === 'conflict'
    if (notice?.kind === 'restored') setNotice(null)
    const result = parse(text)
    if (!result.ok) return
    setError(null)
    if (!waiting) pendingWrite.current = setTimeout(() => write(text), WRITE_DELAY_MS)
  }
  const settle = () => {
    cancelWrite()
    if (draft === null) return
    const result = parse(draft)
    setError(result.ok ? null : result.message)
    if (!result.ok || notice) return
    if (written !== draft) commit(result.value)
    setDraft(null)
    setWritten(null)
  }
  const forget = () => {
    cancelWrite()
    setDraft(null)
    setWritten(null)
    setError(null)
    setNotice(null)
  }
  const keepMine = () => {
    const result = parse(draft ?? '')
    if (!result.ok) {
      setError(result.message)
      return
    }
    commit(result.value)
    forget()
  }

  // A change that reaches the field while its input is not (or no longer) what the model holds.
  useEffect(() => {
    if (value === seenValue.current) return
    seenValue.current = value
    if (draft === null || !fields || !shared) return
    const writer = fields.writerOf(shared.path)
    if (writer === 'self' || sameValue(parse, draft, value)) return
    cancelWrite()
    setWritten(null)
    setNotice({ kind: 'conflict', by: writer })
  }, [value, draft, fields, shared, parse])

  const unsaved = draft !== null && draft !== written ? draft : null
  useEffect(() => {
    if (!fields || !fieldKey) return
    fields.unsaved.write(fieldKey, unsaved)
  }, [fields, fieldKey, unsaved])
  useEffect(() => {
    if (!fields || !fieldKey) return
    return () => fields.unsaved.release(fieldKey)
  }, [fields, fieldKey])

  const sharedText = describe ? describe(value) : value || t('areas.live.empty')
  const messages = error ? [error] : issues
  return (
    <Field id={id} label={label} labelHidden={labelHidden} description={description} errors={messages}>
      {({ invalid, ...control }) => {
        const props = {
          ...control,
          value: draft ?? value,
          'data-testid': testId,
          onFocus: () => (fieldKey ? fields?.focus(fieldKey) : undefined),
          onBlur: () => {
            settle()
            if (fieldKey) fields?.focus(null)
          },
        }
        return (
          <>
            {multiline ? (
              <textarea
                {...props}
                rows={3}
                className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
                onChange={(event) => change(event.target.value)}
              />
            ) : (
              <input
                {...props}
                type="text"
                inputMode={inputMode}
                className={textboxClass(invalid, size)}
                onChange={(event) => change(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter') settle()
                }}
              />
            )}
            {people.length > 0 ? (
              <ul className="pw-field-presence" data-testid="field-presence">
                {people.map((person) => (
                  <li key={person.key} style={{ borderColor: person.color }}>
                    <span className="pw-presence__swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
                    {t('areas.live.editing', { name: person.label })}
                  </li>
                ))}
              </ul>
            ) : null}
            {notice && draft !== null ? (
              <div className="pw-field-notice" data-testid="field-notice">
                <Alert type="warning">
                  <p className="utrecht-paragraph">
                    {notice.kind === 'conflict'
                      ? t('areas.live.conflict', {
                          name: notice.by ?? t('areas.live.someoneElse'),
                          value: sharedText,
                          mine: draft,
                        })
                      : t('areas.live.restored', { value: sharedText, mine: draft })}
                  </p>
                  <div className="pw-field-row">
                    <button type="button" className={buttonClass('primary')} onClick={keepMine}>
                      {t('areas.live.keepMine')}
                    </button>
                    <button type="button" className={buttonClass('secondary')} onClick={forget}>
                      {t('areas.live.takeShared', { value: sharedText })}
                    </button>
                  </div>
                </Alert>
              </div>
            ) : null}
          </>
        )
      }}
    </Field>
  )
}

/** Input this tab kept from before a reload, unless the model holds it by now. */
function restoredInput<Value>(
  fields: SharedFields | null,
  fieldKey: string | null,
  value: string,
  parse: (text: string) => ParseResult<Value>,
): { text: string; error: string | null } | null {
  const text = fields && fieldKey ? fields.unsaved.read(fieldKey) : null
  if (text === null || sameValue(parse, text, value)) return null
  const result = parse(text)
  return { text, error: result.ok ? null : result.message }
}

/** Two inputs that mean the same value ("630000" and "630.000"), or the same text when either is not valid. */
function sameValue<Value>(parse: (text: string) => ParseResult<Value>, a: string, b: string): boolean {
  if (a === b) return true
  const [left, right] = [parse(a), parse(b)]
  return left.ok && right.ok && JSON.stringify(left.value) === JSON.stringify(right.value)
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
