// Dark enough for white text and for underlined text on white (WCAG AA).
const COLORS = ['#1f4e79', '#8a1c5a', '#1b6b35', '#8a5300', '#5b3a9e', '#b00020', '#00636b']
export const FALLBACK_COLOR = '#4a4a4a'

/** The same colour for a person (carets) or a party (suggestions) in every browser and every session. */
export function colorFor(key: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193)
  return COLORS[(hash >>> 0) % COLORS.length]
}
