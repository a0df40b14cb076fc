import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Checkbox, Field, RadioGroup, Select, textboxClass, type Option } from './field.tsx'
import { messageText } from '#app/platform/i18n/keys.ts'

/**
 * Thin React wrappers over the Utrecht (NL Design System) component CSS, so every page
 * uses the same accessible building blocks.
 */

export function Heading({ level, children, id }: { level: 1 | 2 | 3 | 4; children: ReactNode; id?: string }) {
  const Tag = `h${level}` as const
  return (
    // A page's h1 takes the focus after in-app navigation (see useFocusOnNavigation), so it must be focusable.
    <Tag id={id} className={`utrecht-heading-${level}`} tabIndex={level === 1 ? -1 : undefined}>
      {children}
    </Tag>
  )
}

/** The top of a page: its one h1, what the page is for, and facts about it. */
export function PageHeader({
  title,
  meta,
  lead,
  children,
}: {
  title: ReactNode
  meta?: ReactNode
  lead?: ReactNode
  children?: ReactNode
}) {
  return (
    <div className="pw-page-header pw-stack">
      <Heading level={1}>{title}</Heading>
      {meta ? <Paragraph className="pw-meta">{meta}</Paragraph> : null}
      {lead ? <Paragraph lead>{lead}</Paragraph> : null}
      {children}
    </div>
  )
}

export function Paragraph({ children, lead, className }: { children: ReactNode; lead?: boolean; className?: string }) {
  return (
    <p className={['utrecht-paragraph', lead && 'utrecht-paragraph--lead', className].filter(Boolean).join(' ')}>{children}</p>
  )
}

// Field components accept any Conform field: the schema, not the widget, decides the value's type.
type AnyField = FieldMetadata<unknown, Record<string, unknown>, string[]>

export type ButtonAppearance = 'primary' | 'secondary' | 'subtle'

export function buttonClass(appearance: ButtonAppearance = 'primary') {
  return `utrecht-button utrecht-button--${appearance === 'subtle' ? 'subtle' : `${appearance}-action`}`
}

export function Button({
  appearance = 'primary',
  ...props
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { appearance?: ButtonAppearance }) {
  return <button type="submit" {...props} className={[buttonClass(appearance), props.className].filter(Boolean).join(' ')} />
}

export function Alert({
  type,
  children,
  role,
}: {
  type: 'info' | 'ok' | 'warning' | 'error'
  children: ReactNode
  role?: 'alert' | 'status'
}) {
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

/** A Conform field's errors, translated: schema messages are i18n keys. */
export function useFieldErrors(field: AnyField) {
  const { t } = useTranslation()
  return field.errors?.map((error) => messageText(t, error))
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
  const { key, ...inputProps } = getInputProps(field, { type, ariaAttributes: false })
  return (
    <Field id={field.id} label={label} description={description} errors={useFieldErrors(field)}>
      {({ invalid, ...control }) => (
        <input
          key={key}
          {...inputProps}
          {...control}
          autoComplete={autoComplete}
          inputMode={inputMode}
          className={textboxClass(invalid)}
        />
      )}
    </Field>
  )
}

export function TextAreaField({
  field,
  label,
  description,
  rows = 4,
}: {
  field: AnyField
  label: string
  description?: string
  rows?: number
}) {
  const { key, ...textareaProps } = getTextareaProps(field, { ariaAttributes: false })
  return (
    <Field id={field.id} kind="textarea" label={label} description={description} errors={useFieldErrors(field)}>
      {({ invalid, ...control }) => (
        <textarea
          key={key}
          {...textareaProps}
          {...control}
          rows={rows}
          className={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
        />
      )}
    </Field>
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
  options: ReadonlyArray<Option>
  placeholder?: string
}) {
  const { key, id: _id, ...selectProps } = getSelectProps(field, { ariaAttributes: false })
  return (
    <Select
      key={key}
      id={field.id}
      {...selectProps}
      label={label}
      options={options}
      placeholder={placeholder}
      errors={useFieldErrors(field)}
    />
  )
}

/** A Conform radio field: one choice out of a few, as a fieldset. */
export function RadioField({
  field,
  legend,
  options,
}: {
  field: AnyField
  legend: string
  options: ReadonlyArray<Option & { description?: string }>
}) {
  return (
    <RadioGroup
      name={field.name}
      legend={legend}
      options={options}
      defaultValue={field.initialValue}
      errors={useFieldErrors(field)}
    />
  )
}

export function CheckboxField({ field, label }: { field: AnyField; label: string }) {
  const { key, id: _id, type: _type, ...inputProps } = getInputProps(field, { type: 'checkbox', ariaAttributes: false })
  return <Checkbox key={key} id={field.id} label={label} {...inputProps} />
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
