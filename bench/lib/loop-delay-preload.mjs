// Loaded into a server under test with `node --import`: the server's event-loop delay, so a
// stall (synchronous work blocking every socket) shows even when the latencies hide it. On
// SIGUSR2 it prints what it saw since the previous signal as one JSON line and starts afresh.
// Two measures: perf_hooks' histogram, and the longest gap between the ticks of a 5 ms timer
// (the histogram stays empty when its timer never fired in the window, so a window-long stall
// would read as none). Beside them the garbage collector's pauses, to tell a stall it caused
// from one the server's own code did.
//
// For each stall over 20 ms it also notes what the main thread did meanwhile, from Linux's
// /proc/thread-self/schedstat: time running on a CPU, and time runnable but waiting for one. A
// stall the thread spent waiting is the machine's doing (other processes on too few cores), not
// the server's code. Reading that file each tick costs the server ~20 µs per 5 ms.
import { readFileSync } from 'node:fs'
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'

const TICK_MS = 5
const STALL_MS = 20
const histogram = monitorEventLoopDelay({ resolution: TICK_MS })
histogram.enable()

/** [ns running, ns waiting to run] of this (the main) thread so far; null where Linux's schedstat is missing. */
function schedstat() {
  try {
    const [running, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')
    return [Number(running), Number(waiting)]
  } catch {
    return null
  }
}

let lastTick = performance.now()
let lastSched = schedstat()
let longestGap = 0
let ticks = 0
let stalls = []
setInterval(() => {
  const at = performance.now()
  const sched = lastSched && schedstat()
  const gap = at - lastTick - TICK_MS
  longestGap = Math.max(longestGap, gap)
  if (gap > STALL_MS)
    stalls.push({
      at: Math.round(performance.timeOrigin + at),
      ms: Math.round(gap),
      runningMs: sched ? Math.round((sched[0] - lastSched[0]) / 1e6) : null,
      waitingForCpuMs: sched ? Math.round((sched[1] - lastSched[1]) / 1e6) : null,
    })
  lastTick = at
  lastSched = sched
  ticks++
}, TICK_MS).unref()

let longestGc = 0
let gcMs = 0
let majorGcs = 0
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    longestGc = Math.max(longestGc, entry.duration)
    gcMs += entry.duration
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majorGcs++
  }
}).observe({ entryTypes: ['gc'] })

let report = 0
const ms = (ns) => (Number.isFinite(ns) ? Math.round(ns / 1e4) / 100 : null)
process.on('SIGUSR2', () => {
  report++
  const gapMs = Math.round(Math.max(longestGap, performance.now() - lastTick - TICK_MS) * 100) / 100
  const delay = {
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
    meanMs: ms(histogram.mean),
    samples: histogram.count,
    longestTimerGapMs: gapMs,
    timerTicks: ticks,
    longestGcPauseMs: Math.round(longestGc * 100) / 100,
    gcMs: Math.round(gcMs),
    majorGcs,
    stallsOver20Ms: stalls.length,
    // The longest few, in order of time.
    stalls: stalls
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10)
      .sort((a, b) => a.at - b.at),
  }
  console.log(JSON.stringify({ benchEventLoopDelay: delay, report }))
  histogram.reset()
  longestGap = 0
  ticks = 0
  longestGc = 0
  gcMs = 0
  majorGcs = 0
  stalls = []
})
