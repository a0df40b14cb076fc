import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Starts the production build exactly as `npm start` does after building, on the given data folder. */
export async function startBuiltServer(dataDir: string, env: Record<string, string> = {}) {
  if (!existsSync('build/server/index.js')) throw new Error('Run `npm run build` first: this test uses the production build.')
  const child = spawn(process.execPath, ['server/main.js'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      PACTWERK_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = output.match(/listening on (http:\/\/[^\s]+)/)
      if (match) resolve(match[1]!)
    })
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('exit', (code) => reject(new Error(`Server exited with ${code}:\n${output}`)))
  })
  return { child, url, output: () => output }
}
