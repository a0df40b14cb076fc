/**
 * Which of a document's logged updates (numbered per document, without gaps, by the store) this
 * instance has applied. Updates arrive out of order: this instance's own appends, relays from
 * other instances in whatever order Redis delivers them, and catch-ups from the log. A number
 * above the contiguous run means one below it was missed or is still in flight; since a number is
 * handed out only after every lower one is committed, reading the log after the run fills the gap.
 */
export class AppliedSequence {
  private through: number
  private readonly above = new Set<number>()

  /** `through`: every update up to and including this number is applied. */
  constructor(through: number) {
    this.through = through
  }

  /** Every update up to and including this number is applied. */
  get contiguousThrough(): number {
    return this.through
  }

  /** Some update below one already applied has not arrived. */
  get hasGap(): boolean {
    return this.above.size > 0
  }

  has(seq: number): boolean {
    return seq <= this.through || this.above.has(seq)
  }

  add(seq: number): void {
    if (this.has(seq)) return
    this.above.add(seq)
    while (this.above.delete(this.through + 1)) this.through++
  }

  /** A catch-up applied everything logged up to `seq`. */
  advanceTo(seq: number): void {
    if (seq <= this.through) return
    this.through = seq
    for (const applied of this.above) if (applied <= seq) this.above.delete(applied)
    while (this.above.delete(this.through + 1)) this.through++
  }
}
