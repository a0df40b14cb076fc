/**
 * Comparing clause texts: version against version clause by clause, and a clause's canonical
 * content word by word as readers see it. Pure, shared by client and server; total on any text.
 */

export interface VersionClause {
  clauseId: string
  title: string
  kind: string
  canonical: string
}

export interface WordChange {
  op: 'equal' | 'insert' | 'delete'
  /** Words joined by single spaces. */
  text: string
}

export type ClauseDiff =
  | { change: 'added'; clause: VersionClause }
  | { change: 'removed'; clause: VersionClause }
  | { change: 'changed'; clause: VersionClause; previous: VersionClause; moved: boolean; words: WordChange[] }
  | { change: 'unchanged'; clause: VersionClause; moved: boolean }

// Cells (words × words, clauses × clauses) a longest common subsequence may take: 4 MB of
// lengths, far above any clause or pact. Beyond it a changed middle shows as replaced as a
// whole, and clauses are not reported as moved.
const MAX_DIFF_CELLS = 1_000_000

/**
 * Clause by clause from version `before` to `after`, in the order of `after`, with each
 * removed clause right after the clause it followed. A clause is `moved` when it is not part of
 * the longest run of clauses that kept their relative order, so swapping two neighbours moves
 * one of them. Assumes clause ids are unique within a version.
 */
export function diffVersions(before: readonly VersionClause[], after: readonly VersionClause[]): ClauseDiff[] {
  const beforeById = new Map(before.map((clause) => [clause.clauseId, clause]))
  const afterIds = new Set(after.map((clause) => clause.clauseId))

  // Removed clauses keyed by the nearest earlier clause that is still there; null: at the top.
  const removedAfter = new Map<string | null, ClauseDiff[]>()
  let anchor: string | null = null
  for (const clause of before) {
    if (afterIds.has(clause.clauseId)) anchor = clause.clauseId
    else removedAfter.set(anchor, [...(removedAfter.get(anchor) ?? []), { change: 'removed', clause }])
  }

  const keptIdsBefore = before.map((clause) => clause.clauseId).filter((id) => afterIds.has(id))
  const keptIdsAfter = after.map((clause) => clause.clauseId).filter((id) => beforeById.has(id))
  const inOrder = new Set(
    keptIdsBefore.length * keptIdsAfter.length > MAX_DIFF_CELLS
      ? keptIdsBefore
      : commonSubsequence(keptIdsBefore, keptIdsAfter).map(([index]) => keptIdsBefore[index]),
  )

  const diffs: ClauseDiff[] = [...(removedAfter.get(null) ?? [])]
  for (const clause of after) {
    const previous = beforeById.get(clause.clauseId)
    if (!previous) {
      diffs.push({ change: 'added', clause })
      continue
    }
    const moved = !inOrder.has(clause.clauseId)
    diffs.push(
      previous.canonical === clause.canonical
        ? { change: 'unchanged', clause, moved }
        : { change: 'changed', clause, previous, moved, words: diffWords(previous.canonical, clause.canonical) },
    )
    diffs.push(...(removedAfter.get(clause.clauseId) ?? []))
  }
  return diffs
}

// A word of its own that stands for a line break, so the word diff keeps the text's lines.
export const LINE_BREAK_WORD = '\uE000'

/**
 * A clause's canonical content as a reader sees it: one line per paragraph, heading, list item
 * or table row, without the structure labels and mark-up of the canonical format. Formatting
 * (bold, italic) is left out; the kind too: the clause page shows it beside the text. So is the
 * structured data: `canonicalModelChanges` (model-changes.ts) puts its changes into words.
 */
export function readableClauseText(canonical: string): string {
  const lines: string[] = []
  const state: { row: { depth: number; cells: string[] } | null; listMarker: string | null } = { row: null, listMarker: null }
  const lists: Array<{ depth: number; next: number; ordered: boolean }> = []
  const flushRow = () => {
    if (state.row?.cells.length) lines.push(state.row.cells.join(' | '))
    state.row = null
  }
  for (const line of canonical.split('\n')) {
    if (line.startsWith('title ')) {
      lines.push(line.slice('title '.length))
      continue
    }
    if (line.startsWith('kind ')) continue
    // Structured data is the rest; model-changes.ts says in words what changed in it.
    if (line.startsWith('data ')) break
    const parsed = parseBlockLine(line)
    if (!parsed) continue
    const { depth, type, attrs, text } = parsed
    if (state.row && depth <= state.row.depth) flushRow()
    while (lists.length && lists.at(-1)!.depth >= depth) lists.pop()
    if (type === 'tableRow') state.row = { depth, cells: [] }
    else if (type === 'bulletList' || type === 'orderedList') {
      lists.push({ depth, next: typeof attrs.start === 'number' ? attrs.start : 1, ordered: type === 'orderedList' })
    } else if (type === 'listItem') {
      const list = lists.at(-1)
      state.listMarker = list?.ordered ? `${list.next++}.` : '•'
    }
    if (text === null) continue
    const readable = readableInline(text)
    if (state.row) state.row.cells.push(readable)
    else {
      lines.push(state.listMarker ? `${state.listMarker} ${readable}` : readable)
      state.listMarker = null
    }
  }
  flushRow()
  return lines.join(` ${LINE_BREAK_WORD} `)
}

