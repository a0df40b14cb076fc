import * as Y from 'yjs'
import { DELETION_MARK, DOCUMENT_FIELD, INSERTION_MARK } from '#app/document/extensions.ts'
import type { TrialCopy } from './trial-copy.ts'

/**
 * What a client's update does to suggestions (app/document/suggestions.ts), decided by the
 * server from the update itself, never from what the client says:
 *
 * - Identity: every suggestion mark an update writes carries the connection's own user as its
 *   author. Whoever sends a suggestion attributed to someone else (or to no one) is refused.
 * - A suggest-only connection (a commentator, see `textWriteVerdict`) may change nothing but its
 *   own suggestions: insert text marked as its own insertion, mark text as its own deletion,
 *   and take back its own suggestions (delete its inserted text, unmark its deletions). Any
 *   other change (typing unmarked text, deleting or formatting text, accepting a suggestion,
 *   adding a paragraph, touching the model) is refused.
 * - A connection that suggests and decides (an editor while the pact is in suggestion-only mode)
 *   may do the same, and accept or reject anyone's suggestions; every other change is refused.
 * - Decisions: which suggestions an update accepts, rejects or withdraws, with their text, so
 *   the server can put them in the audit trail.
 *
 * Why a copy here, unlike the schema guard (update-guard.ts): "confined to one's own
 * suggestions" is a property of the update's effect on the formatted text, which Yjs computes
 * only when it applies the update (which formatting an inserted character gets depends on
 * formatting items before it). So the update is tried on a copy of the document (trial-copy.ts)
 * and the copy's change events are compared with the live document's text. Only suggest-only
 * connections and updates that touch suggestion marks are tried.
 */

export type SuggestionOutcome = 'accepted' | 'rejected' | 'withdrawn'

export interface SuggestionDecision {
  outcome: SuggestionOutcome
  kind: typeof INSERTION_MARK | typeof DELETION_MARK
  suggestionId: string
  /** Who proposed it. */
  authorId: string
  /** The text concerned (for a partly decided suggestion, the part decided now). */
  text: string
  /** The clause it was in; null outside clauses. */
  clauseId: string | null
}

/** What the app is told, to audit it: decisions taken, or an update refused (the socket is closed). */
export type SuggestionEvent = { pactId: string; userId: string } & ({ decisions: SuggestionDecision[] } | { refused: string })

export type SuggestionEffects = { refusal: string } | { refusal: null; decisions: SuggestionDecision[] }

/** What a connection may do to the text, as its write verdict says: anything, only propose, or propose and decide. */
export type SuggestionRights = 'edit' | 'suggest' | 'suggest-and-decide'

const NO_EFFECT: SuggestionEffects = { refusal: null, decisions: [] }
const SUGGESTION_KEYS = new Set<string>([INSERTION_MARK, DELETION_MARK])
// The suggestion library marks a deletion across a paragraph boundary with zero-width spaces.
const ONLY_ZERO_WIDTH = /^\u200b+$/

type Attributes = Record<string, unknown>
interface Run {
  text: string
  attributes: Attributes
}

/** Never throws: an update it cannot read is left to the schema guard, which refuses it (or refused here when suggest-only). */
export function suggestionEffects(
  doc: Y.Doc,
  trialCopy: TrialCopy,
  update: Uint8Array,
  userId: string,
  rights: SuggestionRights,
): SuggestionEffects {
  const suggestOnly = rights !== 'edit'
  try {
    if (!suggestOnly && !mayTouchSuggestions(doc, update)) return NO_EFFECT
    const forged = forgedSuggestion(doc, update, userId)
    if (forged) return { refusal: forged }
    return new EffectAnalysis(doc, userId, suggestOnly, rights === 'suggest-and-decide').run(trialCopy, update)
  } catch (error) {
    return suggestOnly ? { refusal: `unreadable: ${error instanceof Error ? error.message : String(error)}` } : NO_EFFECT
  }
}

