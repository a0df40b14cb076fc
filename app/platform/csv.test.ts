import { describe, expect, it } from 'vitest'
import { csvSafeCell } from './csv.ts'

describe('csvSafeCell', () => {
  it('turns every formula start OWASP lists into text', () => {
    const formulas = [
      '=HYPERLINK("https://evil.example","klik")',
      '+cmd|" /C calc"!A0',
      '-2+3',
      '@SUM(A1:A2)',
      '\t=1+1',
      '\r=1+1',
    ]
    for (const value of formulas) expect(csvSafeCell(value)).toBe(`'${value}`)
  })

  it('leaves ordinary text and plain numbers alone', () => {
    for (const value of ['Anouk de Vries', 'a=b', '', '-1.234,56', '+12', '2027-K1', "'al tekst"])
      expect(csvSafeCell(value)).toBe(value)
  })
})
