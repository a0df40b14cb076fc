import { describe, expect, it } from 'vitest'
import { getDb } from '#app/platform/db/db.server.ts'
import { LocalFanout } from '#server/collab/index.ts'
import { collabTestbed, waitFor } from '#tests/support/collab.ts'
import { createTestPact } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()

describe('fan-out between server instances', () => {
  it('relays edits and presence between clients of two instances, storing each edit once', async () => {
    const pact = await createTestPact()
    const fanout = new LocalFanout()
    const [a, b] = await Promise.all([testbed.server({ fanout }), testbed.server({ fanout })])
    const onA = testbed.client(a, pact.pactId, pact.owner)
    const onB = testbed.client(b, pact.pactId, pact.owner)
    await Promise.all([onA.whenSynced(), onB.whenSynced()])

    onA.text.insert(0, 'Van A. ')
    await waitFor(() => onB.text.toString() === 'Van A. ', 'B to receive A’s edit')
    onB.text.insert(onB.text.length, 'Van B.')
    await waitFor(() => onA.text.toString() === 'Van A. Van B.', 'A to receive B’s edit')

    onA.provider.awareness.setLocalStateField('cursor', { anchor: 2 })
    await waitFor(() => onB.provider.awareness.getStates().get(onA.doc.clientID)?.cursor?.anchor === 2, 'B to see A’s caret')
    onA.destroy()
    await waitFor(() => !onB.provider.awareness.getStates().has(onA.doc.clientID), 'A’s caret to disappear on B')

    // Updates are stored before they are relayed, so both edits are in the log by now; presence never is.
    const rows = await getDb().selectFrom('collab_updates').select('id').where('pact_id', '=', pact.pactId).execute()
    expect(rows).toHaveLength(2)
  })
})