/** Cheap pre-check: the update names a suggestion mark, or deletes content of a text that holds one. */
function mayTouchSuggestions(doc: Y.Doc, update: Uint8Array): boolean {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength)
  if (bytes.includes(INSERTION_MARK) || bytes.includes(DELETION_MARK)) return true
  const { ds } = Y.decodeUpdate(update)
  // Each text once: a deletion of many characters spans many items of the same text.
  const texts = new Set<Y.XmlText>()
  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      for (let at = clock; at < clock + len && at < Y.getState(doc.store, client);) {
        const item = Y.getItem(doc.store, Y.createID(client, at))
        if (item instanceof Y.Item && item.parent instanceof Y.XmlText) texts.add(item.parent)
        at = item.id.clock + item.length
      }
    }
  }
  for (const text of texts) if (holdsSuggestion(text)) return true
  return false
}

function holdsSuggestion(text: Y.XmlText): boolean {
  for (let item = text._start; item; item = item.right) {
    if (item.content instanceof Y.ContentFormat && SUGGESTION_KEYS.has(item.content.key)) return true
  }
  return false
}

/** A new suggestion mark whose author is not `userId`, or that is stored in a way the readers do not look for. */
function forgedSuggestion(doc: Y.Doc, update: Uint8Array, userId: string): string | null {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentFormat)) continue
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue
    const { key, value } = struct.content
    const name = key.replace(/--.*$/, '')
    if (!SUGGESTION_KEYS.has(name) || value === null) continue
    if (key !== name) return `forged-suggestion: ${name} stored as overlapping`
    if (authorOf(value) !== userId) return `forged-suggestion: ${name} by another author`
  }
  return null
}

class EffectAnalysis {
  private refusal: string | null = null
  /** Set while one text's change holds a step that is fine only if it is y-prosemirror's shifted insert (see `textChanged`). */
  private shifted: string | null = null
  private readonly decisions = new Map<string, SuggestionDecision>()
  /**
   * The paragraphs before an accepted deletion's join (`joined`), by their live text: what moves
   * to their end, and the accepted deletion's text in the removed paragraphs (decided after theirs).
   */
  private readonly joins = new Map<
    Y.XmlText,
    { moved: DeltaRun[]; removedText: Array<{ text: string; clauseId: string | null }> }
  >()

  constructor(
    private readonly doc: Y.Doc,
    private readonly userId: string,
    private readonly suggestOnly: boolean,
    private readonly mayDecide: boolean,
  ) {}

