import { useEffect, useState } from 'react'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SUGGESTION_REFUSED_REASON, UPDATE_REFUSED_CLOSE_CODE } from '#app/document/collab-close-codes.ts'
import { offlineStoreName } from '#app/document/offline-store.ts'

/**
 * The browser's copy of a pact's shared document: one Y.Doc over the collaboration socket,
 * kept in IndexedDB for editors. The text editor and the structured-model forms use the same
 * connection code, so both get the same offline path, socket and access rules.
 */
export interface PactConnection {
  doc: Y.Doc
  provider: WebsocketProvider
  persistence: IndexeddbPersistence | null
}

export function usePactConnection(pactId: string, canEdit: boolean): PactConnection | null {
  const [connection, setConnection] = useState<PactConnection | null>(null)
  useEffect(() => {
    const doc = new Y.Doc()
    // Editors keep the document in the browser, so edits made offline survive a closed tab and
    // are sent on reconnect. Readers do not: leftovers from a time they could edit would be
    // refused by the server on every reconnect.
    const persistence = canEdit ? new IndexeddbPersistence(offlineStoreName(pactId), doc) : null
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    const provider = new WebsocketProvider(`${scheme}://${location.host}/collab`, pactId, doc)
    // A change the server refused must not come back: the browser's copy would send it again on
    // every load (refused each time), or once the writer may edit again, long after the fact.
    const onClosed = ({ code }: { code: number }) => {
      if (code === UPDATE_REFUSED_CLOSE_CODE) void persistence?.clearData()
    }
    provider.on('closed', onClosed)
    setConnection({ doc, provider, persistence })
    return () => {
      setConnection(null)
      provider.off('closed', onClosed)
      provider.destroy()
      void persistence?.destroy()
      doc.destroy()
    }
  }, [pactId, canEdit])
  return connection
}

/**
 * True once the document holds the pact's content: synced with the server, or (offline) loaded
 * from this browser's copy. Before that an empty document would read as "nothing here yet".
 */
export function useDocumentReady(connection: PactConnection | null): boolean {
  const [ready, setReady] = useState(false)
  useEffect(() => {
    setReady(false)
    if (!connection) return
    const { provider, persistence, doc } = connection
    let active = true
    const onSync = (synced: boolean) => {
      if (synced && active) setReady(true)
    }
    provider.on('sync', onSync)
    if (provider.synced) setReady(true)
    void persistence?.whenSynced.then(() => {
      if (active && doc.share.size > 0) setReady(true)
    })
    return () => {
      active = false
      provider.off('sync', onSync)
    }
  }, [connection])
  return ready
}

export type ConnectionState =
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'offline'
  | 'refused'
  /** The server refused a change of ours (4422) ... */
  | 'updateRefused'
  /** ... because it was a direct edit from someone who may only propose. */
  | 'suggestionRefused'

export function useConnectionState(provider: WebsocketProvider): ConnectionState {
  const [status, setStatus] = useState<'connecting' | 'connected' | 'disconnected'>(
    provider.wsconnected ? 'connected' : 'connecting',
  )
  const [hasConnected, setHasConnected] = useState(provider.wsconnected)
  const [refused, setRefused] = useState<'refused' | 'updateRefused' | 'suggestionRefused' | null>(null)
  const [online, setOnline] = useState(() => navigator.onLine)
  useEffect(() => {
    const onStatus = ({ status: next }: { status: 'connecting' | 'connected' | 'disconnected' }) => {
      setStatus(next)
      if (next === 'connected') {
        setHasConnected(true)
        setRefused(null)
      }
    }
    // Close codes 44xx: the server will not let us in (access revoked, signed out), or refused a change of
    // ours that does not fit the document or our right to only propose; y-websocket stops retrying.
    const onClosed = ({ code, reason }: { code: number; reason: string }) => {
      if (code !== UPDATE_REFUSED_CLOSE_CODE) setRefused('refused')
      else setRefused(reason === SUGGESTION_REFUSED_REASON ? 'suggestionRefused' : 'updateRefused')
    }
    const onOnline = () => setOnline(true)
    const onOffline = () => setOnline(false)
    provider.on('status', onStatus)
    provider.on('closed', onClosed)
    // The socket may have opened between the first render and this subscription.
    if (provider.wsconnected) onStatus({ status: 'connected' })
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
    return () => {
      provider.off('status', onStatus)
      provider.off('closed', onClosed)
      window.removeEventListener('online', onOnline)
      window.removeEventListener('offline', onOffline)
    }
  }, [provider])
  if (!online) return 'offline'
  if (refused) return refused
  if (status === 'connected') return 'connected'
  return hasConnected ? 'reconnecting' : 'connecting'
}
