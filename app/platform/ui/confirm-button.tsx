import { useId, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Form, Link, useActionData } from 'react-router'
import { asksToConfirm, CONFIRMED } from '../forms.ts'
import { buttonClass, Heading, type ButtonAppearance } from './ui.tsx'

/**
 * A button for something that cannot be undone for everyone at once: it asks first, in words, in
 * a modal dialog. The browser's own modal dialog keeps keyboard focus inside it, closes on
 * Escape and gives focus back to the button when it closes; focus opens on the safe choice.
 * Confirming either runs `onConfirm` or, with `submit`, posts those fields as the page's form.
 * With `submit` it also works without JavaScript: the button then posts the fields unconfirmed,
 * the action asks back (confirmationAnswer) and the question stands in the page as a form.
 */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  details,
  confirmLabel,
  appearance = 'secondary',
  onConfirm,
  submit,
}: {
  label: string
  ariaLabel?: string
  /** The question the dialog asks: its name. */
  question: string
  /** What will happen, in words. */
  details?: ReactNode
  confirmLabel?: string
  appearance?: ButtonAppearance
  onConfirm?: () => void
  /** Hidden fields posted to the page's action on confirmation. */
  submit?: Record<string, string>
}) {
  const { t } = useTranslation()
  const answered = useActionData()
  const asked = submit ? asksToConfirm(answered, submit) : false
  const dialog = useRef<HTMLDialogElement>(null)
  const questionId = useId()
  const detailsId = useId()
  const cancel = useRef<HTMLButtonElement>(null)
  const close = () => dialog.current?.close()
  const open = () => {
    dialog.current?.showModal()
    // Focus lands on the safe choice (React's autoFocus acts at render, not when the dialog opens).
    cancel.current?.focus()
  }
  const confirm = (
    <button
      type={submit ? 'submit' : 'button'}
      className={buttonClass('primary')}
      onClick={
        submit
          ? undefined
          : () => {
              close()
              onConfirm?.()
            }
      }
    >
      {confirmLabel ?? t('areas.area.confirm')}
    </button>
  )
  const actions = (
    <div className="pw-actions">
      {confirm}
      <button ref={cancel} type="button" className={buttonClass('secondary')} onClick={close}>
        {t('areas.area.cancel')}
      </button>
    </div>
  )
  if (asked && submit)
    return (
      <div className="pw-confirm" role="group" aria-labelledby={questionId} aria-describedby={details ? detailsId : undefined}>
        <Heading level={3} id={questionId}>
          {question}
        </Heading>
        {details ? <div id={detailsId}>{details}</div> : null}
        <Form method="post" className="pw-actions">
          <HiddenFields fields={{ ...submit, ...CONFIRMED }} />
          <button type="submit" className={buttonClass('primary')}>
            {confirmLabel ?? t('areas.area.confirm')}
          </button>
          {/* Reading the page again forgets the question. */}
          <Link to="." className={buttonClass('secondary')}>
            {t('areas.area.cancel')}
          </Link>
        </Form>
      </div>
    )
  const trigger = (
    <button
      type={submit ? 'submit' : 'button'}
      className={buttonClass(appearance)}
      aria-label={ariaLabel}
      onClick={(event) => {
        event.preventDefault()
        open()
      }}
    >
      {label}
    </button>
  )
  return (
    <>
      {submit ? (
        // Without JavaScript this posts the fields unconfirmed, and the action asks back.
        <Form method="post">
          <HiddenFields fields={submit} />
          {trigger}
        </Form>
      ) : (
        trigger
      )}
      <dialog ref={dialog} className="pw-dialog" aria-labelledby={questionId} aria-describedby={details ? detailsId : undefined}>
        <Heading level={2} id={questionId}>
          {question}
        </Heading>
        {details ? (
          <div id={detailsId} className="pw-dialog__details">
            {details}
          </div>
        ) : null}
        {submit ? (
          <Form method="post" onSubmit={close}>
            <HiddenFields fields={{ ...submit, ...CONFIRMED }} />
            {actions}
          </Form>
        ) : (
          actions
        )}
      </dialog>
    </>
  )
}

function HiddenFields({ fields }: { fields: Record<string, string> }) {
  return Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)
}
