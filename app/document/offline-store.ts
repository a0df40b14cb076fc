/**
 * Editors keep each pact's document in the browser's IndexedDB, so edits made offline survive.
 * On a shared computer that copy must not outlive the session: signing out forgets them.
 */
const PREFIX = 'pactwerk-'

export function offlineStoreName(pactId: string): string {
  return `${PREFIX}${pactId}`
}

export async function forgetOfflineStores(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return
  const databases = await indexedDB.databases()
  await Promise.all(
    databases
      .filter((database) => database.name?.startsWith(PREFIX))
      .map(
        (database) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(database.name!)
            request.onsuccess = request.onerror = request.onblocked = () => resolve()
          }),
      ),
  )
}