  run(trialCopy: TrialCopy, update: Uint8Array): SuggestionEffects {
    trialCopy.trial(update, (copy) => {
      const fragment = copy.getXmlFragment(DOCUMENT_FIELD)
      const textChanged = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
        for (const event of events) {
          if (event.target instanceof Y.XmlText) this.textChanged(event.target, event.delta as DeltaOp[])
          else if (!this.joined(event)) this.refuseIfSuggestOnly('direct-edit: structure')
        }
      }
      const anythingElseChanged = (transaction: Y.Transaction) => {
        for (const type of transaction.changed.keys())
          if (rootOf(type) !== fragment) this.refuseIfSuggestOnly('direct-edit: outside the text')
      }
      fragment.observeDeep(textChanged)
      copy.on('afterTransaction', anythingElseChanged)
      return () => {
        fragment.unobserveDeep(textChanged)
        copy.off('afterTransaction', anythingElseChanged)
      }
    })
    // A join whose paragraph's text did not become what accepting the deletion makes of it.
    if (this.joins.size > 0) this.refuse('direct-edit: structure')
    return this.refusal ? { refusal: this.refusal } : { refusal: null, decisions: [...this.decisions.values()] }
  }

  /**
   * Accepting a deletion that spans a paragraph boundary: the editor (y-prosemirror) removes the
   * following paragraph(s) and moves what is left of the last one, unchanged, to the end of the
   * paragraph before them. Only for those who decide, and only when the paragraph before ends in
   * that deletion, every removed paragraph begins with it, and nothing but the moved text
   * follows it (in the last one only). Whether the paragraph before then reads as its text without
   * the accepted deletion plus the moved text is checked with its own change (`textChanged`).
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private joined(event: Y.YEvent<any>): boolean {
    const { added, deleted, keys } = event.changes
    if (!this.mayDecide || added.size > 0 || keys.size > 0 || deleted.size === 0) return false
    const parent = event.target._item ? Y.getItem(this.doc.store, event.target._item.id) : null
    const children = event.target._item
      ? parent instanceof Y.Item && parent.content instanceof Y.ContentType
        ? parent.content.type
        : null
      : this.doc.getXmlFragment(DOCUMENT_FIELD)
    if (!children) return false
    const removedIds = new Set([...deleted].map((item) => `${item.id.client}:${item.id.clock}`))
    const joins: Array<{ survivor: Y.XmlText; removed: Y.XmlText[] }> = []
    let survivor: Y.XmlText | null = null
    let removed = 0
    for (let item = children._start; item; item = item.right) {
      if (item.deleted) continue
      const text = soleText(item)
      if (!removedIds.has(`${item.id.client}:${item.id.clock}`)) survivor = text
      else if (!survivor || !text) return false
      else {
        const last = joins.at(-1)
        if (last?.survivor === survivor) last.removed.push(text)
        else joins.push({ survivor, removed: [text] })
        removed++
      }
    }
    if (removed !== deleted.size) return false
    for (const { survivor, removed } of joins) {
      const accepted = (survivor.toDelta() as DeltaRun[]).at(-1)?.attributes?.[DELETION_MARK]
      if (!accepted) return false
      let moved: DeltaRun[] = []
      const removedText: Array<{ text: string; clauseId: string | null }> = []
      for (const [index, text] of removed.entries()) {
        const runs = text.toDelta() as DeltaRun[]
        const head = runs.findIndex((run) => !sameSuggestion(run.attributes?.[DELETION_MARK], accepted))
        const rest = head < 0 ? [] : runs.slice(head)
        if (head === 0 || (rest.length > 0 && index < removed.length - 1)) return false
        if (
          rest.some(
            (run) => typeof run.insert !== 'string' || run.attributes?.[INSERTION_MARK] || run.attributes?.[DELETION_MARK],
          )
        )
          return false
        for (const run of runs.slice(0, head < 0 ? runs.length : head))
          removedText.push({ text: String(run.insert), clauseId: clauseIdOf(text) })
        moved = rest
      }
      this.joins.set(survivor, { moved, removedText })
    }
    return true
  }

  private textChanged(target: Y.XmlText, delta: DeltaOp[]): void {
    const before = target._item ? Y.getItem(this.doc.store, target._item.id) : null
    if (
      !(before instanceof Y.Item) ||
      !(before.content instanceof Y.ContentType) ||
      !(before.content.type instanceof Y.XmlText)
    ) {
      return this.refuseIfSuggestOnly('direct-edit: new text')
    }
    const previous = before.content.type.toDelta() as DeltaRun[]
    const runs = new RunCursor(previous)
    const clauseId = clauseIdOf(before.content.type)
    const join = this.joins.get(before.content.type)
    if (join) return this.joinedText(before.content.type, target, delta, join, clauseId)
    this.shifted = null
    for (const op of delta) {
      if (op.insert !== undefined) this.inserted(op.insert, op.attributes ?? {})
      else if (op.delete !== undefined) for (const run of runs.take(op.delete)) this.deleted(run, clauseId)
      else if (op.retain !== undefined) {
        const taken = runs.take(op.retain)
        if (op.attributes) for (const run of taken) this.formatted(run, op.attributes, clauseId)
      }
    }
    // y-prosemirror writes typed text where a plain text diff puts it: typing "o" before "ondertekenen"
    // inserts an unmarked "o" after the existing one and marks the existing one as the proposal. The
    // same text, but an unmarked insert and existing text marked as inserted; fine exactly when the
    // text without proposals, formatting included, is what it was.
    if (this.shifted && textWithoutInsertions(previous) !== textWithoutInsertions(target.toDelta() as DeltaRun[]))
      this.refuse(this.shifted)
  }

  /**
   * The text of the paragraph before a join (`joined`): the accepted deletion taken from its end
   * (and other proposals decided as anywhere), nothing else changed, and exactly the moved text
   * added at its end, formatting included.
   */
  private joinedText(
    live: Y.XmlText,
    target: Y.XmlText,
    delta: DeltaOp[],
    { moved, removedText }: { moved: DeltaRun[]; removedText: Array<{ text: string; clauseId: string | null }> },
    clauseId: string | null,
  ): void {
    this.joins.delete(live)
    const accepted = (live.toDelta() as DeltaRun[]).at(-1)?.attributes?.[DELETION_MARK]
    const runs = new RunCursor(live.toDelta() as DeltaRun[])
    const kept: DeltaRun[] = []
    let endDeleted = false
    for (const op of delta) {
      if (op.insert !== undefined) continue
      if (op.retain !== undefined && op.attributes) return this.refuse('direct-edit: structure')
      const taken = runs.take(op.delete ?? op.retain ?? 0)
      if (op.delete !== undefined) taken.forEach((run) => this.deleted(run, clauseId))
      else kept.push(...taken.map(({ text, attributes }) => ({ insert: text, attributes })))
      endDeleted = op.delete !== undefined && runs.done
    }
    if (!endDeleted || runsKey(target.toDelta() as DeltaRun[]) !== runsKey([...kept, ...moved]))
      this.refuse('direct-edit: structure')
    for (const { text, clauseId: removedIn } of removedText) this.decide('accepted', DELETION_MARK, accepted, text, removedIn)
  }

  private inserted(insert: unknown, attributes: Attributes): void {
    if (!this.suggestOnly) return
    if (typeof insert !== 'string') return this.refuse('direct-edit: embed')
    const ownInsertion = authorOf(attributes[INSERTION_MARK]) === this.userId
    const ownBoundary = authorOf(attributes[DELETION_MARK]) === this.userId && ONLY_ZERO_WIDTH.test(insert)
    if (ownInsertion || ownBoundary) return
    if (Object.values(attributes).every((value) => value === null)) this.shifted ??= 'direct-edit: unmarked text'
    else this.refuse('direct-edit: unmarked text')
  }

  private deleted(run: Run, clauseId: string | null): void {
    const insertion = run.attributes[INSERTION_MARK]
    const deletion = run.attributes[DELETION_MARK]
    if (insertion) {
      const own = authorOf(insertion) === this.userId
      if (!own) this.refuseUnlessDeciding('direct-edit: rejecting a suggestion')
      return this.decide(own ? 'withdrawn' : 'rejected', INSERTION_MARK, insertion, run.text, clauseId)
    }
    if (deletion && ONLY_ZERO_WIDTH.test(run.text) && authorOf(deletion) === this.userId) return
    if (deletion) {
      this.refuseUnlessDeciding('direct-edit: accepting a suggestion')
      return this.decide('accepted', DELETION_MARK, deletion, run.text, clauseId)
    }
    this.refuseIfSuggestOnly('direct-edit: deleting text')
  }

  private formatted(run: Run, changes: Attributes, clauseId: string | null): void {
    for (const [key, value] of Object.entries(changes)) {
      const previous = run.attributes[key] ?? null
      // Yjs reports formatting over a whole retained stretch, also where the text already was so.
      if (sameValue(previous, value)) continue
      if (key === DELETION_MARK && value === null && previous) {
        const own = authorOf(previous) === this.userId
        if (!own) this.refuseUnlessDeciding('direct-edit: rejecting a suggestion')
        this.decide(own ? 'withdrawn' : 'rejected', DELETION_MARK, previous, run.text, clauseId)
      } else if (key === INSERTION_MARK && value === null && previous) {
        this.refuseUnlessDeciding('direct-edit: accepting a suggestion')
        this.decide('accepted', INSERTION_MARK, previous, run.text, clauseId)
      } else if (key === DELETION_MARK && value !== null) {
        // Marking text for deletion; over someone else's proposal it would take theirs over.
        const taken = [run.attributes[DELETION_MARK], run.attributes[INSERTION_MARK]].some(
          (mark) => mark && authorOf(mark) !== this.userId,
        )
        if (taken) this.refuseIfSuggestOnly('direct-edit: over another suggestion')
      } else if (key === INSERTION_MARK && value !== null) {
        // Only re-marking one's own proposed text (the library joins adjacent suggestions), or an
        // unmarked insert's shift (`textChanged`); otherwise existing text would vanish from the canonical content.
        if (previous === null && this.suggestOnly) this.shifted ??= 'direct-edit: marking existing text as inserted'
        else if (authorOf(previous) !== this.userId) this.refuseIfSuggestOnly('direct-edit: marking existing text as inserted')
      } else this.refuseIfSuggestOnly(`direct-edit: formatting (${key})`)
    }
  }

  private decide(
    outcome: SuggestionOutcome,
    kind: SuggestionDecision['kind'],
    mark: unknown,
    text: string,
    clauseId: string | null,
  ): void {
    const authorId = authorOf(mark) ?? ''
    const id = isRecord(mark) && (typeof mark.id === 'string' || typeof mark.id === 'number') ? String(mark.id) : ''
    const key = `${outcome}:${kind}:${authorId}:${id}`
    const visible = text.replace(/\u200b/g, '')
    const known = this.decisions.get(key)
    if (known) known.text += visible
    else this.decisions.set(key, { outcome, kind, suggestionId: id, authorId, text: visible, clauseId })
  }

  private refuseIfSuggestOnly(reason: string): void {
    if (this.suggestOnly) this.refuse(reason)
  }

  /** Accepting or rejecting someone's suggestion: for editors, also while they may only propose. */
  private refuseUnlessDeciding(reason: string): void {
    if (!this.mayDecide) this.refuseIfSuggestOnly(reason)
  }

  private refuse(reason: string): void {
    this.refusal ??= reason
  }
}

