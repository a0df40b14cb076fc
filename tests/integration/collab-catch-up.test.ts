import { describe, expect, it } from 'vitest'
import { getDb } from '#app/platform/db/db.server.ts'
import { LocalFanout, type Fanout, type FanoutMessage } from '#server/collab/index.ts'
import { collabTestbed, TEST_TEXT, waitFor } from '#tests/support/collab.ts'
import { createTestPact } from '#tests/support/fixtures.ts'

const testbed = collabTestbed()

/** A fanout that loses updates while `losing` is set, as Redis pub/sub does while an instance is cut off. */
function lossyFanout() {
  const inner = new LocalFanout()
  const resyncs = new Set<() => void>()
  const control = { losing: false, lost: 0 }
  const fanout: Fanout = {
    join(pactId, receive, resync) {
      if (resync) resyncs.add(resync)
      const channel = inner.join(pactId, (message: FanoutMessage) => {
        if (!control.losing) receive(message)
        else if (message.kind === 'update') control.lost++
      })
      return {
        ...channel,
        leave: () => {
          if (resync) resyncs.delete(resync)
          channel.leave()
        },
      }
    },
  }
  return { fanout, control, reconnect: () => resyncs.forEach((resync) => resync()) }
}

async function twoInstances(options: { catchUpIntervalMs?: number } = {}) {
  const pact = await createTestPact()
  const { fanout, control, reconnect } = lossyFanout()
  const [a, b] = await Promise.all([testbed.server({ fanout, ...options }), testbed.server({ fanout, ...options })])
  const onA = testbed.client(a, pact.pactId, pact.owner)
  const onB = testbed.client(b, pact.pactId, pact.owner)
  await Promise.all([onA.whenSynced(), onB.whenSynced()])
  return { pact, control, reconnect, onA, onB }
}

describe('catching up from the log on relays that were lost', () => {
  it('numbers every logged update per document, without gaps', async () => {
    const { pact, onA, onB } = await twoInstances()
    for (let i = 0; i < 6; i++) {
      ;(i % 2 === 0 ? onA : onB).text.insert(0, `${i}`)
      await waitFor(() => onA.text.length === i + 1 && onB.text.length === i + 1, 'both to have the edit')
    }
    const rows = await getDb()
      .selectFrom('collab_updates')
      .select('seq')
      .where('pact_id', '=', pact.pactId)
      .orderBy('seq')
      .execute()
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('notices the gap when a later relay arrives, and reads what it missed from the log', async () => {
    const { control, onA, onB } = await twoInstances()
    control.losing = true
    onA.text.insert(0, 'verloren ')
    await waitFor(() => control.lost === 1, 'the relay to be lost')
    control.losing = false
    onA.text.insert(onA.text.length, 'en gevonden')
    await waitFor(() => onB.text.toString() === 'verloren en gevonden', 'B to have both edits')
  })

  it('catches up after a reconnect of the fanout, with no later relay to reveal the gap, and presence too', async () => {
    const { control, reconnect, onA, onB } = await twoInstances()
    control.losing = true
    onA.text.insert(0, 'tijdens de storing')
    onA.provider.awareness.setLocalStateField('cursor', { anchor: 7 })
    await waitFor(() => control.lost === 1, 'the relay to be lost')
    control.losing = false
    reconnect()
    await waitFor(() => onB.text.toString() === 'tijdens de storing', 'B to catch up')
    await waitFor(
      () => onB.provider.awareness.getStates().get(onA.doc.clientID)?.cursor?.anchor === 7,
      'B to see A’s caret again',
    )
  })

  it('tells each instance’s change listener about the other’s edits, so what it derives follows the whole document', async () => {
    const pact = await createTestPact()
    const fanout = new LocalFanout()
    const changedOnB: string[] = []
    const a = await testbed.server({ fanout })
    const b = await testbed.server({ fanout, onDocumentChanged: ({ doc }) => changedOnB.push(doc.getText(TEST_TEXT).toString()) })
    const onA = testbed.client(a, pact.pactId, pact.owner)
    const onB = testbed.client(b, pact.pactId, pact.owner)
    await Promise.all([onA.whenSynced(), onB.whenSynced()])
    onA.text.insert(0, 'op A geschreven')
    await waitFor(() => changedOnB.includes('op A geschreven'), 'B’s listener to hear of A’s edit')
  })

  it('catches a silent loss with the periodic check', async () => {
    const { control, onA, onB } = await twoInstances({ catchUpIntervalMs: 100 })
    control.losing = true
    onA.text.insert(0, 'stil verloren')
    await waitFor(() => control.lost === 1, 'the relay to be lost')
    await waitFor(() => onB.text.toString() === 'stil verloren', 'B to catch up by itself')
  })
})
