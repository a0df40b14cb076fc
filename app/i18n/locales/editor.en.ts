import type { editorNl } from './editor.nl.ts'

export const editorEn: typeof editorNl = {}
