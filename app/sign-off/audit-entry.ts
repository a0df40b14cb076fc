import type { TFunction } from 'i18next'
import { messageText } from '#app/platform/i18n/keys.ts'
import { formatCents } from '#app/platform/money.ts'
import { RESTORE_REFUSALS } from '#app/document/restore-form.ts'
import { refusalFor, type RefusalCode } from './forms.ts'

/**
 * An audit entry as people read it, on the logboek page and in its CSV alike: who (with their
 * organisation), what, about which clause, area, budget year or rule (by name), and the other
 * details in words. Ids become names where the pact still knows them; nothing is shown as JSON.
 * Total: details of any shape (older entries, unknown actions) still read as words.
 */

export interface AuditRow {
  action: string
  /** The stored JSON. */
  details: string
  actor_name: string | null
  actor_organisation: string | null
}

/** Names the pact knows now, by id. */
export interface AuditNames {
  parties: Readonly<Record<string, string>>
  users: Readonly<Record<string, string>>
  clauses: Readonly<Record<string, string>>
  comments: Readonly<Record<string, { clauseId: string; body: string }>>
}

export interface AuditDetail {
  label: string
  value: string
  /** A SHA-256, shown in full as evidence. */
  hash: boolean
}

export interface ReadableAuditEntry {
  person: string
  organisation: string
  action: string
  subject: string
  details: AuditDetail[]
}

const HASH_KEYS = new Set(['contentHash', 'seenHash', 'hash'])
const EXCERPT_LENGTH = 80
const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6 })

export function readableAuditEntry(row: AuditRow, names: AuditNames, t: TFunction): ReadableAuditEntry {
  const details = parseDetails(row.details)
  const { subject, shownKeys } = subjectOf(row.action, details, names, t)
  const text = (key: string, value: unknown) => readableValue(key, value, names, t)
  return {
    person: row.actor_name ?? t('signoff.audit.system'),
    organisation: typeof details.organisation === 'string' ? details.organisation : (row.actor_organisation ?? ''),
    action: t(`signoff.audit.actions.${row.action}`, { defaultValue: row.action }),
    subject,
    details: Object.entries(details)
      .filter(([key, value]) => value !== null && value !== undefined && key !== 'organisation' && !shownKeys.includes(key))
      .map(([key, value]) => ({
        label: t(`signoff.audit.fields.${key}`, { defaultValue: key }),
        value: text(key, value),
        hash: typeof value === 'string' && HASH_KEYS.has(key),
      })),
  }
}

/** The entry's details in one line of words, for a CSV cell. */
export function detailsLine(details: readonly AuditDetail[]): string {
  return details.map((detail) => `${detail.label}: ${detail.value}`).join('; ')
}

// What the entry is about, by name, and which detail keys that already says.
function subjectOf(
  action: string,
  details: Record<string, unknown>,
  names: AuditNames,
  t: TFunction,
): { subject: string; shownKeys: string[] } {
  const plain = { interpolation: { escapeValue: false } }
  const string = (key: string) => (typeof details[key] === 'string' ? details[key] : '')
  const clauseTitle = (clauseId: string, fallback = '') => {
    const title = names.clauses[clauseId] ?? fallback
    return title ? t('signoff.audit.subjects.clause', { title, ...plain }) : t('signoff.audit.subjects.goneClause')
  }
  const area = string('area') || '—'
  if (action === 'edit.clause' || action === 'edit.clause-removed')
    return { subject: clauseTitle(string('clauseId'), string('title')), shownKeys: ['clauseId', 'title'] }
  if (action === 'edit.budget') {
    const year = typeof details.year === 'number' ? String(details.year) : ''
    const subject = year
      ? t('signoff.audit.subjects.budget', { area, year, ...plain })
      : t('signoff.audit.subjects.area', { area, ...plain })
    return { subject, shownKeys: ['areaId', 'area', 'year'] }
  }
  if (action === 'edit.risk-rule') {
    const subject = string('areaId')
      ? t('signoff.audit.subjects.ruleArea', { area, ...plain })
      : t('signoff.audit.subjects.rulePact')
    return { subject, shownKeys: ['ruleId', 'areaId', 'area'] }
  }
  if (action.startsWith('edit.') && 'areaId' in details) {
    return { subject: t('signoff.audit.subjects.area', { area, ...plain }), shownKeys: ['areaId', 'area'] }
  }
  const commentId = string('commentId') || string('threadId')
  if (action.startsWith('comment.') && commentId) {
    const comment = names.comments[commentId]
    const clauseId = comment?.clauseId ?? string('clauseId')
    const title = names.clauses[clauseId]
    const subject =
      comment && title
        ? t('signoff.audit.subjects.comment', { title, excerpt: excerpt(comment.body), ...plain })
        : clauseTitle(clauseId)
    return { subject, shownKeys: ['commentId', 'threadId', 'clauseId', 'parentId'] }
  }
  if (typeof details.clauseId === 'string') return { subject: clauseTitle(details.clauseId), shownKeys: ['clauseId'] }
  return { subject: '', shownKeys: [] }
}

function readableValue(key: string, value: unknown, names: AuditNames, t: TFunction): string {
  if (typeof value === 'boolean') return t(value ? 'common.yes' : 'common.no')
  if (typeof value === 'number') {
    return key.endsWith('Cents') && Number.isSafeInteger(value) ? formatCents(value) : numberFormat.format(value)
  }
  if (Array.isArray(value)) return value.map((item) => readableValue(key, item, names, t)).join(', ')
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value)
      .filter(([, inner]) => inner !== null && inner !== undefined)
      .map(
        ([innerKey, inner]) =>
          `${t(`signoff.audit.fields.${innerKey}`, { defaultValue: innerKey })} ${readableValue(innerKey, inner, names, t)}`,
      )
      .join(', ')
  }
  if (typeof value !== 'string') return ''
  const known =
    key === 'partyId'
      ? names.parties[value]
      : key === 'userId'
        ? names.users[value]
        : key === 'clauseId'
          ? names.clauses[value]
          : undefined
  if (known) return known
  if (key === 'decision') return t(`signoff.decisions.${value}`, { defaultValue: value })
  if (key === 'from' || key === 'to') return t(`pactStatus.${value}`, { defaultValue: value })
  if (key === 'access') return t(`access.${value}`, { defaultValue: value })
  if (key === 'refused') return messageText(t, refusalFor(value as RefusalCode)?.message ?? restoreRefusalMessage(value) ?? value)
  if (key === 'reason') return t(`signoff.audit.reasons.${value}`, { defaultValue: value })
  return value
}

/** A refused restore of the text (document.restore-refused) has codes of its own. */
function restoreRefusalMessage(code: string): string | undefined {
  return Object.hasOwn(RESTORE_REFUSALS, code) ? RESTORE_REFUSALS[code as keyof typeof RESTORE_REFUSALS].message : undefined
}

function parseDetails(json: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(json)
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

function excerpt(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat
}
