import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Alert, Button } from './ui.tsx'

/** An invitation link shown in full (works without JavaScript) with a copy button. */
export function CopyLink({ path }: { path: string }) {
  const { t } = useTranslation()
  const id = useId()
  const [url, setUrl] = useState(path)
  const [copied, setCopied] = useState(false)
  useEffect(() => setUrl(new URL(path, window.location.origin).toString()), [path])
  return (
    <Alert type="ok">
      <div className="pw-copy">
        <div className="utrecht-form-field">
          <div className="utrecht-form-field__label">
            <label className="utrecht-form-label" htmlFor={id}>
              {t('invitations.linkLabel')}
            </label>
          </div>
          <div className="utrecht-form-field-description">{t('invitations.linkHint')}</div>
          <input
            id={id}
            readOnly
            value={url}
            className="utrecht-textbox utrecht-textbox--html-input"
            data-testid="invitation-link"
          />
        </div>
        <Button
          type="button"
          appearance="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(url)
            setCopied(true)
          }}
        >
          {t('invitations.copy')}
        </Button>
      </div>
      <p className="utrecht-paragraph" role="status">
        {copied ? t('invitations.copied') : ''}
      </p>
    </Alert>
  )
}