function parseBlockLine(
  line: string,
): { depth: number; type: string; attrs: Record<string, unknown>; text: string | null } | null {
  const match = /^( *)([A-Za-z][\w-]*)/.exec(line)
  if (!match) return null
  let rest = line.slice(match[0].length)
  let attrs: Record<string, unknown> = {}
  if (rest.startsWith('{')) {
    const end = jsonObjectEnd(rest)
    try {
      attrs = JSON.parse(rest.slice(0, end)) as Record<string, unknown>
    } catch {
      attrs = {}
    }
    rest = rest.slice(end)
  }
  return { depth: match[1]!.length / 2, type: match[2]!, attrs, text: rest.startsWith(' ') ? rest.slice(1) : null }
}

// Where the JSON object at the start of `text` ends, minding strings that contain braces.
function jsonObjectEnd(text: string): number {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (inString) {
      if (char === '\\') index++
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '{') depth++
    else if (char === '}' && --depth === 0) return index + 1
  }
  return text.length
}

// `{bold|vast}` reads as "vast", `{hardBreak}` as a new line, other inline nodes as nothing.
function readableInline(text: string): string {
  let out = ''
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!
    if (char === '\\') {
      out += text[++index] ?? ''
      continue
    }
    if (char !== '{') {
      out += char
      continue
    }
    let inner = ''
    let separator = -1
    for (index++; index < text.length && text[index] !== '}'; index++) {
      if (text[index] === '\\') inner += text[++index] ?? ''
      else {
        if (text[index] === '|' && separator < 0) separator = inner.length
        inner += text[index]
      }
    }
    if (separator >= 0) out += inner.slice(separator + 1)
    else if (inner === 'hardBreak') out += ` ${LINE_BREAK_WORD} `
  }
  return out
}

/** Word by word from one canonical clause text to another, as readers see the texts. */
export function readableWordDiff(before: string, after: string): WordChange[] {
  const clause = (canonical: string) => ({ clauseId: 'clause', title: '', kind: '', canonical: readableClauseText(canonical) })
  const [diff] = diffVersions([clause(before)], [clause(after)])
  if (diff?.change === 'changed') return diff.words
  return [{ op: 'equal', text: diff?.clause.canonical ?? '' }]
}

export function hasWordChanges(words: readonly WordChange[]): boolean {
  return words.some((word) => word.op !== 'equal')
}

/** Word-level diff: common prefix and suffix first, the longest common subsequence between. */
function diffWords(before: string, after: string): WordChange[] {
  const a = before.split(/\s+/).filter((word) => word !== '')
  const b = after.split(/\s+/).filter((word) => word !== '')
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }

  const changes: WordChange[] = []
  const push = (op: WordChange['op'], words: readonly string[]) => {
    if (words.length === 0) return
    const last = changes.at(-1)
    if (last?.op === op) last.text += ` ${words.join(' ')}`
    else changes.push({ op, text: words.join(' ') })
  }

  push('equal', a.slice(0, start))
  const middleA = a.slice(start, endA)
  const middleB = b.slice(start, endB)
  if (middleA.length * middleB.length > MAX_DIFF_CELLS) {
    push('delete', middleA)
    push('insert', middleB)
  } else {
    let i = 0
    let j = 0
    for (const [matchA, matchB] of [...commonSubsequence(middleA, middleB), [middleA.length, middleB.length]]) {
      push('delete', middleA.slice(i, matchA))
      push('insert', middleB.slice(j, matchB))
      push('equal', middleA.slice(matchA, matchA + 1))
      i = matchA + 1
      j = matchB + 1
    }
  }
  push('equal', a.slice(endA))
  return changes
}

/** Index pairs of a longest common subsequence, in order. O(n·m) time and memory. */
function commonSubsequence<T>(a: readonly T[], b: readonly T[]): Array<[number, number]> {
  const width = b.length + 1
  // lengths[i·width + j]: length of the longest common subsequence of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * width)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j] ? lengths[(i + 1) * width + j + 1] + 1 : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
    }
  }
  const pairs: Array<[number, number]> = []
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j])
      i++
      j++
    } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) i++
    else j++
  }
  return pairs
}
