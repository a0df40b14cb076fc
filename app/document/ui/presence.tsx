import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { WebsocketProvider } from 'y-websocket'
import { FALLBACK_COLOR } from '#app/document/colors.ts'

/**
 * Who else is in the document, and where they type: the presence list and the carets, both
 * drawn from the awareness states the server relays (it vouches for id, name and party).
 */

interface PresentPerson {
  key: string
  name: string
  color: string
  isSelf: boolean
}

function usePresence(provider: WebsocketProvider): PresentPerson[] {
  const [people, setPeople] = useState<PresentPerson[]>([])
  useEffect(() => {
    const { awareness } = provider
    const update = () => {
      const states = [...awareness.getStates()].sort(
        ([a], [b]) => Number(b === awareness.clientID) - Number(a === awareness.clientID),
      )
      const byPerson = new Map<string, PresentPerson>()
      for (const [clientId, state] of states) {
        const user = presentUser(state.user)
        if (!user) continue
        const key = user.id ?? `client-${clientId}`
        if (byPerson.has(key)) continue // the same person in a second tab
        byPerson.set(key, { key, name: user.label, color: user.color, isSelf: clientId === awareness.clientID })
      }
      setPeople([...byPerson.values()])
    }
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [provider])
  return people
}

export function PresenceList({ provider }: { provider: WebsocketProvider }) {
  const { t } = useTranslation()
  const people = usePresence(provider)
  const titleId = useId()
  return (
    <section className="pw-presence" aria-labelledby={titleId}>
      <h2 id={titleId} className="pw-presence__title">
        {t('editor.presence.title')}
      </h2>
      <ul className="pw-presence__list" data-testid="presence-list" aria-live="polite">
        {people.map((person) => (
          <li key={person.key} className="pw-presence__person">
            <span className="pw-presence__swatch" style={{ backgroundColor: person.color }} aria-hidden="true" />
            {person.isSelf ? t('editor.presence.you', { name: person.name }) : person.name}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** Awareness comes from other browsers: only a string name and party, and a colour in our own format. */
export function presentUser(value: unknown): { id: string | null; label: string; color: string } | null {
  if (typeof value !== 'object' || value === null) return null
  const { id, name, party, color } = value as Record<string, unknown>
  if (typeof name !== 'string') return null
  return {
    id: typeof id === 'string' ? id : null,
    label: typeof party === 'string' && party ? `${name} (${party})` : name,
    color: typeof color === 'string' && /^#[0-9a-f]{6}$/i.test(color) ? color : FALLBACK_COLOR,
  }
}

/** Tiptap's default caret, labelled "name (party)" instead of the name alone. */
export function renderCaret(caretUser: Record<string, unknown>): HTMLElement {
  const person = presentUser(caretUser)
  const caret = document.createElement('span')
  caret.classList.add('collaboration-carets__caret')
  caret.style.borderColor = person?.color ?? FALLBACK_COLOR
  const label = document.createElement('span')
  label.classList.add('collaboration-carets__label')
  label.style.backgroundColor = person?.color ?? FALLBACK_COLOR
  label.textContent = person?.label ?? ''
  caret.append(label)
  return caret
}

// Dark enough for white caret labels (contrast 6.3:1 or more) and far enough apart to tell people apart.
