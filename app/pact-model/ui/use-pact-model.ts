import { useEffect, useMemo, useRef, useState } from 'react'
import type * as Y from 'yjs'
import { editablePactModel, type EditablePactModel } from '#app/pact-model/editable-pact-model.ts'
import { PACT_MODEL_KEY, readPactModel } from '#app/pact-model/pact-model-yjs.ts'
import type { PactModel, PactModelContext, PactModelIssue, validatePactModel } from '#app/pact-model/pact-model.ts'
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

type Validate = typeof validatePactModel

/**
 * The model's validation, which brings Zod along (20 KB gzipped), loaded once `wanted` (there is a
 * synced document to validate): on the document page the editor takes input before that, and only
 * the data blocks wait for it. Null until loaded.
 */
function useValidation(wanted: boolean): Validate | null {
  const [validate, setValidate] = useState<Validate | null>(null)
  useEffect(() => {
    if (!wanted) return
    let active = true
    void import('#app/pact-model/pact-model.ts').then((module) => {
      if (active) setValidate(() => module.validatePactModel)
    })
    return () => {
      active = false
    }
  }, [wanted])
  return validate
}

/**
 * The structured model in `doc`, re-read and validated on every change anyone makes to it.
 * `doc` is null until it holds the pact's content (useDocumentReady). `lastValidFallback` stands
 * in until the document holds a valid model.
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

  const validate = useValidation(doc !== null)
  const lastValid = useRef(lastValidFallback)
  const contextKey = JSON.stringify(context)
  return useMemo(() => {
    if (!raw || !validate) return null
    const validation = validate(raw.value, context)
    if (validation.ok) lastValid.current = validation.model
    return {
      raw: raw.value,
      editable: editablePactModel(raw.value),
      issues: validation.ok ? [] : validation.issues,
      lastValid: lastValid.current,
      valid: validation.ok,
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the context is compared by value (contextKey): loaders hand out a new but equal object on every revalidation.
  }, [raw, validate, contextKey])
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
