import { readFileSync } from 'node:fs'

export interface LatencySummary {
  samples: number
  min: number
  p50: number
  p95: number
  p99: number
  max: number
  mean: number
}

/** Nearest-rank percentiles, in milliseconds rounded to 0.01. */
export function summarize(values: readonly number[]): LatencySummary | null {
  if (values.length === 0) return null
  const sorted = Float64Array.from(values).sort()
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
  const round = (x: number) => Math.round(x * 100) / 100
  let sum = 0
  for (const value of sorted) sum += value
  return {
    samples: sorted.length,
    min: round(sorted[0]),
    p50: round(rank(50)),
    p95: round(rank(95)),
    p99: round(rank(99)),
    max: round(sorted[sorted.length - 1]),
    mean: round(sum / sorted.length),
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) return NaN
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const CLOCK_TICKS_PER_SECOND = 100 // USER_HZ: 100 on every Linux architecture Node supports

/** Seconds of CPU (user + system) the process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name may hold spaces: fields are counted from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after "pid (comm) ".
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND
  } catch {
    return null
  }
}

/** Resident set size now and its high-water mark, in MiB, from /proc/<pid>/status. */
export function memoryMiB(pid: number): { rss: number; hwm: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kib = (name: string) => Number(status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN)
    return { rss: kib('VmRSS') / 1024, hwm: kib('VmHWM') / 1024 }
  } catch {
    return null
  }
}

/** Samples a process's memory until stopped: the peak RSS seen, and its own high-water mark. */
export function sampleMemory(pid: number, everyMs = 100) {
  let peakRss = 0
  let hwm = 0
  const sample = () => {
    const memory = memoryMiB(pid)
    // A process that has exited (or is a zombie) has no memory lines: NaN, skipped.
    if (!memory) return
    if (Number.isFinite(memory.rss)) peakRss = Math.max(peakRss, memory.rss)
    if (Number.isFinite(memory.hwm)) hwm = Math.max(hwm, memory.hwm)
  }
  sample()
  const timer = setInterval(sample, everyMs)
  return {
    stop() {
      sample()
      clearInterval(timer)
      return { peakRssMiB: Math.round(peakRss * 10) / 10, vmHwmMiB: Math.round(hwm * 10) / 10 }
    },
  }
}

/** The whole machine's CPU time so far, in seconds summed over all CPUs, from /proc/stat. */
export function machineCpu(): { busy: number; steal: number; total: number } | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number)
    const total = user + nice + system + idle + iowait + irq + softirq + steal
    return {
      busy: (user + nice + system + irq + softirq) / CLOCK_TICKS_PER_SECOND,
      steal: steal / CLOCK_TICKS_PER_SECOND,
      total: total / CLOCK_TICKS_PER_SECOND,
    }
  } catch {
    return null
  }
}

/**
 * Waits (at most `maxMs`) until the machine is quiet: less than `busyPercent` of one core used
 * over one second. Other work on the machine (a test run, a build) distorts every figure.
 */
export async function waitForQuietMachine(
  maxMs: number,
  busyPercent = 30,
): Promise<{ waitedMs: number; busyPercent: number | null }> {
  const started = Date.now()
  let last: number
  do {
    const before = machineCpu()
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    const after = machineCpu()
    if (!before || !after) return { waitedMs: 0, busyPercent: null }
    last = Math.round((after.busy - before.busy) * 100)
    if (last < busyPercent) break
  } while (Date.now() - started < maxMs)
  return { waitedMs: Date.now() - started, busyPercent: last }
}
