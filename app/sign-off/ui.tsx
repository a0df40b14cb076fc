import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from 'react-router'
import { hasWordChanges, LINE_BREAK_WORD, type WordChange } from '#app/sign-off/diff.ts'
import { modelChangeText, type ModelChange } from '#app/sign-off/model-changes.ts'
import type { ClauseStatus } from '#app/sign-off/status.ts'
import { formatDate, formatDateTime } from '#app/platform/i18n/format.ts'
import { DEFAULT_LOCALE, isLocale } from '#app/platform/i18n/config.ts'
import { Select } from '#app/platform/ui/field.tsx'
import { Button, Heading, Paragraph } from '#app/platform/ui/ui.tsx'

/**
 * Building blocks shared by the sign-off pages: status badges, word diffs of clause texts as
 * readers see them, hashes, dates in the reader's language, a text area and the compare form.
 */

/** A status as words and a colour, never colour alone. */
export function StatusBadge({ status }: { status: ClauseStatus }) {
  const { t } = useTranslation()
  return <span className={`utrecht-status-badge pw-status pw-status--${status}`}>{t(`signoff.status.${status}`)}</span>
}

/** A SHA-256 in full: it is evidence, and people compare it by eye with a printed copy. */
export function Hash({ value }: { value: string }) {
  return <code className="utrecht-code pw-hash">{value}</code>
}

export function useDates() {
  const { i18n } = useTranslation()
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE
  return { date: (iso: string) => formatDate(iso, locale), dateTime: (iso: string) => formatDateTime(iso, locale) }
}

/** Inserted and deleted words, marked for the eye (colour plus underline or strike) and for screen readers. */
export function WordDiff({ words }: { words: readonly WordChange[] }) {
  const { t } = useTranslation()
  return (
    <div className="pw-diff">
      {words.map((word, index) => {
        const text = <TextWithLines text={word.text} />
        const space = index > 0 ? ' ' : null
        if (word.op === 'equal')
          return (
            <Fragment key={index}>
              {space}
              {text}
            </Fragment>
          )
        const Tag = word.op === 'insert' ? 'ins' : 'del'
        const label = t(word.op === 'insert' ? 'signoff.diff.inserted' : 'signoff.diff.deleted')
        return (
          <Fragment key={index}>
            {space}
            <Tag>
              <span className="pw-visually-hidden">[{label}: </span>
              {text}
              <span className="pw-visually-hidden">]</span>
            </Tag>
          </Fragment>
        )
      })}
    </div>
  )
}

function TextWithLines({ text }: { text: string }) {
  const parts = text.split(LINE_BREAK_WORD).map((part) => part.trim())
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? <br /> : null}
          {part}
        </Fragment>
      ))}
    </>
  )
}

/**
 * What changed in an approvable item: its words, marked, and its structured data, in words (never
 * as ids or JSON); when neither, only the formatting changed. `legend`: explain the marks here.
 */
export function ItemChanges({
  words,
  dataChanges,
  legend = false,
}: {
  words: readonly WordChange[]
  dataChanges: readonly ModelChange[]
  legend?: boolean
}) {
  const { t } = useTranslation()
  const wordsChanged = hasWordChanges(words)
  if (!wordsChanged && dataChanges.length === 0) return <Paragraph>{t('signoff.diff.onlyFormatting')}</Paragraph>
  return (
    <>
      {wordsChanged && legend ? <DiffLegend /> : null}
      {wordsChanged ? <WordDiff words={words} /> : null}
      {dataChanges.length ? (
        <ul
          className="utrecht-unordered-list pw-model-changes"
          aria-label={t('signoff.modelChanges.heading')}
          data-testid="model-changes"
        >
          {dataChanges.map((change, index) => (
            <li key={index}>{modelChangeText(t, change)}</li>
          ))}
        </ul>
      ) : null}
    </>
  )
}

export function DiffLegend() {
  const { t } = useTranslation()
  return (
    <p className="utrecht-paragraph pw-meta">
      {t('signoff.diff.legendBefore')} <ins>{t('signoff.diff.inserted')}</ins>, <del>{t('signoff.diff.deleted')}</del>.
    </p>
  )
}

/** Choose two versions (or a version and the current draft) to compare; a GET form, so the result can be linked. */
export function CompareForm({ pactId, numbers, from, to }: { pactId: string; numbers: number[]; from?: string; to?: string }) {
  const { t } = useTranslation()
  const versionOptions = numbers.map((number) => ({ value: String(number), label: t('signoff.versions.name', { number }) }))
  const targets = [...versionOptions, { value: 'concept', label: t('signoff.compare.currentDraft') }]
  return (
    <section aria-labelledby="compare-heading">
      <Heading level={2} id="compare-heading">
        {t('signoff.compare.title')}
      </Heading>
      <Form method="get" action={`/pacts/${pactId}/vergelijken`} className="pw-inline-form pw-compare-form">
        <Select
          id="compare-van"
          name="van"
          label={t('signoff.compare.from')}
          options={versionOptions}
          defaultValue={from ?? String(numbers.at(-1))}
        />
        <Select id="compare-naar" name="naar" label={t('signoff.compare.to')} options={targets} defaultValue={to ?? 'concept'} />
        <Button appearance="secondary">{t('signoff.compare.submit')}</Button>
      </Form>
    </section>
  )
}
