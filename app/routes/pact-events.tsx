import { requirePactAccess } from '#app/access/authorization.server.ts'
import { ports } from '#app/platform/ports.ts'
import type { Route } from './+types/pact-events'

// Proxies and load balancers close connections that stay silent for a minute or so.
const HEARTBEAT_MS = 25_000

/**
 * Server-sent events: "something about this pact changed, of this kind". No content travels
 * here; pages reload their data through their loaders, which check access again.
 */
export async function loader({ request, params }: Route.LoaderArgs) {
  await requirePactAccess(request, params.pactId, 'view')
  const encoder = new TextEncoder()
  let stop = () => {}
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (chunk: string) => controller.enqueue(encoder.encode(chunk))
      const unsubscribe = ports().events.subscribe(params.pactId, (kind) => send(`event: ${kind}\ndata: {}\n\n`))
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), HEARTBEAT_MS)
      stop = () => {
        clearInterval(heartbeat)
        unsubscribe()
        request.signal.removeEventListener('abort', stop)
        try {
          controller.close()
        } catch {
          // Already closed by the client going away.
        }
      }
      request.signal.addEventListener('abort', stop, { once: true })
      // Browsers reconnect after this many milliseconds when the connection drops.
      send('retry: 3000\n\n')
    },
    cancel() {
      stop()
    },
  })
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      // Tells nginx-style proxies not to buffer the stream.
      'X-Accel-Buffering': 'no',
    },
  })
}
