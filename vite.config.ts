import { reactRouter } from '@react-router/dev/vite'
import { defineConfig } from 'vite'

// The server bundle's entry is our own Express app (server/app.ts), so the socket server,
// the routes and the data layer share one module graph and one database handle.
export default defineConfig(({ isSsrBuild }) => ({
  build: isSsrBuild ? { rollupOptions: { input: './server/app.ts' } } : undefined,
  plugins: [reactRouter()],
  resolve: { dedupe: ['yjs', 'y-protocols', 'lib0'] },
}))
