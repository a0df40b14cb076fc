import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { updateResultAreaField, writeResultArea, type ModelReading } from '#app/pact-model/pact-model-yjs.ts'
import { createModelProjection } from './projection.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

const AREA = {
  id: 'area',
  title: '',
  description: '',
  challenge: '',
  targetGroup: '',
  responsiblePartyIds: [],
  budgets: [],
  indicators: [],
}

function setUp() {
  const project = vi.fn(async (_pactId: string, _reading: ModelReading, _writerNameOf: (clientId: number) => string | null) => {})
  const onDocumentChanged = createModelProjection({ delayMs: 500, project })
  const doc = new Y.Doc()
  writeResultArea(doc, AREA)
  const writers = new Map([[doc.clientID, { userId: 'u', name: 'Anouk de Vries' }]])
  const changed = () => onDocumentChanged({ pactId: 'pact', doc, writers })
  /** A change of the model: the area's title gets `text` in front. */
  const change = (text: string) => {
    const title = ((doc.getMap('model').get('resultAreas') as Y.Map<Y.Map<string>>).get('area')!.get('title') ?? '') as string
    updateResultAreaField(doc, 'area', 'title', text + title)
    changed()
  }
  const typeText = (text: string) => {
    doc.getXmlFragment('default').insert(0, [new Y.XmlText(text)])
    changed()
  }
  function projectedTitle(call: number): unknown {
    const model = project.mock.calls[call]![1].model as { resultAreas: Array<{ title: string }> }
    return model.resultAreas[0]?.title
  }
  return { project, doc, change, typeText, projectedTitle }
}

describe('createModelProjection', () => {
  it('projects a burst of changes once, from the state after the last of them', async () => {
    const { project, doc, change, projectedTitle } = setUp()
    change('a')
    await vi.advanceTimersByTimeAsync(200)
    change('b')
    change('c')
    expect(project).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(300)
    expect(project).toHaveBeenCalledTimes(1)
    expect(projectedTitle(0)).toBe('cba')
    expect(project.mock.calls[0]![1].stateVector).toEqual(Y.encodeStateVector(doc))
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

  it('does not project again while only the text changes, and does once the model changes', async () => {
    const { project, change, typeText, projectedTitle } = setUp()
    // The first change after loading is projected whatever it touched.
    typeText('Artikel 1')
    await vi.advanceTimersByTimeAsync(500)
    expect(project).toHaveBeenCalledTimes(1)
    for (let step = 0; step < 20; step++) {
      typeText('x')
      await vi.advanceTimersByTimeAsync(100)
    }
    expect(project).toHaveBeenCalledTimes(1)
    change('Jeugd')
    await vi.advanceTimersByTimeAsync(500)
    expect(project).toHaveBeenCalledTimes(2)
    expect(projectedTitle(1)).toBe('Jeugd')
  })

  it('projects at once when the document is unloaded before its turn, and names the writers', async () => {
    const { project, doc, change, projectedTitle } = setUp()
    change('laatste')
    doc.destroy()
    expect(project).toHaveBeenCalledTimes(1)
    expect(projectedTitle(0)).toBe('laatste')
    expect(project.mock.calls[0]![2](doc.clientID)).toBe('Anouk de Vries')
    expect(project.mock.calls[0]![1].writersAt(['resultAreas', 0, 'title'])).toEqual([doc.clientID])
    await vi.advanceTimersByTimeAsync(1_000)
    expect(project).toHaveBeenCalledTimes(1)
  })
})
