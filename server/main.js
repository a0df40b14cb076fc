// Starts Pactwerk: the built app (npm run build) or, with NODE_ENV=development, Vite's dev server.
import http from 'node:http'
import express from 'express'

const port = Number(process.env.PORT ?? 3000)
const host = process.env.HOST ?? '127.0.0.1'
const development = process.env.NODE_ENV === 'development'

const app = express()
app.disable('x-powered-by')
if (process.env.TRUST_PROXY) app.set('trust proxy', process.env.TRUST_PROXY)

let entry
if (development) {
  const vite = await import('vite').then((v) => v.createServer({ server: { middlewareMode: true } }))
  app.use(vite.middlewares)
  entry = await vite.ssrLoadModule('./server/app.ts')
} else {
  entry = await import('../build/server/index.js')
}
// Before the static files, so they carry the security headers too and are compressed.
app.use(entry.securityHeaders, entry.compressResponses)
if (!development) {
  app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
  app.use(express.static('build/client', { maxAge: '1h' }))
}
const pactwerk = await entry.startApp()
app.use(pactwerk.handler)

const server = http.createServer(app)
await pactwerk.attach(server)
server.listen(port, host, () => {
  const address = server.address()
  const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${address.port}`
  // One write, so whoever waits for the URL also has the demo sign-ins.
  console.log([...pactwerk.startupMessages, `Pactwerk listening on ${url}`].join('\n'))
})

let closing = false
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (closing) return
    closing = true
    server.close()
    await pactwerk.close()
    process.exit(0)
  })
}
