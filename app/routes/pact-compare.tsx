import { useTranslation } from 'react-i18next'
import { Link, useLoaderData } from 'react-router'
import { requirePactAccess } from '#app/access/authorization.server.ts'
import { CompareForm, DiffLegend, ItemChanges } from '#app/sign-off/ui.tsx'
import { notFound, refusalResponse } from '#app/platform/errors.ts'
import { Badge, Heading, PageHeader, Paragraph } from '#app/platform/ui/ui.tsx'
import { pactSnapshot } from '#app/document/pact-document.server.ts'
import { getPact, listParties } from '#app/pacts/pacts.server.ts'
import { getVersion, listVersions } from '#app/sign-off/sign-off.server.ts'
import { diffVersions, readableWordDiff, type VersionClause } from '#app/sign-off/diff.ts'
import { canonicalModelChanges, modelNamesFor } from '#app/sign-off/model-changes.ts'
import signOffCss from '#app/sign-off/sign-off.css?url'
import type { Route } from './+types/pact-compare'

export const links: Route.LinksFunction = () => [{ rel: 'stylesheet', href: signOffCss }]

export const meta: Route.MetaFunction = ({ data }) => [
  { title: `${data?.pact.title ?? 'Pact'} · Versies vergelijken · Pactwerk` },
]

/** The draft as it stands now; anything else names a signed version by its number. */
const CURRENT_DRAFT = 'concept'

async function clausesOf(pactId: string, which: string): Promise<VersionClause[]> {
  if (which === CURRENT_DRAFT) return (await pactSnapshot(pactId)).clauses
  const version = /^\d{1,9}$/.test(which) ? await getVersion(pactId, Number(which)) : null
  if (!version) throw refusalResponse(notFound())
  return version.clauses
}

export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  const [pact, versions, parties] = await Promise.all([
    getPact(params.pactId),
    listVersions(params.pactId),
    listParties(params.pactId),
  ])
  const numbers = versions.map((version) => version.number)
  const base = { pact: { id: pact.id, title: pact.title }, numbers }
  if (numbers.length === 0) return { ...base, from: null, to: null, clauses: [] }

  const query = new URL(request.url).searchParams
  const from = query.get('van') ?? String(numbers.at(-1))
  const to = query.get('naar') ?? CURRENT_DRAFT
  if (from === CURRENT_DRAFT) throw refusalResponse(notFound())
  const [before, after] = await Promise.all([clausesOf(params.pactId, from), clausesOf(params.pactId, to)])
  const names = modelNamesFor(
    parties,
    [...before, ...after].map((item) => item.canonical),
  )
  const clauses = diffVersions(before, after).map((diff) => {
    const previous = diff.change === 'changed' ? diff.previous : diff.clause
    const [beforeCanonical, afterCanonical] =
      diff.change === 'added'
        ? ['', diff.clause.canonical]
        : diff.change === 'removed'
          ? [diff.clause.canonical, '']
          : [previous.canonical, diff.clause.canonical]
    const changed = diff.change !== 'unchanged'
    return {
      clauseId: diff.clause.clauseId,
      change: diff.change,
      moved: 'moved' in diff && diff.moved,
      title: diff.clause.title,
      previousTitle: previous.title !== diff.clause.title ? previous.title : null,
      words: changed ? readableWordDiff(beforeCanonical, afterCanonical) : [],
      dataChanges: changed ? canonicalModelChanges(beforeCanonical, afterCanonical, names) : [],
    }
  })
  return { ...base, from, to, clauses }
}

export default function PactCompare() {
  const { t } = useTranslation()
  const { pact, numbers, from, to, clauses } = useLoaderData<typeof loader>()
  const name = (which: string) =>
    which === CURRENT_DRAFT ? t('signoff.compare.currentDraft') : t('signoff.versions.name', { number: which })
  const shown = clauses.filter((clause) => clause.change !== 'unchanged' || clause.moved)
  const unchanged = clauses.filter((clause) => clause.change === 'unchanged' && !clause.moved)
  return (
    <div className="pw-stack">
      <Paragraph>
        <Link className="utrecht-link" to={`/pacts/${pact.id}/versies`}>
          {t('signoff.versions.back')}
        </Link>
      </Paragraph>
      <PageHeader title={t('signoff.compare.title')} />
      {numbers.length === 0 || !from || !to ? (
        <Paragraph>{t('signoff.versions.none')}</Paragraph>
      ) : (
        <>
          <CompareForm pactId={pact.id} numbers={numbers} from={from} to={to} />
          <Heading level={2}>{t('signoff.compare.heading', { from: name(from), to: name(to) })}</Heading>
          <Paragraph>
            {t('signoff.compare.summary', {
              changed: clauses.filter((clause) => clause.change === 'changed').length,
              added: clauses.filter((clause) => clause.change === 'added').length,
              removed: clauses.filter((clause) => clause.change === 'removed').length,
              moved: clauses.filter((clause) => clause.moved).length,
            })}
          </Paragraph>
          {shown.length ? <DiffLegend /> : <Paragraph>{t('signoff.compare.identical')}</Paragraph>}
          <ol className="pw-compare" data-testid="compare">
            {shown.map((clause) => (
              <li
                key={`${clause.change} ${clause.clauseId}`}
                className={`pw-compare__clause pw-compare__clause--${clause.change}`}
              >
                <Heading level={3}>{clause.title || t('signoff.matrix.untitled')}</Heading>
                <p className="utrecht-paragraph">
                  {clause.change !== 'unchanged' ? <Badge>{t(`signoff.compare.changes.${clause.change}`)}</Badge> : null}{' '}
                  {clause.moved ? <Badge>{t('signoff.compare.changes.moved')}</Badge> : null}
                  {clause.previousTitle !== null ? (
                    <> {t('signoff.compare.previousTitle', { title: clause.previousTitle })}</>
                  ) : null}
                </p>
                {clause.change === 'unchanged' ? (
                  <Paragraph>{t('signoff.compare.movedOnly')}</Paragraph>
                ) : (
                  <ItemChanges words={clause.words} dataChanges={clause.dataChanges} />
                )}
              </li>
            ))}
          </ol>
          {unchanged.length ? (
            <details className="pw-unchanged">
              <summary>{t('signoff.compare.unchanged', { count: unchanged.length })}</summary>
              <ul className="utrecht-unordered-list">
                {unchanged.map((clause) => (
                  <li key={clause.clauseId}>{clause.title || t('signoff.matrix.untitled')}</li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      )}
    </div>
  )
}
