import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Alert } from '#app/platform/ui/ui.tsx'
import type { AccessLevel } from '../access.ts'
import type { DocumentWriteRefusal } from '../write-policy.ts'

/**
 * Why the reader cannot change what the page shows, in the words of the real reason
 * (`documentWriteVerdict`): the one place that turns a refusal into a notice. A beheerder also
 * gets the way to change it: an amendment (akkoord page), or the pact's settings.
 */
export function ReadOnlyNotice({
  reason,
  access,
  pactId,
}: {
  reason: DocumentWriteRefusal
  access: AccessLevel | null
  pactId: string
}) {
  const { t } = useTranslation()
  return (
    <Alert type="info">
      <p className="utrecht-paragraph" data-testid="read-only-reason">
        {useReadOnlyReason(reason, access)}
      </p>
      {reason === 'pact-signed' && access === 'beheerder' ? (
        <p className="utrecht-paragraph">
          <Link className="utrecht-link" to={`/pacts/${pactId}/akkoord`}>
            {t('readOnly.startAmendment')}
          </Link>
        </p>
      ) : null}
      {reason === 'suggestions-only' && access === 'beheerder' ? <ToSettingsLink pactId={pactId} /> : null}
    </Alert>
  )
}

/** The reason as a sentence, for a component that shows it in its own notice (the live editor). */
export function useReadOnlyReason(reason: DocumentWriteRefusal, access: AccessLevel | null): string {
  const { t } = useTranslation()
  return t(`readOnly.reasons.${reason}`, { access: access ? t(`access.${access}`) : '' })
}

/** Where a beheerder switches suggestion-only mode off: the pact's settings. */
export function ToSettingsLink({ pactId }: { pactId: string }) {
  const { t } = useTranslation()
  return (
    <p className="utrecht-paragraph">
      <Link className="utrecht-link" to={`/pacts/${pactId}/instellingen`}>
        {t('readOnly.toSettings')}
      </Link>
    </p>
  )
}
