import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createModelProjection } from './projection.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function setUp() {
  const project = vi.fn(async (_pactId: string, _state: Uint8Array, _writerNameOf: (clientId: number) => string | null) => {})
  const onDocumentChanged = createModelProjection({ delayMs: 500, project })
  const doc = new Y.Doc()
  const writers = new Map([[doc.clientID, { userId: 'u', name: 'Anouk de Vries' }]])
  const change = (text: string) => {
    doc.getText('default').insert(0, text)
    onDocumentChanged({ pactId: 'pact', doc, writers })
  }
  const projectedText = (call: number) => {
    const copy = new Y.Doc()
    Y.applyUpdate(copy, project.mock.calls[call]![1])
    return copy.getText('default').toString()
  }
  return { project, doc, change, projectedText }
}

describe('createModelProjection', () => {
  it('projects a burst of changes once, from the state after the last of them', async () => {
    const { project, change, projectedText } = setUp()
    change('a')
    await vi.advanceTimersByTimeAsync(200)
    change('b')
    change('c')
    expect(project).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(300)
    expect(project).toHaveBeenCalledTimes(1)
    expect(projectedText(0)).toBe('cba')
    expect(project.mock.calls[0]![2](424242)).toBeNull()
  })

  it('keeps projecting while changes keep coming', async () => {
    const { project, change } = setUp()
    for (let step = 0; step < 12; step++) {
      change('x')
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(project).toHaveBeenCalledTimes(2)
  })

  it('projects at once when the document is unloaded before its turn, and names the writers', async () => {
    const { project, doc, change, projectedText } = setUp()
    change('laatste')
    doc.destroy()
    expect(project).toHaveBeenCalledTimes(1)
    expect(projectedText(0)).toBe('laatste')
    expect(project.mock.calls[0]![2](doc.clientID)).toBe('Anouk de Vries')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(project).toHaveBeenCalledTimes(1)
  })
})
