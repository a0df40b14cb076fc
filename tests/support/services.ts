import { spawn, type ChildProcess } from 'node:child_process'
import net from 'node:net'

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/**
 * A throwaway redis-server of the test's own (nothing saved), so a test can stop and restart it
 * without disturbing the shared one on 6379.
 */
export async function startRedis() {
  const port = await freePort()
  let child: ChildProcess | undefined

  async function start(): Promise<void> {
    const started = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child = started
    let output = ''
    await new Promise<void>((resolve, reject) => {
      started.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        if (output.includes('Ready to accept connections')) resolve()
      })
      started.on('exit', (code) => reject(new Error(`redis-server exited with ${code}:\n${output}`)))
    })
  }

  async function stop(): Promise<void> {
    const running = child
    child = undefined
    if (!running || running.exitCode !== null) return
    const exited = new Promise((resolve) => running.once('exit', resolve))
    running.kill('SIGKILL')
    await exited
  }

  await start()
  return { url: `redis://127.0.0.1:${port}`, port, stop, restart: async () => (await stop(), await start()) }
}

/**
 * A TCP proxy in front of a server: between an app and PostgreSQL, so a test can cut the app off
 * without touching the shared server (`cut` drops every connection and refuses new ones), or as
 * the load balancer in front of app instances (`retarget` sends new connections elsewhere).
 */
export async function startTcpProxy(initialTarget: { host: string; port: number }) {
  const sockets = new Set<net.Socket>()
  let target = initialTarget
  let open = true
  const server = net.createServer((client) => {
    if (!open) return client.destroy()
    const upstream = net.connect(target.port, target.host)
    for (const socket of [client, upstream]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream).pipe(client)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    port,
    cut() {
      open = false
      for (const socket of sockets) socket.destroy()
    },
    restore() {
      open = true
    },
    /** New connections go to `next`; open ones are dropped, as a load balancer does when a backend dies. */
    retarget(next: { host: string; port: number }) {
      target = next
      for (const socket of sockets) socket.destroy()
    },
    close: () =>
      new Promise<void>((resolve) => {
        open = false
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
