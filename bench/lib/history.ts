import * as Y from 'yjs'

/**
 * A recorded editing history of a large pact, as the collaboration server would have logged
 * it: one small Yjs update per transaction, typed into the Tiptap fragment 'default' in the
 * shapes the editor writes (paragraphs, headings, bullet lists, clauses with a title, bold
 * text), with backspaces, replaced selections, jumps back to earlier text, and a new client
 * id per editing session (every page load is a new Y.Doc). Deterministic for a given seed.
 */
export interface History {
  updates: Uint8Array[]
  /** Characters of text in the final document. */
  chars: number
  /** Top-level blocks in the final document. */
  blocks: number
  sessions: number
  logBytes: number
}

const WORDS = (
  'de het een en van in op te voor met dat is zijn wordt aan door bij als ook naar om over niet ' +
  'gemeente gemeenten provincie regio partijen pact afspraak afspraken transformatie samenwerking ' +
  'uitvoering jeugdhulp zorgaanbieders financiering budget monitoring evaluatie doelstelling ' +
  'verantwoordelijkheid verantwoordelijk inwoners ondersteuning voorzieningen wijkteams toegang ' +
  'kwaliteit continuïteit bestuurlijk overleg jaarlijks uiterlijk ondertekening bepalingen artikel ' +
  'maatregelen resultaten werkwijze inkoop contractering verantwoording rapportage huisvesting ' +
  'arbeidsmarkt wachttijden reductie prestatieafspraken stuurgroep werkgroep convenant looptijd'
).split(' ')

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Kind = 'paragraph' | 'heading' | 'bulletList' | 'clause'

interface Block {
  kind: Kind
  /** The top-level element. */
  element: Y.XmlElement
  /** The texts the cursor can be in, in document order (list items; clause title and paragraphs). */
  texts: Y.XmlText[]
}

interface Cursor {
  block: number
  text: number
  offset: number
}

