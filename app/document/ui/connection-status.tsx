import { useTranslation } from 'react-i18next'
import type { WebsocketProvider } from 'y-websocket'
import { useConnectionState } from './use-pact-connection.ts'

/**
 * Whether changes reach the others right now; the same wording on every live page. A refused
 * change says what happened and what to do; `suggestOnly` (the page knows the reader may only
 * propose) names the reason even when the server's close reason does not.
 */
export function ConnectionStatus({ provider, suggestOnly = false }: { provider: WebsocketProvider; suggestOnly?: boolean }) {
  const { t } = useTranslation()
  const connectionState = useConnectionState(provider)
  const state = connectionState === 'updateRefused' && suggestOnly ? 'suggestionRefused' : connectionState
  const changeRefused = state === 'updateRefused' || state === 'suggestionRefused'
  return (
    <div className={`pw-connection pw-connection--${state}`}>
      <p data-testid="connection-status" data-state={state} role="status">
        <span className="pw-connection__label">{t('editor.connection.label')}:</span> {t(`editor.connection.${state}`)}
      </p>
      {changeRefused ? (
        // The refused change is still on screen; a reload shows the text as stored.
        <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => location.reload()}>
          {t('editor.connection.reload')}
        </button>
      ) : null}
    </div>
  )
}
