import {
  isSuggestChangesEnabled,
  suggestChanges,
  suggestChangesKey,
  withSuggestChanges,
} from '@handlewithcare/prosemirror-suggest-changes'
import { Extension, type Editor } from '@tiptap/core'
import type { Mark, Node } from '@tiptap/pm/model'
import type { Transaction } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { INSERTION_MARK, isSuggestionKind, suggestionKey, type OpenSuggestion } from '#app/document/suggestions.ts'

/**
 * "Voorstellen": while on, typing and deleting become suggestions (suggestions.ts) instead of
 * edits. The mechanics are @handlewithcare/prosemirror-suggest-changes (its plugin and its
 * dispatch wrapper, which leaves y-prosemirror's remote transactions alone); this extension adds
 * who proposed it. The server checks that attribution against the connection's user, so a
 * suggestion is never in anyone else's name whatever this code does.
 */

export interface SuggestionAuthor {
  userId: string
  partyId: string
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    suggestChanges: {
      /** Turns "Voorstellen" on or off. */
      setSuggesting: (on: boolean) => ReturnType
      /**
       * Accepts or rejects (the author: withdraws) every piece of the given open suggestions, in
       * one transaction: one update, in which the server sees (and audits) each decision.
       */
      decideSuggestions: (
        suggestions: ReadonlyArray<Pick<OpenSuggestion, 'kind' | 'id' | 'authorId'>>,
        accept: boolean,
      ) => ReturnType
    }
  }
}

export const SuggestChanges = Extension.create<{ author: SuggestionAuthor | null }>({
  name: 'suggestChanges',
  // Before the other extensions' keys, so that what cannot be proposed is stopped first.
  priority: 1000,

  addOptions() {
    return { author: null }
  },

  addProseMirrorPlugins() {
    return [suggestChanges()]
  },

  // New paragraphs, line breaks and formatting cannot be proposed (suggestion marks are on text only): the server would refuse them.
  addKeyboardShortcuts() {
    const whileSuggesting = () => isSuggestChangesEnabled(this.editor.state)
    return Object.fromEntries(['Enter', 'Shift-Enter', 'Mod-Enter', 'Mod-b', 'Mod-i'].map((key) => [key, whileSuggesting]))
  },

  addCommands() {
    return {
      setSuggesting:
        (on) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(suggestChangesKey, { enabled: on, skip: true })
          return true
        },
      decideSuggestions:
        (suggestions, accept) =>
        ({ tr, state, dispatch }) => {
          const ranges = suggestionRanges(state.doc, suggestions)
          if (ranges.length === 0) return false
          if (!dispatch) return true
          // Last first, so earlier positions stay valid.
          for (const { from, to, mark } of ranges.reverse()) {
            const removeText = mark.type.name === INSERTION_MARK ? !accept : accept
            if (removeText) tr.delete(from, to)
            else tr.removeMark(from, to, mark)
          }
          // A decision is an edit, never itself turned into a suggestion.
          tr.setMeta(suggestChangesKey, { skip: true })
          return true
        },
    }
  },

  dispatchTransaction({ transaction, next }) {
    const { author } = this.options
    const view: EditorView = this.editor.view
    withSuggestChanges((tracked: Transaction) => next(author ? stampAuthor(tracked, author) : tracked), newSuggestionId).call(
      view,
      transaction,
    )
  },
})

export function isSuggesting(editor: Editor): boolean {
  return isSuggestChangesEnabled(editor.state)
}

// Unique per author is enough (a suggestion is known by kind, author and id); short, as it is stored with every mark.
function newSuggestionId(): string {
  return crypto.randomUUID().slice(0, 8)
}

/**
 * Gives the suggestion marks the library just made (they carry only an id) their author, party
 * and time. Typing on in a suggestion keeps its time, so that it stays one mark (one run of text).
 */
function stampAuthor(tr: Transaction, author: SuggestionAuthor): Transaction {
  if (!tr.docChanged) return tr
  const now = new Date().toISOString()
  const createdAt = new Map<string, string>()
  const unstamped: Array<{ from: number; to: number; mark: Mark }> = []
  tr.doc.descendants((node, pos) => {
    if (!node.isText) return true
    for (const mark of node.marks) {
      if (!isSuggestionKind(mark.type.name)) continue
      if (mark.attrs.authorId == null) unstamped.push({ from: pos, to: pos + node.nodeSize, mark })
      else if (mark.attrs.authorId === author.userId && typeof mark.attrs.createdAt === 'string')
        createdAt.set(`${mark.type.name}:${mark.attrs.id}`, mark.attrs.createdAt)
    }
    return false
  })
  for (const { from, to, mark } of unstamped) {
    const time = createdAt.get(`${mark.type.name}:${mark.attrs.id}`) ?? now
    tr.removeMark(from, to, mark)
    tr.addMark(from, to, mark.type.create({ ...mark.attrs, authorId: author.userId, partyId: author.partyId, createdAt: time }))
  }
  return tr
}

/** The text ranges of the given suggestions, in document order. */
function suggestionRanges(doc: Node, suggestions: ReadonlyArray<Pick<OpenSuggestion, 'kind' | 'id' | 'authorId'>>) {
  const keys = new Set(suggestions.map(suggestionKey))
  const ranges: Array<{ from: number; to: number; mark: Mark }> = []
  doc.descendants((node, pos) => {
    if (!node.isText) return true
    const mark = node.marks.find(
      (candidate) =>
        isSuggestionKind(candidate.type.name) &&
        keys.has(
          suggestionKey({ kind: candidate.type.name, id: String(candidate.attrs.id), authorId: candidate.attrs.authorId }),
        ),
    )
    if (mark) ranges.push({ from: pos, to: pos + node.nodeSize, mark })
    return false
  })
  return ranges
}
