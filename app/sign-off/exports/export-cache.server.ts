import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { dataDirectory } from '#app/platform/db/db.server.ts'

export interface ExportKey {
  pactId: string
  number: number
  /** The signed version's hash: part of the name, so a file can never stand for other content. */
  hash: string
  format: 'pdf' | 'docx'
}

/**
 * The revision of how a version is laid out, part of the file name: raise it when a change to the
 * layout must reach versions exported before it (2: empty header cells of old tables are ordinary
 * cells). Files of an older revision are then no longer served.
 */
const LAYOUT_REVISION = 2

const inFlight = new Map<string, Promise<Buffer>>()

function fileFor(key: ExportKey): string {
  return path.join(dataDirectory(), 'exports', key.pactId, `${key.number}-${key.hash}-${LAYOUT_REVISION}.${key.format}`)
}

/**
 * A signed version never changes, so each of its exports is rendered once and then served from
 * a file under the data directory. Requests that arrive while it is being rendered wait for that
 * one rendering instead of starting their own.
 */
export function cachedExport(key: ExportKey, render: () => Promise<Buffer>): Promise<Buffer> {
  const file = fileFor(key)
  const pending = inFlight.get(file)
  if (pending) return pending
  const result = readOrRender(file, render).finally(() => inFlight.delete(file))
  inFlight.set(file, result)
  return result
}

async function readOrRender(file: string, render: () => Promise<Buffer>): Promise<Buffer> {
  try {
    return await readFile(file)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const rendered = await render()
  await mkdir(path.dirname(file), { recursive: true })
  // Written aside and renamed, so a crash mid-write never leaves half a file to be served.
  const partial = `${file}.${process.pid}.partial`
  await writeFile(partial, rendered)
  await rename(partial, file)
  return rendered
}
