import * as Y from 'yjs'

/**
 * A copy of a live document to try a client's update on before the document itself applies it
 * (suggestion-guard.ts needs the update's effect on the formatted text, which Yjs computes only
 * while applying). Copying a long pact per update would cost tens of milliseconds, so the copy is
 * kept: it follows every change of the original, and is rebuilt only after a trial the original
 * did not go on to apply (a refused update). Unused for a while, it is dropped to free memory.
 */
export class TrialCopy {
  private copy: Y.Doc | null = null
  /** The update last tried, until the original applies it too; while set, the copy may be ahead. */
  private unconfirmed: Uint8Array | null = null
  private releaseTimer: NodeJS.Timeout | undefined

  constructor(
    private readonly original: Y.Doc,
    private readonly keepIdleMs = 60_000,
  ) {
    original.on('update', this.follow)
  }

  /**
   * Applies `update` to a copy equal to the original as it is now, with `listen` attached to the
   * copy for the length of it (it returns how to detach). The original is not touched.
   */
  trial(update: Uint8Array, listen: (copy: Y.Doc) => () => void): void {
    const copy = this.current()
    const detach = listen(copy)
    this.unconfirmed = update
    try {
      Y.applyUpdate(copy, update)
    } finally {
      detach()
    }
  }

  /** The original applied `update`: the copy, which tried it, is equal to it again. */
  confirm(update: Uint8Array): void {
    if (this.unconfirmed === update) this.unconfirmed = null
  }

  destroy(): void {
    this.original.off('update', this.follow)
    this.release()
  }

  private current(): Y.Doc {
    if (this.copy && this.unconfirmed) this.release()
    if (!this.copy) {
      this.copy = new Y.Doc({ gc: this.original.gc })
      Y.applyUpdate(this.copy, Y.encodeStateAsUpdate(this.original))
    }
    clearTimeout(this.releaseTimer)
    this.releaseTimer = setTimeout(() => this.release(), this.keepIdleMs)
    this.releaseTimer.unref()
    return this.copy
  }

  private release(): void {
    clearTimeout(this.releaseTimer)
    this.copy?.destroy()
    this.copy = null
    this.unconfirmed = null
  }

  // What the copy already holds (the update it tried) is skipped by Yjs, so following costs little.
  private readonly follow = (update: Uint8Array): void => {
    if (this.copy) Y.applyUpdate(this.copy, update)
  }
}
