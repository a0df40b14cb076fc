import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { PactModel } from '#app/pact-model/pact-model.ts'

/**
 * The budgets page runs to thousands of pixels once a pact has a few result areas: its contents,
 * with a link to each section and to each result area.
 */

export const PAGE_SECTIONS = {
  budgets: 'budgetten',
  areas: 'resultaatgebieden',
  rules: 'risicodeling',
  whatIf: 'wat-als',
} as const

/** The anchor of a result area's part of the page. */
export function areaAnchor(areaId: string): string {
  return `resultaatgebied-${areaId}`
}

export function PageContents({ model, withWhatIf }: { model: PactModel; withWhatIf: boolean }) {
  const { t } = useTranslation()
  const titleId = useId()
  return (
    <nav className="pw-page-contents" aria-labelledby={titleId}>
      <h2 id={titleId} className="pw-page-contents__title">
        {t('areas.page.contents')}
      </h2>
      <ul>
        <li>
          <a href={`#${PAGE_SECTIONS.budgets}`}>{t('areas.page.budgetsHeading')}</a>
        </li>
        <li>
          <a href={`#${PAGE_SECTIONS.areas}`}>{t('areas.page.areasHeading')}</a>
          {model.resultAreas.length > 0 ? (
            <ul>
              {model.resultAreas.map((area) => (
                <li key={area.id}>
                  <a href={`#${areaAnchor(area.id)}`}>{area.title}</a>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
        <li>
          <a href={`#${PAGE_SECTIONS.rules}`}>{t('areas.page.rulesHeading')}</a>
        </li>
        {withWhatIf ? (
          <li>
            <a href={`#${PAGE_SECTIONS.whatIf}`}>{t('areas.page.whatIfHeading')}</a>
          </li>
        ) : null}
      </ul>
    </nav>
  )
}
