import { useTranslation } from 'react-i18next'
import type { WebsocketProvider } from 'y-websocket'
import { useConnectionState } from './use-pact-connection.ts'

/** Whether changes reach the others right now; the same wording on every live page. */
export function ConnectionStatus({ provider }: { provider: WebsocketProvider }) {
  const { t } = useTranslation()
  const state = useConnectionState(provider)
  return (
    <p className={`pw-connection pw-connection--${state}`} data-testid="connection-status" data-state={state} role="status">
      <span className="pw-connection__label">{t('editor.connection.label')}:</span> {t(`editor.connection.${state}`)}
    </p>
  )
}
