import { describe, expect, it } from 'vitest'
import { AppliedSequence } from './sequence.ts'

describe('AppliedSequence', () => {
  it('advances over updates that arrive in order', () => {
    const sequence = new AppliedSequence(4)
    sequence.add(5)
    sequence.add(6)
    expect(sequence.contiguousThrough).toBe(6)
    expect(sequence.hasGap).toBe(false)
  })

  it('notices a missed update, and closes the gap when it arrives late', () => {
    const sequence = new AppliedSequence(4)
    sequence.add(6)
    sequence.add(7)
    expect(sequence.hasGap).toBe(true)
    expect(sequence.contiguousThrough).toBe(4)
    expect(sequence.has(5)).toBe(false)
    expect(sequence.has(6)).toBe(true)
    sequence.add(5)
    expect(sequence.hasGap).toBe(false)
    expect(sequence.contiguousThrough).toBe(7)
  })

  it('treats an update it already has as a duplicate', () => {
    const sequence = new AppliedSequence(4)
    expect(sequence.has(3)).toBe(true)
    sequence.add(3)
    expect(sequence.contiguousThrough).toBe(4)
  })

  it('jumps to where a catch-up from the log brought it, keeping what lies beyond', () => {
    const sequence = new AppliedSequence(1)
    sequence.add(3)
    sequence.add(9)
    sequence.advanceTo(7)
    expect(sequence.contiguousThrough).toBe(7)
    expect(sequence.hasGap).toBe(true)
    sequence.add(8)
    expect(sequence.contiguousThrough).toBe(9)
    expect(sequence.hasGap).toBe(false)
  })
})
