import { getInputProps, getSelectProps, type FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

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
        <div key={error}>{t(error)}</div>
      ))}
    </div>
  )
}

function describedBy(...ids: Array<string | false | undefined>) {
  const joined = ids.filter(Boolean).join(' ')
  return joined || undefined
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
  const invalid = Boolean(field.errors?.length)
  const { key, ...inputProps } = getInputProps(field, { type, ariaAttributes: false })
  return (
    <div className={`utrecht-form-field utrecht-form-field--text${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={field.id}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field-description" id={field.descriptionId}>
          {description}
        </div>
      ) : null}
      <FieldErrors id={field.errorId} errors={field.errors} />
      <div className="utrecht-form-field__input">
        <input
          key={key}
          {...inputProps}
          autoComplete={autoComplete}
          inputMode={inputMode}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(description && field.descriptionId, invalid && field.errorId)}
          className={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`}
        />
      </div>
    </div>
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
  const invalid = Boolean(field.errors?.length)
  const { key, ...selectProps } = getSelectProps(field, { ariaAttributes: false })
  return (
    <div className={`utrecht-form-field utrecht-form-field--select${invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <div className="utrecht-form-field__label">
        <label className="utrecht-form-label" htmlFor={field.id}>
          {label}
        </label>
      </div>
      <FieldErrors id={field.errorId} errors={field.errors} />
      <div className="utrecht-form-field__input">
        <select
          key={key}
          {...selectProps}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(invalid && field.errorId)}
          className={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
        >
          {placeholder ? <option value="">{placeholder}</option> : null}
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
    </div>
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
          {t(error)}
        </p>
      ))}
    </Alert>
  )
}
