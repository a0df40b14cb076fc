import type { ClauseKind } from '#app/document/clause.ts'
import { budgetAmountFormat, budgetTable, formatEuros, partyName, type BudgetRow } from '#app/pact-model/budget-table.ts'
import type { Indicator, PactModel, ResultArea, RiskRule } from '#app/pact-model/pact-model.ts'
import { areasNl } from '#app/pact-model/texts.nl.ts'
import { formatDutchNumber } from '#app/platform/dutch-number.ts'
import { emptyPactDataText, pactDataAttributes, pactDataParts, type PactDataRef, type PactDataSource } from './pact-data.ts'

/**
 * The HTML of a data block in the reading version and in a signed version: plain strings from
 * the pure budget table and the Dutch texts, no UI components, so restyling the editor can never
 * change what is signed. The editor's live view (ui/pact-data-view.tsx) shows the same data in
 * the reader's language. Every text and attribute is escaped here.
 */
export function pactDataHtml(dataRef: PactDataRef | null, source: PactDataSource, clauseKind: ClauseKind | null): string {
  const { areas, rules } = pactDataParts(dataRef, source.model)
  const { class: className, ...attributes } = pactDataAttributes(dataRef)
  return element('div', { class: className, ...attributes }, [
    source.valid ? '' : element('p', { class: 'pw-pact-data__notice' }, text(areasNl.data.invalid)),
    ...areas.map((area) => resultAreaHtml(area, source, clauseKind)),
    ...rules.map((rule) => riskRuleHtml(rule, source)),
    areas.length + rules.length > 0
      ? ''
      : element('p', { class: 'pw-pact-data__notice' }, text(areasNl.data[emptyPactDataText(dataRef)])),
  ])
}

type AreaSection = 'overview' | 'budget' | 'indicators'

// A budget clause is about the money, a result-area clause about the aims; the rest of the data
// (which is signed with the clause too) stays one click away.
const SECTIONS_BY_CLAUSE_KIND: Partial<Record<ClauseKind, { shown: AreaSection[]; folded: AreaSection[] }>> = {
  budget: { shown: ['budget'], folded: ['overview', 'indicators'] },
  resultaatgebied: { shown: ['overview', 'indicators'], folded: ['budget'] },
}
const ALL_SECTIONS = { shown: ['overview', 'budget', 'indicators'] as AreaSection[], folded: [] as AreaSection[] }

function resultAreaHtml(area: ResultArea, source: PactDataSource, clauseKind: ClauseKind | null): string {
  const { shown, folded } = (clauseKind && SECTIONS_BY_CLAUSE_KIND[clauseKind]) || ALL_SECTIONS
  const section = (name: AreaSection) => areaSectionHtml(name, area, source)
  const summary = folded.includes('budget') && folded.length === 1 ? areasNl.data.budgetDetails : areasNl.data.more
  return element('div', { class: 'pw-pact-data__body' }, [
    element('h4', { class: 'pw-pact-data__title' }, text(`${areasNl.data.resultArea}: ${area.title}`)),
    ...shown.map(section),
    folded.length > 0
      ? element('details', { class: 'pw-pact-data__more' }, [element('summary', {}, text(summary)), ...folded.map(section)])
      : '',
  ])
}

function areaSectionHtml(section: AreaSection, area: ResultArea, source: PactDataSource): string {
  if (section === 'budget') return areaBudgetHtml(area, source)
  if (section === 'indicators') return indicatorTableHtml(area, source.years)
  const { area: labels } = areasNl
  const responsible = area.responsiblePartyIds.map((partyId) => partyName(source.parties, partyId)).join(', ')
  return dataListHtml([
    [labels.challenge, area.challenge],
    [labels.targetGroup, area.targetGroup],
    [labels.description, area.description],
    [labels.responsible, responsible || labels.noneResponsible],
  ])
}

function areaBudgetHtml(area: ResultArea, { years, parties }: PactDataSource): string {
  const [row] = budgetTable({ resultAreas: [area], riskRules: [] }, years, parties).resultAreas
  const partyRows = row!.parties.filter((party) => party.totalCents > 0 || area.responsiblePartyIds.includes(party.partyId))
  if (partyRows.length === 0) return element('p', { class: 'utrecht-paragraph' }, text(areasNl.table.empty))
  const labels = areasNl.table
  const periodTotal = fill(labels.periodTotal, { from: years[0], to: years[years.length - 1] })
  const numeric = 'utrecht-table__header-cell utrecht-table__header-cell--numeric-column'
  const amount = budgetAmountFormat([...partyRows, row!])
  const amountCells = (amounts: BudgetRow) =>
    [...amounts.centsByYear, amounts.totalCents].map((cents) =>
      element('td', { class: 'utrecht-table__cell utrecht-table__cell--numeric-data' }, text(amount(cents))),
    )
  const rowHtml = (label: string, amounts: BudgetRow, className = 'utrecht-table__row') =>
    element('tr', { class: className }, [
      element('th', { class: 'utrecht-table__header-cell', scope: 'row' }, text(label)),
      ...amountCells(amounts),
    ])
  return tableHtml('pw-money-table', fill(labels.areaCaption, { title: area.title }), [
    element('thead', { class: 'utrecht-table__header' }, [
      element('tr', { class: 'utrecht-table__row' }, [
        element('th', { class: 'utrecht-table__header-cell', scope: 'col' }, text(labels.party)),
        ...years.map((year) => element('th', { class: numeric, scope: 'col' }, text(String(year)))),
        element('th', { class: numeric, scope: 'col' }, text(periodTotal)),
      ]),
    ]),
    element(
      'tbody',
      { class: 'utrecht-table__body' },
      partyRows.map((party) => rowHtml(partyName(parties, party.partyId), party)),
    ),
    element('tfoot', { class: 'utrecht-table__footer' }, [
      rowHtml(labels.total, row!, 'utrecht-table__row pw-money-table__total'),
    ]),
  ])
}

