import { Mark, mergeAttributes } from '@tiptap/core'
import { colorFor } from './colors.ts'
import { DELETION_MARK, INSERTION_MARK, MODIFICATION_MARK, type SuggestionKind } from './suggestions.ts'

/**
 * The marks of a suggestion (suggestions.ts), by the names and rules of
 * @handlewithcare/prosemirror-suggest-changes, which the editor uses for the mechanics; with
 * Pactwerk's own attributes: who proposed it, for which party, when. In the schema every
 * reader shares, so the server's update guard knows them and the readers can leave them out.
 */

const suggestionAttributes = {
  id: { default: null, rendered: false },
  authorId: { default: null, rendered: false },
  partyId: { default: null, rendered: false },
  createdAt: { default: null, rendered: false },
}

/** How a suggestion looks wherever it is rendered (the editor, the leesversie): its kind, and its party's colour. */
export function suggestionHtmlAttributes(name: SuggestionKind, attrs: Record<string, unknown>): Record<string, string> {
  const partyId = typeof attrs.partyId === 'string' ? attrs.partyId : ''
  const id = attrs.id
  return {
    class: `pw-suggestion pw-suggestion--${name}`,
    'data-suggestion-id': typeof id === 'string' || typeof id === 'number' ? String(id) : '',
    'data-author-id': typeof attrs.authorId === 'string' ? attrs.authorId : '',
    style: `--pw-suggestion-color: ${colorFor(partyId)}`,
  }
}

export const SUGGESTION_TAGS = { [INSERTION_MARK]: 'ins', [DELETION_MARK]: 'del' } as const

function suggestionMark(name: SuggestionKind) {
  const tag = SUGGESTION_TAGS[name]
  return Mark.create({
    name,
    inclusive: false,
    excludes: `${INSERTION_MARK} ${DELETION_MARK} ${MODIFICATION_MARK}`,
    addAttributes: () => suggestionAttributes,
    parseHTML: () => [{ tag: `${tag}.pw-suggestion` }],
    renderHTML: ({ mark, HTMLAttributes }) => [
      tag,
      mergeAttributes(HTMLAttributes, suggestionHtmlAttributes(name, mark.attrs)),
      0,
    ],
  })
}

export const Insertion = suggestionMark(INSERTION_MARK)
export const Deletion = suggestionMark(DELETION_MARK)

/** Only so the library finds it: a change of formatting or attributes is not offered as a suggestion. */
export const Modification = Mark.create({
  name: MODIFICATION_MARK,
  excludes: `${INSERTION_MARK} ${DELETION_MARK}`,
  addAttributes: () => ({
    id: { default: null },
    type: { default: null },
    attrName: { default: null },
    previousValue: { default: null },
    newValue: { default: null },
  }),
  renderHTML: ({ HTMLAttributes }) => ['span', HTMLAttributes, 0],
})
