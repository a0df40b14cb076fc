import { useEffect, useRef, useState } from 'react'
import { useNavigation, useRevalidator } from 'react-router'
import { PACT_EVENT_KINDS } from '#app/platform/ports.ts'

// A decision with an explanation sends two events at once; one reload is enough.
const DEBOUNCE_MS = 150

/**
 * Keeps the page's data current: reloads it whenever the server says something about the pact
 * changed, and after a lost connection comes back (events may have been missed meanwhile).
 * While the person's own form submission is under way the reload waits: starting one then
 * would restart the submission's navigation and lose its outcome message.
 */
export function useLivePact(pactId: string) {
  const { revalidate } = useRevalidator()
  const busy = useNavigation().state !== 'idle'
  const [reloadWaiting, setReloadWaiting] = useState(false)
  const current = useRef({ revalidate, busy })
  current.current = { revalidate, busy }

  useEffect(() => {
    const source = new EventSource(`/pacts/${pactId}/events`)
    let timer: ReturnType<typeof setTimeout> | undefined
    let lostConnection = false
    const reload = () => {
      clearTimeout(timer)
      timer = setTimeout(() => {
        if (current.current.busy) setReloadWaiting(true)
        else void current.current.revalidate()
      }, DEBOUNCE_MS)
    }
    for (const kind of PACT_EVENT_KINDS) source.addEventListener(kind, reload)
    source.addEventListener('error', () => {
      lostConnection = true
    })
    source.addEventListener('open', () => {
      if (lostConnection) reload()
      lostConnection = false
    })
    return () => {
      clearTimeout(timer)
      source.close()
    }
  }, [pactId])

  useEffect(() => {
    if (busy || !reloadWaiting) return
    setReloadWaiting(false)
    void revalidate()
  }, [busy, reloadWaiting, revalidate])
}
