import { describe, expect, it } from 'vitest'
import { EditSessions } from './edit-sessions.ts'

const MINUTE = 60_000

describe('editing sessions', () => {
  it('starts one session for a burst of edits to the same subject', () => {
    const sessions = new EditSessions(10 * MINUTE)
    const starts = Array.from({ length: 100 }, (_, index) => sessions.startsSession('karim|artikel-5', index * 200))
    expect(starts.filter(Boolean)).toHaveLength(1)
    expect(starts[0]).toBe(true)
  })

  it('keeps people and subjects apart', () => {
    const sessions = new EditSessions(10 * MINUTE)
    expect(sessions.startsSession('karim|artikel-5', 0)).toBe(true)
    expect(sessions.startsSession('karim|artikel-6', 1)).toBe(true)
    expect(sessions.startsSession('anouk|artikel-5', 2)).toBe(true)
    expect(sessions.startsSession('karim|artikel-5', 3)).toBe(false)
  })

  it('starts a new session after a quiet period, measured from the last edit', () => {
    const sessions = new EditSessions(10 * MINUTE)
    expect(sessions.startsSession('karim|artikel-5', 0)).toBe(true)
    // Editing every 9 minutes for an hour stays one session.
    for (let at = 9 * MINUTE; at <= 60 * MINUTE; at += 9 * MINUTE)
      expect(sessions.startsSession('karim|artikel-5', at)).toBe(false)
    expect(sessions.startsSession('karim|artikel-5', 54 * MINUTE + 10 * MINUTE + 1)).toBe(true)
  })

  it('forgets sessions once they are quiet, so memory holds only open ones', () => {
    const sessions = new EditSessions(MINUTE)
    for (let index = 0; index < 1000; index++) sessions.startsSession(`person-${index}|artikel`, index)
    expect(sessions.size).toBe(1000)
    sessions.startsSession('later|artikel', 10 * MINUTE)
    expect(sessions.size).toBe(1)
  })
})
