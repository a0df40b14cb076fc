import type { TFunction } from 'i18next'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { issuesWithin, type EditablePactModel } from '#app/pact-model/editable-pact-model.ts'
import type { PactModel, PactModelIssue, ReportedIssue } from '#app/pact-model/pact-model.ts'
import { partyName, type NamedParty } from '#app/pact-model/budget-table.ts'
import { Alert } from '#app/platform/ui/ui.tsx'
import { messageText } from '#app/platform/i18n/keys.ts'

type Path = ReadonlyArray<string | number>

const samePath = (a: Path, b: Path) => a.length === b.length && a.every((segment, index) => segment === b[index])

/** Who wrote the value an issue is about, as the server reported it (it alone knows who sent what). */
function writersOf(issue: PactModelIssue, reported: readonly ReportedIssue[]): string[] | null {
  return (
    reported.find((candidate) => candidate.message === issue.message && samePath(candidate.path, issue.path))?.writers ?? null
  )
}

function issueText(issue: PactModelIssue, reported: readonly ReportedIssue[], t: TFunction): string {
  const writers = writersOf(issue, reported)
  const message = messageText(t, issue.message)
  if (!writers) return message
  return `${message} (${writers.length > 0 ? t('areas.issues.writtenBy', { names: writers.join(', ') }) : t('areas.issues.writerUnknown')})`
}

/**
 * The problems with the shared value at a path, translated and with their writers, for the
 * field that shows that value. `issues` come from this browser's own validation of the live
 * model (immediate); the server's report adds who wrote them.
 */
export function useIssueLookup(issues: readonly PactModelIssue[], reported: readonly ReportedIssue[]) {
  const { t } = useTranslation()
  return useMemo(
    () => (path: Path) => issuesWithin(issues, path).map((issue) => issueText(issue, reported, t)),
    [issues, reported, t],
  )
}

/** Every problem in the shared model, with where it is, so editors can find and fix it. */
export function ModelIssues({
  issues,
  reported,
  model,
  lastValid,
  parties,
}: {
  issues: readonly PactModelIssue[]
  reported: readonly ReportedIssue[]
  model: EditablePactModel
  /** Names things whose current name is the problem (an emptied title). */
  lastValid: PactModel
  parties: readonly NamedParty[]
}) {
  const { t } = useTranslation()
  if (issues.length === 0) return null
  return (
    <Alert type="error">
      <h2 className="utrecht-heading-3">{t('areas.issues.heading')}</h2>
      <p className="utrecht-paragraph">{t('areas.issues.lead')}</p>
      <ul className="utrecht-unordered-list" data-testid="model-issues">
        {issues.map((issue) => (
          <li key={`${issue.path.join('.')}|${issue.message}`} className="utrecht-unordered-list__item">
            {describeLocation(issue.path, model, lastValid, parties, t)}: {issueText(issue, reported, t)}
          </li>
        ))}
      </ul>
    </Alert>
  )
}

/** "Resultaatgebied “Ouderen thuis”, budget Welzijn 2028" for ['resultAreas', 1, 'budgets', 3, 'cents']. */
export function describeLocation(
  path: Path,
  model: EditablePactModel,
  lastValid: PactModel,
  parties: readonly NamedParty[],
  t: TFunction,
): string {
  const [collection, index, ...rest] = path
  const fieldLabel = (field: string | number | undefined) =>
    (typeof field === 'string' && t(`areas.issues.where.field.${field}`, { defaultValue: '' })) || null
  if (collection === 'resultAreas' && typeof index === 'number') {
    const area = model.resultAreas[index]
    const title = area?.title || lastValid.resultAreas.find((candidate) => candidate.id === area?.id)?.title
    const parts = [title ? t('areas.issues.where.area', { title }) : t('areas.issues.where.areaNumber', { number: index + 1 })]
    const [field, itemIndex, itemField] = rest
    if (field === 'budgets' && typeof itemIndex === 'number' && area?.budgets[itemIndex]) {
      const cell = area.budgets[itemIndex]
      parts.push(
        t('areas.issues.where.budget', {
          party: partyName(parties, cell.partyId),
          year: Number.isFinite(cell.year) ? cell.year : '',
        }),
      )
    } else if (field === 'indicators' && typeof itemIndex === 'number') {
      parts.push(t('areas.issues.where.indicator', { name: area?.indicators[itemIndex]?.name || itemIndex + 1 }))
      const label = fieldLabel(itemField)
      if (label) parts.push(label)
    } else {
      const label = fieldLabel(field)
      if (label) parts.push(label)
    }
    return parts.join(', ')
  }
  if (collection === 'riskRules' && typeof index === 'number') {
    const scope = model.riskRules[index]?.scope
    const title =
      scope?.kind === 'result-area' ? model.resultAreas.find((area) => area.id === scope.resultAreaId)?.title : undefined
    const parts = [
      t('areas.issues.where.rule', { scope: title ? t('areas.rule.scopeArea', { title }) : t('areas.rule.scopePact') }),
    ]
    const label = fieldLabel(rest[0])
    if (label) parts.push(label)
    return parts.join(', ')
  }
  return t('areas.page.areasHeading')
}