function indicatorTableHtml(area: ResultArea, years: readonly number[]): string {
  const labels = areasNl.indicator
  if (area.indicators.length === 0) return element('p', { class: 'utrecht-paragraph' }, text(labels.none))
  const headers = [
    labels.name,
    labels.unit,
    `${labels.level}, ${labels.direction.toLowerCase()}`,
    labels.baseline,
    labels.targets,
    labels.dataSource,
  ]
  return tableHtml('pw-indicator-table', `${labels.heading}: ${area.title}`, [
    element('thead', { class: 'utrecht-table__header' }, [
      element(
        'tr',
        { class: 'utrecht-table__row' },
        headers.map((header) => element('th', { class: 'utrecht-table__header-cell', scope: 'col' }, text(header))),
      ),
    ]),
    element(
      'tbody',
      { class: 'utrecht-table__body' },
      area.indicators.map((indicator) => indicatorRowHtml(indicator, years)),
    ),
  ])
}

function indicatorRowHtml(indicator: Indicator, years: readonly number[]): string {
  const labels = areasNl.indicator
  const targets = years.flatMap((year) => {
    const target = indicator.targets.find((candidate) => candidate.year === year)
    return target ? [`${year}: ${formatDutchNumber(target.value)}`] : []
  })
  const cells = [
    indicator.unit,
    `${labels.levels[indicator.level]}, ${labels.directions[indicator.direction].toLowerCase()}`,
    indicator.baselineValue === null || indicator.baselineYear === null
      ? '–'
      : fill(labels.baselineText, { value: formatDutchNumber(indicator.baselineValue), year: indicator.baselineYear }),
    targets.join('\n') || '–',
    indicator.dataSource || '–',
  ]
  return element('tr', { class: 'utrecht-table__row' }, [
    element('th', { class: 'utrecht-table__header-cell', scope: 'row' }, text(indicator.name)),
    ...cells.map((content) => element('td', { class: 'utrecht-table__cell' }, text(content))),
  ])
}

function riskRuleHtml(rule: RiskRule, source: PactDataSource): string {
  const labels = areasNl.rule
  const percent = (value: number) => fill(labels.percent, { value: formatDutchNumber(value) })
  const division =
    rule.division.kind === 'pro-rata'
      ? labels.proRata
      : `${labels.weights}: ${rule.division.weights.map((entry) => `${partyName(source.parties, entry.partyId)} ${formatDutchNumber(entry.weight)}`).join(', ')}`
  return element('div', { class: 'pw-pact-data__body' }, [
    element('h4', { class: 'pw-pact-data__title' }, text(`${areasNl.data.riskRule}: ${riskScopeText(rule, source.model)}`)),
    dataListHtml([
      [labels.corridor, percent(rule.corridorPercent)],
      [labels.inside, percent(rule.providerShareInside)],
      [labels.outside, percent(rule.providerShareOutside)],
      [labels.cap, rule.providerCapCents === null ? labels.noCap : formatEuros(rule.providerCapCents)],
      [`${labels.underspendLegend}: ${labels.gain}`, percent(rule.underspend.providerGainShare)],
      [`${labels.underspendLegend}: ${labels.fund}`, percent(rule.underspend.revolvingFundShare)],
      [labels.divisionLegend, division],
    ]),
    element('p', { class: 'utrecht-paragraph' }, text(labels.municipalityRest)),
  ])
}

function riskScopeText(rule: RiskRule, model: PactModel): string {
  if (rule.scope.kind === 'pact') return areasNl.rule.scopePact
  const { resultAreaId } = rule.scope
  return fill(areasNl.rule.scopeArea, {
    title: model.resultAreas.find((area) => area.id === resultAreaId)?.title ?? resultAreaId,
  })
}

function dataListHtml(items: Array<[label: string, value: string]>): string {
  return element(
    'dl',
    { class: 'utrecht-data-list pw-data-list' },
    items
      .filter(([, value]) => value !== '')
      .map(([label, value]) =>
        element('div', { class: 'utrecht-data-list__item' }, [
          element('dt', { class: 'utrecht-data-list__item-key' }, text(label)),
          element('dd', { class: 'utrecht-data-list__item-value utrecht-data-list__item-value--html-dd' }, text(value)),
        ]),
      ),
  )
}

function tableHtml(className: string, caption: string, parts: string[]): string {
  return element('div', { class: 'pw-table-wrap' }, [
    element('table', { class: `utrecht-table ${className}` }, [
      element('caption', { class: 'utrecht-table__caption' }, text(caption)),
      ...parts,
    ]),
  ])
}

// --- markup ----------------------------------------------------------------------------------

/** Markup that is already escaped, as opposed to text. */
type Html = string

function element(tag: string, attributes: Record<string, string>, children: Html | Html[]): Html {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('')
  return `<${tag}${attrs}>${Array.isArray(children) ? children.join('') : children}</${tag}>`
}

function text(value: string): Html {
  return escapeHtml(value)
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' }

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!)
}

/** i18next's `{{name}}` interpolation, for the Dutch texts this renderer reads directly. */
function fill(template: string, values: Record<string, string | number | undefined>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (match, name: string) => (values[name] === undefined ? match : String(values[name])))
}
