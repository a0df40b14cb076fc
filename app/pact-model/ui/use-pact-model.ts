import { useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { editablePactModel, type EditablePactModel } from '#app/pact-model/editable-pact-model.ts'
import { PACT_MODEL_KEY, readPactModel } from '#app/pact-model/pact-model-yjs.ts'
import { validatePactModel, type PactModel, type PactModelContext, type PactModelIssue } from '#app/pact-model/pact-model.ts'
import { useDocumentReady, usePactConnection, type PactConnection } from '#app/document/ui/use-pact-connection.ts'

export interface LivePactModel {
  /** The model exactly as read from the shared document: anyone may have written anything. */
  raw: unknown
  /** The same, in the shapes the forms show. */
  editable: EditablePactModel
  /** Empty when the model is valid. */
  issues: PactModelIssue[]
  /** The model if valid, else the last valid one this browser saw (or the server's projection before that). */
  lastValid: PactModel
  valid: boolean
}

/**
 * The structured model in `doc`, re-read and validated on every change anyone makes to it.
 * `lastValidFallback` stands in until the document holds a valid model.
 */
export function useLiveModel(doc: Y.Doc | null, context: PactModelContext, lastValidFallback: PactModel): LivePactModel | null {
  const [raw, setRaw] = useState<{ value: unknown } | null>(null)
  useEffect(() => {
    if (!doc) {
      setRaw(null)
      return
    }
    const model = doc.getMap(PACT_MODEL_KEY)
    const read = () => setRaw({ value: readPactModel(doc) })
    read()
    model.observeDeep(read)
    return () => model.unobserveDeep(read)
  }, [doc])

  const lastValid = useRef(lastValidFallback)
  const contextKey = JSON.stringify(context)
  return useMemo(() => {
    if (!raw) return null
    const validation = validatePactModel(raw.value, context)
    if (validation.ok) lastValid.current = validation.model
    return {
      raw: raw.value,
      editable: editablePactModel(raw.value),
      issues: validation.ok ? [] : validation.issues,
      lastValid: lastValid.current,
      valid: validation.ok,
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the context is compared by value (contextKey): loaders hand out a new but equal object on every revalidation.
  }, [raw, contextKey])
}

/** The pact's live model over its own connection to the shared document; null until it has loaded. */
export function usePactModel(
  pactId: string,
  canEdit: boolean,
  context: PactModelContext,
  lastValidFallback: PactModel,
): { connection: PactConnection; model: LivePactModel } | null {
  const connection = usePactConnection(pactId, canEdit)
  const ready = useDocumentReady(connection)
  const model = useLiveModel(ready ? (connection?.doc ?? null) : null, context, lastValidFallback)
  return connection && model ? { connection, model } : null
}
