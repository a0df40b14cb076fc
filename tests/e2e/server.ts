import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
}

/** Starts the production build exactly as `npm start` does after building, on a fresh database. */
export async function startBuiltServer(dataDir: string, env: Record<string, string> = {}) {
  if (!existsSync('build/server/index.js')) throw new Error('Run `npm run build` first: the e2e tests use the production build.')
  const child = spawn(process.execPath, ['server/main.js'], {
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', PACTWERK_DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
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

let server: { child: ChildProcess } | undefined
let dataDir: string | undefined

export async function setup(project: TestProject) {
  dataDir = mkdtempSync(path.join(tmpdir(), 'pactwerk-e2e-'))
  const started = await startBuiltServer(dataDir)
  server = started
  project.provide('baseURL', started.url)
}

export async function teardown() {
  server?.child.kill('SIGTERM')
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
}
