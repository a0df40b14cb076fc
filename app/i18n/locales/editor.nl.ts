// Strings of the live editor and the read-only version (namespace `editor.*`).
export const editorNl = {}
