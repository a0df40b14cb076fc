import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { buttonClass } from './ui.tsx'

/** A button for something that cannot be undone for everyone at once: it asks first, in place. */
export function ConfirmButton({
  label,
  ariaLabel,
  question,
  onConfirm,
}: {
  label: string
  ariaLabel?: string
  question: string
  onConfirm: () => void
}) {
  const { t } = useTranslation()
  const [asking, setAsking] = useState(false)
  const questionId = useId()
  if (!asking) {
    return (
      <button type="button" className={buttonClass('secondary')} aria-label={ariaLabel} onClick={() => setAsking(true)}>
        {label}
      </button>
    )
  }
  return (
    <div className="pw-confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId} className="utrecht-paragraph">
        {question}
      </p>
      <div className="pw-actions">
        <button
          type="button"
          className={buttonClass('primary')}
          onClick={() => {
            setAsking(false)
            onConfirm()
          }}
        >
          {t('areas.area.confirm')}
        </button>
        {/* Focus lands on the safe choice. */}
        <button type="button" className={buttonClass('secondary')} autoFocus onClick={() => setAsking(false)}>
          {t('areas.area.cancel')}
        </button>
      </div>
    </div>
  )
}
