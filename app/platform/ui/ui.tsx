import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { messageText } from '#app/platform/i18n/keys.ts'

/**
 * Thin React wrappers over the Utrecht (NL Design System) component CSS, so every page
 * uses the same accessible building blocks.
 */

export function Heading({ level, children, id }: { level: 1 | 2 | 3 | 4; children: ReactNode; id?: string }) {
  const Tag = `h${level}` as const
  return (
    <Tag id={id} className={`utrecht-heading-${level}`}>
      {children}
    </Tag>
  )
}

export function Paragraph({ children, lead, className }: { children: ReactNode; lead?: boolean; className?: string }) {
  return <p className={['utrecht-paragraph', lead && 'utrecht-paragraph--lead', className].filter(Boolean).join(' ')}>{children}</p>
}

// Field components accept any Conform field: the schema, not the widget, decides the value's type.
type AnyField = FieldMetadata<unknown, Record<string, unknown>, string[]>

type ButtonAppearance = 'primary' | 'secondary' | 'subtle'

export function buttonClass(appearance: ButtonAppearance = 'primary') {
  return `utrecht-button utrecht-button--${appearance === 'subtle' ? 'subtle' : `${appearance}-action`}`
}

export function Button({
  appearance = 'primary',
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { appearance?: ButtonAppearance }) {
  return <button type="submit" {...props} className={[buttonClass(appearance), props.className].filter(Boolean).join(' ')} />
}

export function Alert({ type, children, role }: { type: 'info' | 'ok' | 'warning' | 'error'; children: ReactNode; role?: 'alert' | 'status' }) {
  return (
    <div className={`utrecht-alert utrecht-alert--${type}`} role={role ?? (type === 'error' ? 'alert' : 'status')}>
      <div className="utrecht-alert__content">
        <div className="utrecht-alert__message">{children}</div>
      </div>
    </div>
  )
}

export function Badge({ children }: { children: ReactNode }) {
  return <span className="utrecht-data-badge">{children}</span>
}

/** Translated field errors; schema messages are i18n keys. */
function FieldErrors({ id, errors }: { id: string; errors: string[] | undefined }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <div className="utrecht-form-field-error-message" id={id}>
      {errors.map((error) => (
        <div key={error}>{messageText(t, error)}</div>
      ))}
    </div>
  )
}

function describedBy(...ids: Array<string | false | undefined>) {
  const joined = ids.filter(Boolean).join(' ')
  return joined || undefined
}

/**
 * The NL Design System form field around one control: label, description, errors. The
 * control gets the ids to point at (`aria-describedby`) from `describedById`.
 */
export function FormField({
  kind,
  inputId,
  label,
  description,
  descriptionId,
  errors,
  errorId,
  children,
}: {
  kind: 'text' | 'select' | 'textarea'
  inputId: string
  label: string
  description?: string
  descriptionId?: string
  errors?: string[]
  errorId?: string
  children: ReactNode
}) {
  const invalid = Boolean(errors?.length)
  return (
    <div className={`utrecht-form-field utrecht-form-field--${kind}${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={inputId}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      {errorId ? <FieldErrors id={errorId} errors={errors} /> : null}
      <div className="utrecht-form-field__input">{children}</div>
    </div>
  )
}

/** What a Conform field hands its control: validity and the descriptions to announce. */
function fieldAria(field: AnyField, description?: string) {
  const invalid = Boolean(field.errors?.length)
  return {
    invalid,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy(description && field.descriptionId, invalid && field.errorId),
  }
}

function shellProps(field: AnyField, label: string, description?: string) {
  return { inputId: field.id, label, description, descriptionId: field.descriptionId, errors: field.errors, errorId: field.errorId }
}

export function TextField({
  field,
  label,
  description,
  type = 'text',
  autoComplete,
  inputMode,
}: {
  field: AnyField
  label: string
  description?: string
  type?: 'text' | 'email' | 'password' | 'number'
  autoComplete?: string
  inputMode?: React.HTMLAttributes<HTMLInputElement>['inputMode']
}) {
  const { invalid, ...aria } = fieldAria(field, description)
  const { key, ...inputProps } = getInputProps(field, { type, ariaAttributes: false })
  return (
    <FormField kind="text" {...shellProps(field, label, description)}>
      <input
        key={key}
        {...inputProps}
        {...aria}
        autoComplete={autoComplete}
        inputMode={inputMode}
        className={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`}
      />
    </FormField>
  )
}

export function TextAreaField({ field, label, description, rows = 4 }: { field: AnyField; label: string; description?: string; rows?: number }) {
  const { invalid, ...aria } = fieldAria(field, description)
  const { key, ...textareaProps } = getTextareaProps(field, { ariaAttributes: false })
  return (
    <FormField kind="textarea" {...shellProps(field, label, description)}>
      <textarea
        key={key}
        {...textareaProps}
        {...aria}
        rows={rows}
        className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
      />
    </FormField>
  )
}

export function SelectField({
  field,
  label,
  options,
  placeholder,
}: {
  field: AnyField
  label: string
  options: Array<{ value: string; label: string }>
  placeholder?: string
}) {
  const { invalid, ...aria } = fieldAria(field)
  const { key, ...selectProps } = getSelectProps(field, { ariaAttributes: false })
  return (
    <FormField kind="select" {...shellProps(field, label)}>
      <select
        key={key}
        {...selectProps}
        {...aria}
        className={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
      >
        {placeholder ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FormField>
  )
}

export function CheckboxField({ field, label }: { field: AnyField; label: string }) {
  const { key, ...inputProps } = getInputProps(field, { type: 'checkbox', ariaAttributes: false })
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox">
      <div className="utrecht-form-field__input">
        <input key={key} {...inputProps} className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom" />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={field.id}>
          {label}
        </label>
      </div>
    </div>
  )
}

/** Form-level errors (not tied to one field), e.g. "too many attempts". */
export function FormErrors({ errors }: { errors: string[] | undefined }) {
  const { t } = useTranslation()
  if (!errors?.length) return null
  return (
    <Alert type="error">
      {errors.map((error) => (
        <p key={error} className="utrecht-paragraph">
          {messageText(t, error)}
        </p>
      ))}
    </Alert>
  )
}
