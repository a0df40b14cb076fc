import { useTranslation } from 'react-i18next'
import type { PactStanding } from '#app/pacts/lifecycle.ts'
import { Badge } from '#app/platform/ui/ui.tsx'

/** "Versie 1 is van kracht; versie 2 is in concept": what is in force and what is being drafted, or null before the first signing. */
export function usePactStandingText(standing: PactStanding): string | null {
  const { t } = useTranslation()
  switch (standing.kind) {
    case 'never-signed':
      return null
    case 'in-force':
      return t('pact.standing.inForce', { version: standing.version })
    case 'amending':
      return standing.status === 'ter-ondertekening'
        ? t('pact.standing.amendingForSignature', { inForce: standing.inForce, draft: standing.draft })
        : t('pact.standing.amendingConcept', { inForce: standing.inForce, draft: standing.draft })
  }
}

/** The pact's status as a badge; during an amendment it names the amendment, so a concept never reads as "no agreement". */
export function PactStatusBadge({ standing }: { standing: PactStanding }) {
  const { t } = useTranslation()
  const status = t(`pactStatus.${standing.status}`)
  return <Badge>{standing.kind === 'amending' ? t('pact.standing.amendmentStatus', { status }) : status}</Badge>
}
