import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import { colorFor } from '#app/document/colors.ts'
import { presentUser } from '#app/document/ui/presence.tsx'
import type { PactConnection } from '#app/document/ui/use-pact-connection.ts'
import { writerClientIdsAt } from '#app/pact-model/pact-model-yjs.ts'
import type { Path } from './model-editor.ts'

/**
 * What the live fields of one page share: presence (the field each person is in, shown beside
 * that field, through the same awareness as the editor's carets), who wrote a value that reached
 * a field, and what was typed but is not in the shared model yet. That input is kept in this
 * tab's session storage, so a reload brings it back, and leaving the page while there is any
 * asks first.
 */

export interface PersonInField {
  key: string
  /** "name (party)". */
  label: string
  color: string
}

export interface SharedFields {
  /** Tells the others which field this browser is in; null when it leaves it. */
  focus(fieldKey: string | null): void
  /**
   * Who wrote the value at `path` (a path of the model as read): 'self' for this browser,
   * otherwise the writer's "name (party)" while they are here, or null when that is unknown.
   */
  writerOf(path: Path): 'self' | string | null
  /** Typed input not in the shared model, per field: kept across a reload of this tab. */
  unsaved: {
    read(fieldKey: string): string | null
    write(fieldKey: string, text: string | null): void
    /** The field is gone from the page: its input no longer holds the page (it stays stored for a return). */
    release(fieldKey: string): void
  }
}

const SharedFieldsContext = createContext<SharedFields | null>(null)
// Apart from the rest, which stays the same object while people come and go.
const PeopleByFieldContext = createContext<ReadonlyMap<string, readonly PersonInField[]>>(new Map())

/** The live fields' shared state, or null outside a page that provides it (e.g. a unit test). */
export function useSharedFields(): SharedFields | null {
  return useContext(SharedFieldsContext)
}

/** The other people in a field. */
export function usePeopleInField(fieldKey: string | null): readonly PersonInField[] {
  return useContext(PeopleByFieldContext).get(fieldKey ?? '') ?? NOBODY
}
const NOBODY: readonly PersonInField[] = []

export function SharedFieldsProvider({
  connection,
  pactId,
  userId,
  children,
}: {
  /** Null while the page connects: the fields then share nothing. */
  connection: PactConnection | null
  pactId: string
  userId: string
  children: ReactNode
}) {
  const doc = connection?.doc ?? null
  const awareness = connection?.provider.awareness ?? null
  const [peopleByField, setPeopleByField] = useState<ReadonlyMap<string, readonly PersonInField[]>>(new Map())

  useEffect(() => {
    if (!awareness) return
    // The same colour as this person's caret in the text; the server fills in who it is.
    awareness.setLocalStateField('user', { color: colorFor(userId) })
    // Carets moving in the text change awareness too, many times a second: only a change of who is in which field counts.
    let shown = ''
    const update = () => {
      const byField = new Map<string, PersonInField[]>()
      for (const [clientId, state] of awareness.getStates()) {
        const field: unknown = state.field
        const user = presentUser(state.user)
        if (clientId === awareness.clientID || typeof field !== 'string' || !user) continue
        const key = user.id ?? `client-${clientId}`
        const people = byField.get(field) ?? []
        if (!people.some((person) => person.key === key)) people.push({ key, label: user.label, color: user.color })
        byField.set(field, people)
      }
      const key = JSON.stringify([...byField])
      if (key === shown) return
      shown = key
      setPeopleByField(byField)
    }
    update()
    awareness.on('change', update)
    return () => awareness.off('change', update)
  }, [awareness, userId])

  const unsavedKeys = useRef(new Set<string>())
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (unsavedKeys.current.size === 0) return
      event.preventDefault()
      // Older browsers ask only when returnValue is set.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', warn)
    return () => window.removeEventListener('beforeunload', warn)
  }, [])

  const value = useMemo<SharedFields | null>(() => {
    if (!doc || !awareness) return null
    const storageKey = (fieldKey: string) => `pactwerk:unsaved:${pactId}:${fieldKey}`
    return {
      focus: (fieldKey) => awareness.setLocalStateField('field', fieldKey),
      writerOf: (path) => {
        const writers = writerClientIdsAt(doc, path)
        if (writers.length === 0) return null
        if (writers.includes(doc.clientID)) return 'self'
        const user = writers.map((clientId) => presentUser(awareness.getStates().get(clientId)?.user)).find(Boolean)
        return user?.label ?? null
      },
      unsaved: {
        read: (fieldKey) => sessionStorageOrNull()?.getItem(storageKey(fieldKey)) ?? null,
        write: (fieldKey, text) => {
          if (text === null) unsavedKeys.current.delete(fieldKey)
          else unsavedKeys.current.add(fieldKey)
          try {
            const storage = sessionStorageOrNull()
            if (text === null) storage?.removeItem(storageKey(fieldKey))
            else storage?.setItem(storageKey(fieldKey), text)
          } catch {
            // Storage full: the input stays on the page and leaving still asks first.
          }
        },
        release: (fieldKey) => unsavedKeys.current.delete(fieldKey),
      },
    }
  }, [awareness, doc, pactId])

  return (
    <SharedFieldsContext.Provider value={value}>
      <PeopleByFieldContext.Provider value={peopleByField}>{children}</PeopleByFieldContext.Provider>
    </SharedFieldsContext.Provider>
  )
}

// Storage can be switched off or full; the input then still stays on the page, only not across a reload.
function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}
