import type { Migration } from 'kysely'
import * as foundation from './0001-foundation.ts'
import * as collab from './0002-collab.ts'
import * as signOff from './0003-sign-off.ts'
import * as modelProjection from './0004-model-projection.ts'
import * as signInThrottle from './0005-sign-in-throttle.ts'
import * as auditAppendOnly from './0006-audit-append-only.ts'
import * as tracking from './0007-tracking.ts'
import * as scaleOut from './0008-scale-out.ts'
import * as settlement from './0009-settlement.ts'
import * as collabStates from './0015-collab-states.ts'
import * as suggestionsOnly from './0016-suggestions-only.ts'
import * as suggestionThreads from './0017-suggestion-threads.ts'

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
  '0002-collab': collab,
  '0003-sign-off': signOff,
  '0004-model-projection': modelProjection,
  '0005-sign-in-throttle': signInThrottle,
  '0006-audit-append-only': auditAppendOnly,
  '0007-tracking': tracking,
  '0008-scale-out': scaleOut,
  '0009-settlement': settlement,
  '0015-collab-states': collabStates,
  '0016-suggestions-only': suggestionsOnly,
  '0017-suggestion-threads': suggestionThreads,
}