export function generateHistory({ updates: target, seed }: { updates: number; seed: number }): History {
  const random = mulberry32(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1))

  const doc = new Y.Doc()
  const fragment = doc.getXmlFragment('default')
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))

  let sessions = 0
  let sessionEndsAt = 0
  const newSession = () => {
    doc.clientID = Math.floor(random() * 2 ** 31)
    sessions++
    sessionEndsAt = updates.length + between(150, 1500)
  }

  const blocks: Block[] = []
  const cursor: Cursor = { block: 0, text: 0, offset: 0 }
  const textAt = (c: Cursor) => blocks[c.block].texts[c.text]

  function textElement(name: string, attributes: Record<string, string | number> = {}): [Y.XmlElement, Y.XmlText] {
    const element = new Y.XmlElement(name)
    for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, value as unknown as string)
    const text = new Y.XmlText()
    element.insert(0, [text])
    return [element, text]
  }

  function listItem(): [Y.XmlElement, Y.XmlText] {
    const item = new Y.XmlElement('listItem')
    const [paragraph, text] = textElement('paragraph')
    item.insert(0, [paragraph])
    return [item, text]
  }

  function makeBlock(kind: Kind): Block {
    switch (kind) {
      case 'paragraph':
      case 'heading': {
        const [element, text] =
          kind === 'heading' ? textElement('heading', { level: pick([2, 2, 3, 4]) }) : textElement('paragraph')
        return { kind, element, texts: [text] }
      }
      case 'bulletList': {
        const element = new Y.XmlElement('bulletList')
        const [item, text] = listItem()
        element.insert(0, [item])
        return { kind, element, texts: [text] }
      }
      case 'clause': {
        const element = new Y.XmlElement('clause')
        element.setAttribute('clauseId', `c${Math.floor(random() * 2 ** 52).toString(36)}`)
        element.setAttribute('kind', 'algemeen')
        const [title, titleText] = textElement('clauseTitle')
        const [paragraph, text] = textElement('paragraph')
        element.insert(0, [title, paragraph])
        return { kind, element, texts: [titleText, text] }
      }
    }
  }

  /** Enter: a new block (or list item, or paragraph inside the clause) after the cursor's. */
  function enter(): void {
    const block = blocks[cursor.block]
    if (block.kind === 'bulletList' && random() < 0.75) {
      const [item, text] = listItem()
      block.element.insert(cursor.text + 1, [item])
      block.texts.splice(cursor.text + 1, 0, text)
      cursor.text++
      cursor.offset = 0
      return
    }
    if (block.kind === 'clause' && random() < 0.85) {
      const [paragraph, text] = textElement('paragraph')
      block.element.insert(cursor.text + 1, [paragraph])
      block.texts.splice(cursor.text + 1, 0, text)
      cursor.text++
      cursor.offset = 0
      return
    }
    const roll = random()
    const kind: Kind =
      block.kind === 'heading'
        ? 'paragraph'
        : roll < 0.65
          ? 'paragraph'
          : roll < 0.75
            ? 'heading'
            : roll < 0.83
              ? 'bulletList'
              : 'clause'
    const created = makeBlock(kind)
    fragment.insert(cursor.block + 1, [created.element])
    blocks.splice(cursor.block + 1, 0, created)
    cursor.block++
    cursor.text = 0
    cursor.offset = 0
  }

  function phrase(): string {
    const words = random() < 0.75 ? 1 : random() < 0.8 ? 2 : 3
    let result = ''
    for (let i = 0; i < words; i++) result += pick(WORDS) + (random() < 0.06 ? ', ' : random() < 0.05 ? '. ' : ' ')
    return result
  }

  function type(): void {
    const text = textAt(cursor)
    const value = phrase()
    // A clause title takes no marks (its schema says `marks: ''`); the server refuses bold there.
    const bold = random() < 0.04 && !(blocks[cursor.block].kind === 'clause' && cursor.text === 0)
    text.insert(cursor.offset, value, { bold: bold ? {} : null })
    cursor.offset += value.length
  }

  function jump(): void {
    cursor.block = Math.floor(random() * blocks.length)
    cursor.text = Math.floor(random() * blocks[cursor.block].texts.length)
    cursor.offset = Math.floor(random() * (textAt(cursor).length + 1))
  }

  newSession()
  doc.transact(() => {
    const first = makeBlock('heading')
    fragment.insert(0, [first.element])
    blocks.push(first)
    first.texts[0].insert(0, 'Pact voor de Transformatie')
  })

  // Bounded: every round either adds an update or (rarely) changes nothing; give up far past the target.
  for (let round = 0; updates.length < target && round < target * 4; round++) {
    if (updates.length >= sessionEndsAt) {
      newSession()
      // A new session starts somewhere else in the text.
      jump()
    }
    const roll = random()
    doc.transact(() => {
      const text = textAt(cursor)
      if (roll < 0.8) return type()
      if (roll < 0.89) {
        // Backspace a few characters (a whole word at most).
        const count = Math.min(cursor.offset, between(1, 8))
        if (count === 0) return type()
        text.delete(cursor.offset - count, count)
        cursor.offset -= count
        return
      }
      if (roll < 0.91) return enter()
      if (roll < 0.975) {
        // Click somewhere earlier and type there (a revision).
        jump()
        return type()
      }
      // Select a few words and type over them.
      const start = Math.floor(random() * (text.length + 1))
      const count = Math.min(text.length - start, between(3, 30))
      if (count > 0) text.delete(start, count)
      cursor.offset = start
      type()
    })
  }

  const chars = blocks.reduce((sum, block) => sum + block.texts.reduce((n, text) => n + text.length, 0), 0)
  const result: History = {
    updates,
    chars,
    blocks: fragment.length,
    sessions,
    logBytes: updates.reduce((sum, update) => sum + update.byteLength, 0),
  }
  doc.destroy()
  return result
}

/** The document after the first `count` updates, as one update (what compaction stores). */
export function stateAfter(updates: readonly Uint8Array[], count: number): Uint8Array {
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      for (let i = 0; i < count; i++) Y.applyUpdate(doc, updates[i])
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/** Characters of text under the Tiptap fragment 'default' (to check a client received everything). */
export function countChars(doc: Y.Doc): number {
  let chars = 0
  const walk = (node: Y.XmlElement | Y.XmlFragment | Y.XmlText) => {
    if (node instanceof Y.XmlText) {
      chars += node.length
      return
    }
    for (const child of node.toArray()) if (child instanceof Y.XmlElement || child instanceof Y.XmlText) walk(child)
  }
  walk(doc.getXmlFragment('default'))
  return chars
}
