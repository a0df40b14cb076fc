import { readdirSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { compactUpdatesOffThread } from './off-thread.ts'

function textOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc.getText('default').toString()
}

function recorded(edit: (text: Y.Text) => void): Uint8Array[] {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  edit(doc.getText('default'))
  return updates
}

describe('compactUpdatesOffThread', () => {
  it('drops the content of deletions, keeping what is visible', async () => {
    const updates = recorded((text) => {
      text.insert(0, 'x'.repeat(10_000))
      text.delete(0, 10_000)
      text.insert(0, 'blijft')
    })
    const merged = await compactUpdatesOffThread(updates)
    expect(textOf([merged])).toBe('blijft')
    expect(merged.byteLength).toBeLessThan(Y.mergeUpdates(updates).byteLength)
  })

  it('keeps updates whose dependencies are missing, as pending structs', async () => {
    const updates = recorded((text) => {
      text.insert(0, 'een')
      text.insert(3, 'twee')
    })
    const merged = await compactUpdatesOffThread([updates[1]])
    expect(textOf([updates[0], merged])).toBe('eentwee')
  })

  it.runIf(process.platform === 'linux')('folds on a thread of the lowest priority, leaving the event loop its own', async () => {
    const niceValues = () =>
      readdirSync('/proc/self/task').map((threadId) => {
        const stat = readFileSync(`/proc/self/task/${threadId}/stat`, 'utf8')
        // Field 19 is the nice value; the command name before it may hold spaces, so count from its ')'.
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])
      })
    await compactUpdatesOffThread(recorded((text) => text.insert(0, 'x')))
    expect(niceValues()).toContain(os.constants.priority.PRIORITY_LOW)
    expect(niceValues()[0]).not.toBe(os.constants.priority.PRIORITY_LOW)
  })

  it('leaves the event loop free while it folds: other work runs before the result is there', async () => {
    const updates = recorded((text) => {
      for (let i = 0; i < 5_000; i++) text.insert((i * 7919) % (text.length + 1), `w${i} `)
    })
    let otherWorkRan = false
    const folding = compactUpdatesOffThread(updates)
    // Had the fold run on this thread, the promise would be settled before any macrotask runs.
    setImmediate(() => (otherWorkRan = true))
    const merged = await folding
    expect(otherWorkRan).toBe(true)
    expect(textOf([merged])).toBe(textOf(updates))
  })

  it('folds requests made at the same time each into its own result', async () => {
    const first = recorded((text) => text.insert(0, 'eerste'))
    const second = recorded((text) => text.insert(0, 'tweede'))
    const [a, b] = await Promise.all([compactUpdatesOffThread(first), compactUpdatesOffThread(second)])
    expect([textOf([a]), textOf([b])]).toEqual(['eerste', 'tweede'])
  })
})
