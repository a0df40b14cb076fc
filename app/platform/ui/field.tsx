import type { FieldsetHTMLAttributes, InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from 'react'

/**
 * The one NL Design System form field: label, description and error messages around one
 * control, with the ids the control points at. Every form in the app (server forms through
 * Conform, live fields bound to the shared model, local forms) renders its fields through it,
 * so a field is announced the same way everywhere. Messages arrive translated.
 */

export type FieldKind = 'text' | 'select' | 'textarea'

/** What the control inside a field gets: its id and what to announce with it. */
export interface FieldControl {
  id: string
  invalid: boolean
  'aria-invalid': true | undefined
  'aria-describedby': string | undefined
}

export function fieldIds(id: string) {
  return { descriptionId: `${id}-description`, errorId: `${id}-error` }
}

export function fieldControl(
  id: string,
  { description, errors }: { description?: ReactNode; errors?: readonly string[] },
): FieldControl {
  const { descriptionId, errorId } = fieldIds(id)
  const invalid = Boolean(errors?.length)
  const describedBy = [description ? descriptionId : null, invalid ? errorId : null].filter(Boolean).join(' ')
  return { id, invalid, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy || undefined }
}

export function FieldErrors({ id, errors }: { id: string; errors: readonly string[] | undefined }) {
  if (!errors?.length) return null
  return (
    <div className="utrecht-form-field-error-message" id={id}>
      {errors.map((error) => (
        <div key={error}>{error}</div>
      ))}
    </div>
  )
}

export function Field({
  id,
  label,
  labelHidden,
  description,
  errors,
  kind = 'text',
  children,
}: {
  id: string
  label: ReactNode
  /** Hides the label visually (it is still the field's name), e.g. in a table whose headers say it. */
  labelHidden?: boolean
  description?: ReactNode
  /** Translated messages. */
  errors?: readonly string[]
  kind?: FieldKind
  children: (control: FieldControl) => ReactNode
}) {
  const control = fieldControl(id, { description, errors })
  const { descriptionId, errorId } = fieldIds(id)
  return (
    <div className={`utrecht-form-field utrecht-form-field--${kind}${control.invalid ? ' utrecht-form-field--invalid' : ''}`}>
      <div className={`utrecht-form-field__label${labelHidden ? ' pw-visually-hidden' : ''}`}>
        <label className="utrecht-form-label" htmlFor={id}>
          {label}
        </label>
      </div>
      {description ? (
        <div className="utrecht-form-field-description" id={descriptionId}>
          {description}
        </div>
      ) : null}
      <FieldErrors id={errorId} errors={errors} />
      <div className="utrecht-form-field__input">{children(control)}</div>
    </div>
  )
}

export interface Option<Value extends string = string> {
  value: Value
  label: string
}

export function selectClass(invalid = false, extra?: string) {
  return ['utrecht-select utrecht-select--html-select', invalid && 'utrecht-select--invalid', extra].filter(Boolean).join(' ')
}

/**
 * A choice from a list, inside the field wrapper. Controlled (`value` + `onChange`) for live
 * pages, uncontrolled (`name` + `defaultValue`) for forms that must work without JavaScript.
 */
export function Select({
  id,
  label,
  labelHidden,
  description,
  errors,
  options,
  placeholder,
  className,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'children'> & {
  id: string
  label: ReactNode
  labelHidden?: boolean
  description?: ReactNode
  errors?: readonly string[]
  options: ReadonlyArray<Option>
  /** A first, empty option ("Maak een keuze"). */
  placeholder?: string
}) {
  return (
    <Field id={id} kind="select" label={label} labelHidden={labelHidden} description={description} errors={errors}>
      {({ invalid, ...control }) => (
        <select {...select} {...control} className={selectClass(invalid, className)}>
          {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
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

/**
 * One choice out of a few, each visible: a fieldset with a legend, one radio button per option
 * (with an optional description each). Uncontrolled with `defaultValue` in forms, controlled
 * with `value` + `onChange` on live pages.
 */
export function RadioGroup<Value extends string>({
  name,
  legend,
  legendHidden,
  options,
  defaultValue,
  value,
  onChange,
  errors,
  inline,
  disabled,
  describedBy,
}: {
  name: string
  legend: ReactNode
  legendHidden?: boolean
  options: ReadonlyArray<Option<Value> & { description?: string }>
  defaultValue?: unknown
  value?: string | null
  onChange?: (value: Value) => void
  /** Translated messages. */
  errors?: readonly string[]
  inline?: boolean
  /** Shown, not choosable (say why in the element `describedBy` names). */
  disabled?: boolean
  describedBy?: string
}) {
  const invalid = Boolean(errors?.length)
  const { errorId } = fieldIds(name)
  return (
    <Fieldset
      legend={legend}
      legendHidden={legendHidden}
      invalid={invalid}
      disabled={disabled}
      className={`pw-radio-group${inline ? ' pw-radio-group--inline' : ''}`}
      aria-describedby={[invalid && errorId, describedBy].filter(Boolean).join(' ') || undefined}
    >
      <FieldErrors id={errorId} errors={errors} />
      {options.map((option) => {
        const id = `${name}-${option.value}`
        const checked =
          value === undefined ? { defaultChecked: defaultValue === option.value } : { checked: value === option.value }
        return (
          <div key={option.value} className="utrecht-form-field utrecht-form-field--radio">
            <div className="utrecht-form-field__input">
              <input
                type="radio"
                id={id}
                name={name}
                value={option.value}
                {...checked}
                onChange={onChange ? () => onChange(option.value) : undefined}
                aria-describedby={option.description ? `${id}-description` : undefined}
                className={`utrecht-radio-button utrecht-radio-button--html-input utrecht-radio-button--custom${invalid ? ' utrecht-radio-button--invalid' : ''}`}
              />
            </div>
            <div className="utrecht-form-field__label utrecht-form-field__label--radio">
              <label className="utrecht-form-label utrecht-form-label--radio" htmlFor={id}>
                {option.label}
              </label>
            </div>
            {option.description ? (
              <div className="utrecht-form-field__description utrecht-form-field-description" id={`${id}-description`}>
                {option.description}
              </div>
            ) : null}
          </div>
        )
      })}
    </Fieldset>
  )
}

/** A checkbox with its label beside it. Uncontrolled (`name` + `defaultChecked`) in forms, controlled (`checked`) on live pages. */
export function Checkbox({
  id,
  label,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'className'> & { id: string; label: ReactNode }) {
  return (
    <div className="utrecht-form-field utrecht-form-field--checkbox">
      <div className="utrecht-form-field__input">
        <input
          {...input}
          id={id}
          type="checkbox"
          className="utrecht-checkbox utrecht-checkbox--html-input utrecht-checkbox--custom"
        />
      </div>
      <div className="utrecht-form-field__label utrecht-form-field__label--checkbox">
        <label className="utrecht-form-label utrecht-form-label--checkbox" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  )
}

/** Fields that belong together under one legend (a period, a budget table, one indicator). */
export function Fieldset({
  legend,
  legendHidden,
  invalid,
  className,
  children,
  ...fieldset
}: Omit<FieldsetHTMLAttributes<HTMLFieldSetElement>, 'className'> & {
  legend: ReactNode
  legendHidden?: boolean
  invalid?: boolean
  className?: string
}) {
  return (
    <fieldset
      {...fieldset}
      className={[
        'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset',
        invalid && 'utrecht-form-fieldset--invalid',
        className,
      ]
        .filter(Boolean)
        .join(' ')}
    >
      <legend
        className={`utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend${legendHidden ? ' pw-visually-hidden' : ''}`}
      >
        {legend}
      </legend>
      {children}
    </fieldset>
  )
}

/** The Utrecht text box's classes: the one look of a text input, small in tables. */
export function textboxClass(invalid: boolean, size: 'small' | 'normal' = 'normal') {
  return [
    'utrecht-textbox utrecht-textbox--html-input',
    size === 'small' && 'pw-textbox--small',
    invalid && 'utrecht-textbox--invalid',
  ]
    .filter(Boolean)
    .join(' ')
}
