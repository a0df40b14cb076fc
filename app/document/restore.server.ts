import * as Y from 'yjs'
import { recordAudit } from '#app/audit/audit.server.ts'
import { getDb, type Db } from '#app/platform/db/db.server.ts'
import { ports } from '#app/platform/ports.ts'
import type { AccessLevel } from '#app/access/access.ts'
import { documentWriteVerdict, type DocumentWriteRefusal } from '#app/access/write-policy.ts'
import { documentWriteFacts, getPact } from '#app/pacts/pacts.server.ts'
import { getVersionState } from '#app/sign-off/sign-off.server.ts'
import { readDocument } from './read-document.ts'
import type { RestoreErrorCode } from './restore-form.ts'
import { restoreUpdates, type RestoreSource } from './restore.ts'

/**
 * A beheerder repairs a pact's text without database surgery: back to a signed version's text,
 * or to the current text without what cannot be read (the last state that renders, since the
 * reader skips only what it cannot read). The change goes through the live document like any
 * server edit (stored, then relayed), so open editors follow, and it is audited. Edits made by
 * others while it is applied are merged, not lost. Only the text changes, never the model.
 * Whether the text may be written now is the write rule's to say: not in a signed pact, and not
 * in suggestion-only mode, where every change must be a visible proposal and a restore is none.
 */

export class RestoreError extends Error {
  constructor(readonly code: RestoreErrorCode) {
    super(code)
  }
}

export async function restoreDocument(
  pactId: string,
  source: RestoreSource,
  { actorId, access }: { actorId: string; access: AccessLevel },
  db: Db = getDb(),
): Promise<void> {
  const details = source.kind === 'version' ? { version: source.number } : { version: null }
  const refuse = async (code: RestoreErrorCode) => {
    await recordAudit(db, { pactId, actorId, action: 'document.restore-refused', details: { ...details, refused: code } })
    return new RestoreError(code)
  }
  const verdict = documentWriteVerdict(documentWriteFacts(await getPact(pactId, db), access))
  if (!verdict.allowed) throw await refuse(verdict.reason)
  const versionState = source.kind === 'version' ? await getVersionState(pactId, source.number, db) : null
  if (source.kind === 'version' && !versionState) throw await refuse('unknown-version')

  const current = await ports().documents.loadState(pactId)
  const before = readingOf(current)
  const target = versionState ? readingOf(versionState).json : before.json
  const updates = restoreUpdates(current, target)
  for (const update of updates) await ports().documents.applyServerUpdate(pactId, update, 'restore')
  await recordAudit(db, {
    pactId,
    actorId,
    action: 'document.restored',
    details: { ...details, skippedBefore: before.skipped, updates: updates.length },
  })
}

/**
 * What the versions page offers a beheerder: why the text cannot be restored now (null: it can),
 * and how many parts of it cannot be read.
 */
export async function restoreOffer(
  pactId: string,
  access: AccessLevel,
  db: Db = getDb(),
): Promise<{ refusal: DocumentWriteRefusal | null; skipped: number }> {
  const verdict = documentWriteVerdict(documentWriteFacts(await getPact(pactId, db), access))
  if (!verdict.allowed) return { refusal: verdict.reason, skipped: 0 }
  return { refusal: null, skipped: readingOf(await ports().documents.loadState(pactId)).skipped }
}

function readingOf(state: Uint8Array) {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return readDocument(doc)
  } finally {
    doc.destroy()
  }
}
