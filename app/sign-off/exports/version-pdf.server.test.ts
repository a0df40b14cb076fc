import { describe, expect, it } from 'vitest'
import { breakLongWords, versionPdf } from './version-pdf.server.ts'

const meta = { title: 'Pact', hash: 'abc123', lang: 'nl-NL', footer: (page: number, pages: number) => `${page}/${pages}` }

describe('PDF export of hostile text', () => {
  it('lays out a 200,000-character word in well under a second (it took minutes), as fast as ordinary text', async () => {
    await versionPdf([{ kind: 'paragraph', runs: [{ text: 'Opwarmen.' }] }], meta)
    const timed = async (text: string) => {
      const started = performance.now()
      const pdf = await versionPdf([{ kind: 'paragraph', runs: [{ text: 'Voor het woord: ' }, { text, bold: true }] }], meta, {
        compress: false,
      })
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      return performance.now() - started
    }
    const ordinary = await timed('woorden '.repeat(25_000))
    const hostile = await timed('x'.repeat(200_000))
    // Under a second on a quiet machine; on a busy one, no slower than the same amount of prose.
    expect(hostile).toBeLessThan(Math.max(1000, 3 * ordinary))
  })

  it('lays out overlong words in lists and table cells as fast as ordinary text', async () => {
    const timed = async (text: string) => {
      const started = performance.now()
      await versionPdf(
        [
          { kind: 'list-item', marker: '1.', depth: 0, runs: [{ text }] },
          { kind: 'table', rows: [[{ header: false, paragraphs: [[{ text }]] }]] },
        ],
        meta,
      )
      return performance.now() - started
    }
    await timed('Opwarmen.')
    const ordinary = await timed('woorden '.repeat(5_000))
    const hostile = await timed('y'.repeat(40_000))
    expect(hostile).toBeLessThan(Math.max(500, 3 * ordinary))
  })

  it('cuts only overlong words, into pieces that keep every character', () => {
    expect(breakLongWords('kort en bondig', () => 3)).toBe('kort en bondig')
    const long = 'a'.repeat(100)
    const broken = breakLongWords(`begin ${long} eind`, () => 30)
    expect(broken).toBe(`begin ${'a'.repeat(30)}\n${'a'.repeat(30)}\n${'a'.repeat(30)}\n${'a'.repeat(10)} eind`)
  })
})
