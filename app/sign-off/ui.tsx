import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { Form } from 'react-router'
import { diffVersions, type ClauseStatus, type WordChange } from '#app/sign-off/sign-off.ts'
import { formatDate, formatDateTime } from '#app/platform/i18n/format.ts'
import { DEFAULT_LOCALE, isLocale } from '#app/platform/i18n/config.ts'
import { Select } from '#app/platform/ui/field.tsx'
import { Button, Heading } from '#app/platform/ui/ui.tsx'

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


// A word of its own that stands for a line break, so the word diff keeps the text's lines.
const LINE = '\uE000'

/**
 * A clause's canonical content as a reader sees it: one line per paragraph, heading, list item
 * or table row, without the structure labels and mark-up of the canonical format. Formatting
 * (bold, italic) is left out; the kind too: the clause page shows it beside the text.
 */
export function readableClauseText(canonical: string): string {
  const lines: string[] = []
  const state: { row: { depth: number; cells: string[] } | null; listMarker: string | null } = { row: null, listMarker: null }
  const lists: Array<{ depth: number; next: number; ordered: boolean }> = []
  const flushRow = () => {
    if (state.row?.cells.length) lines.push(state.row.cells.join(' | '))
    state.row = null
  }
  const canonicalLines = canonical.split('\n')
  for (const [index, line] of canonicalLines.entries()) {
    if (line.startsWith('title ')) {
      lines.push(line.slice('title '.length))
      continue
    }
    if (line.startsWith('kind ')) continue
    if (line.startsWith('data ')) {
      flushRow()
      // Structured data is canonical JSON to the end; its lines say what they are ("budgetCents": …).
      const data = [line.slice('data '.length), ...canonicalLines.slice(index + 1)].map((part) => part.trim())
      lines.push(...data.filter((part) => !/^[[\]{}],?$/.test(part)))
      break
    }
    const parsed = parseBlockLine(line)
    if (!parsed) continue
    const { depth, type, attrs, text } = parsed
    if (state.row && depth <= state.row.depth) flushRow()
    while (lists.length && lists.at(-1)!.depth >= depth) lists.pop()
    if (type === 'tableRow') state.row = { depth, cells: [] }
    else if (type === 'bulletList' || type === 'orderedList') {
      lists.push({ depth, next: typeof attrs.start === 'number' ? attrs.start : 1, ordered: type === 'orderedList' })
    } else if (type === 'listItem') {
      const list = lists.at(-1)
      state.listMarker = list?.ordered ? `${list.next++}.` : '•'
    }
    if (text === null) continue
    const readable = readableInline(text)
    if (state.row) state.row.cells.push(readable)
    else {
      lines.push(state.listMarker ? `${state.listMarker} ${readable}` : readable)
      state.listMarker = null
    }
  }
  flushRow()
  return lines.join(` ${LINE} `)
}

function parseBlockLine(line: string): { depth: number; type: string; attrs: Record<string, unknown>; text: string | null } | null {
  const match = /^( *)([A-Za-z][\w-]*)/.exec(line)
  if (!match) return null
  let rest = line.slice(match[0].length)
  let attrs: Record<string, unknown> = {}
  if (rest.startsWith('{')) {
    const end = jsonObjectEnd(rest)
    try {
      attrs = JSON.parse(rest.slice(0, end)) as Record<string, unknown>
    } catch {
      attrs = {}
    }
    rest = rest.slice(end)
  }
  return { depth: match[1]!.length / 2, type: match[2]!, attrs, text: rest.startsWith(' ') ? rest.slice(1) : null }
}

// Where the JSON object at the start of `text` ends, minding strings that contain braces.
function jsonObjectEnd(text: string): number {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (inString) {
      if (char === '\\') index++
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '{') depth++
    else if (char === '}' && --depth === 0) return index + 1
  }
  return text.length
}

// `{bold|vast}` reads as "vast", `{hardBreak}` as a new line, other inline nodes as nothing.
function readableInline(text: string): string {
  let out = ''
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!
    if (char === '\\') {
      out += text[++index] ?? ''
      continue
    }
    if (char !== '{') {
      out += char
      continue
    }
    let inner = ''
    let separator = -1
    for (index++; index < text.length && text[index] !== '}'; index++) {
      if (text[index] === '\\') inner += text[++index] ?? ''
      else {
        if (text[index] === '|' && separator < 0) separator = inner.length
        inner += text[index]
      }
    }
    if (separator >= 0) out += inner.slice(separator + 1)
    else if (inner === 'hardBreak') out += ` ${LINE} `
  }
  return out
}

/** Word by word from one canonical clause text to another, as readers see the texts. */
export function readableWordDiff(before: string, after: string): WordChange[] {
  const clause = (canonical: string) => ({ clauseId: 'clause', title: '', kind: '', canonical: readableClauseText(canonical) })
  const [diff] = diffVersions([clause(before)], [clause(after)])
  if (diff?.change === 'changed') return diff.words
  return [{ op: 'equal', text: diff?.clause.canonical ?? '' }]
}

export function hasWordChanges(words: readonly WordChange[]): boolean {
  return words.some((word) => word.op !== 'equal')
}

/** Inserted and deleted words, marked for the eye (colour plus underline or strike) and for screen readers. */
export function WordDiff({ words }: { words: readonly WordChange[] }) {
  const { t } = useTranslation()
  return (
    <div className="pw-diff">
      {words.map((word, index) => {
        const text = <TextWithLines text={word.text} />
        const space = index > 0 ? ' ' : null
        if (word.op === 'equal') return <Fragment key={index}>{space}{text}</Fragment>
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
  const parts = text.split(LINE).map((part) => part.trim())
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
        <Select id="compare-van" name="van" label={t('signoff.compare.from')} options={versionOptions} defaultValue={from ?? String(numbers.at(-1))} />
        <Select id="compare-naar" name="naar" label={t('signoff.compare.to')} options={targets} defaultValue={to ?? 'concept'} />
        <Button appearance="secondary">{t('signoff.compare.submit')}</Button>
      </Form>
    </section>
  )
}
