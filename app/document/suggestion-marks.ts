import { Mark, mergeAttributes } from '@tiptap/core'
import { colorFor } from './colors.ts'
import { DELETION_MARK, INSERTION_MARK, MODIFICATION_MARK } from './suggestions.ts'

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

function suggestionMark(name: typeof INSERTION_MARK | typeof DELETION_MARK, tag: 'ins' | 'del') {
  return Mark.create({
    name,
    inclusive: false,
    excludes: `${INSERTION_MARK} ${DELETION_MARK} ${MODIFICATION_MARK}`,
    addAttributes: () => suggestionAttributes,
    parseHTML: () => [{ tag: `${tag}.pw-suggestion` }],
    renderHTML: ({ mark, HTMLAttributes }) => {
      const partyId = typeof mark.attrs.partyId === 'string' ? mark.attrs.partyId : ''
      return [
        tag,
        mergeAttributes(HTMLAttributes, {
          class: `pw-suggestion pw-suggestion--${name}`,
          'data-suggestion-id': String(mark.attrs.id ?? ''),
          'data-author-id': mark.attrs.authorId ?? '',
          style: `--pw-suggestion-color: ${colorFor(partyId)}`,
        }),
        0,
      ]
    },
  })
}

export const Insertion = suggestionMark(INSERTION_MARK, 'ins')
export const Deletion = suggestionMark(DELETION_MARK, 'del')

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