type DeltaRun = { insert: unknown; attributes?: Attributes }

/** A text as it reads without proposed insertions (anyone's), formatting included, adjacent runs joined: what must not change by a shift. */
function textWithoutInsertions(runs: readonly DeltaRun[]): string {
  return runsKey(runs.filter(({ attributes = {} }) => !attributes[INSERTION_MARK]))
}

/** A text's runs, formatting included, adjacent runs of the same formatting joined: equal exactly when the texts read alike. */
function runsKey(runs: readonly DeltaRun[]): string {
  const kept: Array<{ insert: string; attributes: string }> = []
  for (const { insert, attributes = {} } of runs) {
    const text = typeof insert === 'string' ? insert : JSON.stringify(insert)
    const formatting = JSON.stringify(Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b)))
    const last = kept.at(-1)
    if (last && last.attributes === formatting) last.insert += text
    else kept.push({ insert: text, attributes: formatting })
  }
  return JSON.stringify(kept)
}

interface DeltaOp {
  insert?: unknown
  delete?: number
  retain?: number
  attributes?: Attributes
}

/** Walks a text's runs (as `toDelta` gives them) by length, as a change's delta does. */
class RunCursor {
  private index = 0
  private offset = 0

  constructor(private readonly runs: readonly DeltaRun[]) {}

