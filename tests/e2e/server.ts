import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startBuiltServer } from '#tests/support/built-server.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string
  }
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
