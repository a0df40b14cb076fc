import { describe, expect, it } from 'vitest'
import { breakLongWords, versionPdf } from './version-pdf.server.ts'
import type { VersionBlock } from './version-document.ts'

const meta = { title: 'Pact', hash: 'abc123', lang: 'nl-NL', footer: (page: number, pages: number) => `${page}/${pages}` }

describe('PDF export of hostile text', () => {
  it('lays out a 200,000-character word in well under a second (it took minutes)', async () => {
    await versionPdf([{ kind: 'paragraph', runs: [{ text: 'Opwarmen.' }] }], meta)
    const word = 'x'.repeat(200_000)
    const started = performance.now()
    const pdf = await versionPdf([{ kind: 'paragraph', runs: [{ text: 'Voor het woord: ' }, { text: word, bold: true }] }], meta, { compress: false })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('lays out overlong words in lists and table cells quickly too', async () => {
    const word = 'y'.repeat(20_000)
    const started = performance.now()
    await versionPdf(
      [
        { kind: 'list-item', marker: '1.', depth: 0, runs: [{ text: word }] },
        { kind: 'table', rows: [[{ header: false, paragraphs: [[{ text: word }]] }]] },
      ],
      meta,
    )
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('cuts only overlong words, into pieces that keep every character', () => {
    expect(breakLongWords('kort en bondig', () => 3)).toBe('kort en bondig')
    const long = 'a'.repeat(100)
    const broken = breakLongWords(`begin ${long} eind`, () => 30)
    expect(broken).toBe(`begin ${'a'.repeat(30)}\n${'a'.repeat(30)}\n${'a'.repeat(30)}\n${'a'.repeat(10)} eind`)
  })
})
