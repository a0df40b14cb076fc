/**
 * Coalescing edits into editing sessions for the audit trail: one entry per person per subject,
 * written when the session starts, not per keystroke. A session ends after a quiet period without
 * an edit to that subject by that person. Memory holds only sessions still within their quiet period.
 */
export class EditSessions {
  // Key → time of its last edit, in order of last edit (an edit moves its key to the end).
  private readonly lastEditAt = new Map<string, number>()

  constructor(private readonly quietMs: number) {}

  /** Notes an edit to `key` at `now` (ms); true when it starts a new session, so an entry is due. */
  startsSession(key: string, now: number): boolean {
    const last = this.lastEditAt.get(key)
    this.lastEditAt.delete(key)
    for (const [oldKey, at] of this.lastEditAt) {
      if (now - at <= this.quietMs) break
      this.lastEditAt.delete(oldKey)
    }
    this.lastEditAt.set(key, now)
    return last === undefined || now - last > this.quietMs
  }

  /** Sessions still open (for tests and metrics). */
  get size(): number {
    return this.lastEditAt.size
  }
}
