// @vitest-environment jsdom
import { ObservableV2 } from 'lib0/observable'
import { act, createElement } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { SUGGESTION_REFUSED_REASON, UPDATE_REFUSED_CLOSE_CODE } from '#app/document/collab-close-codes.ts'
import { createI18n, loadLocale } from '#app/platform/i18n/config.ts'
import { ConnectionStatus } from './connection-status.tsx'

// React's act() warns outside a test environment it recognises.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** What ConnectionStatus uses of a WebsocketProvider: its events and whether it is connected. */
class FakeProvider extends ObservableV2<Record<string, (...args: any[]) => void>> {
  wsconnected = true
}

let root: Root | undefined
afterEach(() => {
  act(() => root?.unmount())
  root = undefined
})

function renderStatus(provider: FakeProvider, locale: 'nl' | 'en' = 'nl', suggestOnly = false): HTMLElement {
  const container = document.createElement('div')
  root = createRoot(container)
  act(() =>
    root!.render(
      createElement(
        I18nextProvider,
        { i18n: createI18n(locale) },
        createElement(ConnectionStatus, { provider: provider as unknown as WebsocketProvider, suggestOnly }),
      ),
    ),
  )
  return container.querySelector('[data-testid="connection-status"]')!
}

describe('ConnectionStatus', () => {
  it('tells the user in Dutch that the server refused their last change', () => {
    const provider = new FakeProvider()
    const status = renderStatus(provider)
    expect(status.dataset.state).toBe('connected')
    act(() => provider.emit('closed', [{ code: UPDATE_REFUSED_CLOSE_CODE, reason: 'update-refused' }, provider]))
    expect(status.dataset.state).toBe('updateRefused')
    expect(status.textContent).toContain('Uw laatste wijziging is geweigerd en niet opgeslagen: die past niet in het document.')
    expect(status.textContent).toContain('Laad de pagina opnieuw')
    expect(reloadButton(status)?.textContent).toBe('Pagina opnieuw laden')
  })

  it('says that only suggestions are allowed when the server says so, even if the page did not know yet', () => {
    const provider = new FakeProvider()
    const status = renderStatus(provider)
    expect(reloadButton(status)).toBeNull()
    act(() => provider.emit('closed', [{ code: UPDATE_REFUSED_CLOSE_CODE, reason: SUGGESTION_REFUSED_REASON }, provider]))
    expect(status.dataset.state).toBe('suggestionRefused')
    expect(status.textContent).toContain('u kunt in dit pact alleen voorstellen doen')
  })

  it('says so from what the page knows: a reader who may only propose', () => {
    const provider = new FakeProvider()
    const status = renderStatus(provider, 'nl', true)
    act(() => provider.emit('closed', [{ code: UPDATE_REFUSED_CLOSE_CODE, reason: 'update-refused' }, provider]))
    expect(status.dataset.state).toBe('suggestionRefused')
    expect(status.textContent).toContain(
      'Uw laatste wijziging is geweigerd en niet opgeslagen: u kunt in dit pact alleen voorstellen doen.',
    )
  })

  it('says so in English too, and keeps the general refusal for other final close codes', async () => {
    await loadLocale('en')
    const provider = new FakeProvider()
    const status = renderStatus(provider, 'en')
    act(() => provider.emit('closed', [{ code: UPDATE_REFUSED_CLOSE_CODE, reason: 'update-refused' }, provider]))
    expect(status.textContent).toContain('Your last change was refused')
    act(() => provider.emit('closed', [{ code: 4403, reason: 'access-revoked' }, provider]))
    expect(status.dataset.state).toBe('refused')
  })
})

function reloadButton(status: HTMLElement): HTMLButtonElement | null {
  return status.parentElement!.querySelector('button')
}