  /** Every run taken. */
  get done(): boolean {
    return this.index >= this.runs.length
  }

  take(length: number): Run[] {
    const taken: Run[] = []
    while (length > 0 && this.index < this.runs.length) {
      const { insert, attributes = {} } = this.runs[this.index]
      const text = typeof insert === 'string' ? insert : '\ufffc'
      const part = text.slice(this.offset, this.offset + length)
      taken.push({ text: part, attributes })
      length -= part.length
      this.offset += part.length
      if (this.offset >= text.length) {
        this.index++
        this.offset = 0
      }
    }
    return taken
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function rootOf(type: Y.AbstractType<any>): Y.AbstractType<any> {
  let root = type
  while (root._item) root = root._item.parent as typeof root
  return root
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (!isRecord(a) || !isRecord(b)) return false
  const keys = Object.keys(a)
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key])
}

function clauseIdOf(text: Y.XmlText): string | null {
  for (let item = text._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) {
    const parent = item.parent
    if (parent instanceof Y.XmlElement && parent.nodeName === 'clause') {
      const id: unknown = parent.getAttribute('clauseId')
      return typeof id === 'string' ? id : null
    }
  }
  return null
}

/** A paragraph-like element's only child, its text; null for anything else. */
function soleText(item: Y.Item): Y.XmlText | null {
  if (!(item.content instanceof Y.ContentType) || !(item.content.type instanceof Y.XmlElement)) return null
  let text: Y.XmlText | null = null
  for (let child = item.content.type._start; child; child = child.right) {
    if (child.deleted) continue
    if (text || !(child.content instanceof Y.ContentType) || !(child.content.type instanceof Y.XmlText)) return null
    text = child.content.type
  }
  return text
}

/** The same suggestion: its author and id. */
function sameSuggestion(a: unknown, b: unknown): boolean {
  return isRecord(a) && isRecord(b) && authorOf(a) !== null && authorOf(a) === authorOf(b) && a.id === b.id
}

function authorOf(mark: unknown): string | null {
  return isRecord(mark) && typeof mark.authorId === 'string' ? mark.authorId : null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
