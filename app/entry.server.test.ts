import { afterEach, describe, expect, it, vi } from 'vitest'
import { logger } from '#app/platform/logger.server.ts'
import { createTestPact } from '#tests/support/fixtures.ts'
import { handleError } from './entry.server.tsx'

afterEach(() => {
  vi.restoreAllMocks()
})

function args(path: string, init: RequestInit = {}, params: Record<string, string> = {}) {
  return { request: new Request(`http://localhost${path}`, init), params, context: {} } as Parameters<typeof handleError>[1]
}

describe('handleError', () => {
  it('logs an unexpected error with the pact and the signed-in user', async () => {
    const { pactId, owner } = await createTestPact()
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined)
    const error = new Error('kapot')
    handleError(error, args(`/pacts/${pactId}/akkoord`, { headers: { Cookie: owner.cookie } }))
    await vi.waitFor(() => expect(logged).toHaveBeenCalledTimes(1))
    expect(logged.mock.calls[0]![0]).toMatchObject({ err: error, pactId, userId: owner.id, path: `/pacts/${pactId}/akkoord` })
  })

  it('leaves refusals and abandoned requests alone', async () => {
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined)
    handleError(new Response(null, { status: 404 }), args('/pacts/x'))
    // A thrown data() reaches handleError as a route error response.
    handleError({ status: 403, statusText: 'Forbidden', internal: false, data: { message: 'forbidden' } }, args('/pacts/x'))
    const aborted = new AbortController()
    aborted.abort()
    handleError(new Error('weg'), args('/pacts/x', { signal: aborted.signal }))
    await new Promise((resolve) => setImmediate(resolve))
    expect(logged).not.toHaveBeenCalled()
  })
})
