// The shape of bench/results.json, written by `npm run bench` and read by the slides' charts, with a
// hand-written validator (no dependencies) that the tests and the charts use.

/** Where and how a part was measured. */
export interface Provenance {
  /** ISO date and time of the run. */
  date: string
  /** process.version, e.g. v20.20.2. */
  node: string
  /** os.cpus()[0].model */
  cpu: string
  cores: number
  memoryGiB: number
  /** e.g. linux x64 */
  platform: string
  /** The command line that produced it. */
  command: string
}

/** Peak RSS of N waiting tasks, minus a process that started none. */
export interface MemoryRow {
  n: number
  peakRssKiB: number
  baselineRssKiB: number
  /** (peak − baseline) / n, in KiB. */
  kibPerTask: number
  /** Tasks that had already finished when the last one started (0: all n waited at once). */
  settledEarly?: number
}

export interface MemoryPart {
  provenance: Provenance
  /** How long each promise task waits (the post: 10 s). */
  waitMs: number
  promises: MemoryRow[]
  workers: {
    rows: MemoryRow[]
    /** How many workers were running when it stopped, the cap asked for, and why it stopped. */
    reached: number
    cap: number
    stopReason: string
    msPerWorker: number
  }
}

export type HopId = 'await' | 'queueMicrotask' | 'setImmediate' | 'setTimeout0' | 'messageChannel' | 'atomicsWorker'
export const HOP_IDS: readonly HopId[] = ['await', 'queueMicrotask', 'setImmediate', 'setTimeout0', 'messageChannel', 'atomicsWorker']

export interface HopRow {
  id: HopId
  label: string
  /** A round trip (there and back) rather than one hop. */
  roundTrip: boolean
  iterations: number
  /** Median over the runs; null if the hop failed (then `error` says why). */
  nsPerHop: number | null
  runsNs: number[]
  error?: string
}

export interface HopsPart {
  provenance: Provenance
  runs: number
  hops: HopRow[]
}

export type ServerKind = 'kitchen' | 'raw'

export interface LoadRow {
  server: ServerKind
  /** Concurrent fries sent at once. */
  count: number
  ok: number
  failed: number
  wallMs: number
  p50Ms: number
  p99Ms: number
  /** Peak RSS of the server process during a round (VmHWM, reset before each), worst round, in MiB; null without /proc. */
  peakRssMiB: number | null
  /** Each round's own peak, in order: the first is a fresh process's, later ones start from a warmed heap. */
  peakRssMiBRounds?: number[]
  /** CPU time the server process used for this load, in ms; null where /proc is missing. */
  cpuMs: number | null
  /**
   * Connections the kernel dropped because the server's accept queue was full, summed over the rounds
   * (Linux TcpExtListenOverflows, machine-wide while the round ran); each costs its client a 1 s SYN retry.
   * Null without /proc/net/netstat; missing in results made before it was counted.
   */
  listenDrops?: number | null
}

export interface LoadPart {
  provenance: Provenance
  /** Frying time of each request. */
  ms: number
  /** Most TCP handshakes the client keeps in progress at once. */
  connecting: number
  /** Rounds per size (kitchen and raw alternate); rows hold the median round. */
  rounds: number
  /** The listen backlog and Node flags both servers ran with; missing in results made before they were set. */
  backlog?: number
  nodeFlags?: string[]
  rows: LoadRow[]
  /** Kitchen wall time / raw wall time, per count (median of the rounds' ratios). */
  ratios: { count: number, wallRatio: number }[]
}

export interface DemoRow {
  example: string
  ms: number
  idealMs: number
  /** null if the example failed (then `error` says why). */
  measuredMs: number | null
  ratio: number | null
  error?: string
}

export interface DemosPart {
  provenance: Provenance
  rows: DemoRow[]
}

export interface Target {
  id: string
  description: string
  value: number | null
  limit: number
  /** Whether value ≤ limit (false when there is no value). */
  pass: boolean
}

export interface BenchResults {
  schema: 1
  /** The run that last wrote the file. */
  provenance: Provenance
  memory?: MemoryPart
  hops?: HopsPart
  load?: LoadPart
  demos?: DemosPart
  targets: Target[]
}

// ---------------------------------------------------------------------------------------------
// Validation: a list of problems, each naming where it is; empty when the value fits the schema.

type Check = (value: unknown, at: string, problems: string[]) => void

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

function num(min = Number.NEGATIVE_INFINITY): Check {
  return (v, at, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min) p.push(`${at}: expected a number${min > Number.NEGATIVE_INFINITY ? ` ≥ ${min}` : ''}`)
  }
}
function nullable(check: Check): Check {
  return (v, at, p) => {
    if (v !== null) check(v, at, p)
  }
}
function optional(check: Check): Check {
  return (v, at, p) => {
    if (v !== undefined) check(v, at, p)
  }
}
const str: Check = (v, at, p) => {
  if (typeof v !== 'string' || v.length === 0) p.push(`${at}: expected a non-empty string`)
}
const bool: Check = (v, at, p) => {
  if (typeof v !== 'boolean') p.push(`${at}: expected true or false`)
}
function oneOf(values: readonly unknown[]): Check {
  return (v, at, p) => {
    if (!values.includes(v)) p.push(`${at}: expected one of ${values.join(', ')}`)
  }
}
const isoDate: Check = (v, at, p) => {
  if (typeof v !== 'string' || Number.isNaN(Date.parse(v))) p.push(`${at}: expected an ISO date`)
}
function list(check: Check, minLength = 0): Check {
  return (v, at, p) => {
    if (!Array.isArray(v)) return void p.push(`${at}: expected a list`)
    if (v.length < minLength) p.push(`${at}: expected at least ${minLength} entries`)
    v.forEach((item, i) => check(item, `${at}[${i}]`, p))
  }
}
function shape(fields: Record<string, Check>): Check {
  return (v, at, p) => {
    if (!isObject(v)) return void p.push(`${at}: expected an object`)
    for (const [key, check] of Object.entries(fields)) check(v[key], `${at}.${key}`, p)
  }
}

const provenance = shape({ date: isoDate, node: str, cpu: str, cores: num(1), memoryGiB: num(0), platform: str, command: str })
const memoryRow = shape({ n: num(1), peakRssKiB: num(0), baselineRssKiB: num(0), kibPerTask: num(), settledEarly: optional(num(0)) })
const memory = shape({
  provenance,
  waitMs: num(0),
  promises: list(memoryRow, 1),
  workers: shape({ rows: list(memoryRow), reached: num(0), cap: num(0), stopReason: str, msPerWorker: num(0) }),
})
const hopRow = shape({
  id: oneOf(HOP_IDS),
  label: str,
  roundTrip: bool,
  iterations: num(1),
  nsPerHop: nullable(num(0)),
  runsNs: list(num(0)),
  error: optional(str),
})
const hops = shape({ provenance, runs: num(1), hops: list(hopRow, 1) })
const loadRow = shape({
  server: oneOf(['kitchen', 'raw']),
  count: num(1),
  ok: num(0),
  failed: num(0),
  wallMs: num(0),
  p50Ms: num(0),
  p99Ms: num(0),
  peakRssMiB: nullable(num(0)),
  peakRssMiBRounds: optional(list(num(0))),
  cpuMs: nullable(num(0)),
  listenDrops: optional(nullable(num(0))),
})
const load = shape({
  provenance,
  ms: num(0),
  connecting: num(1),
  rounds: num(1),
  backlog: optional(num(1)),
  nodeFlags: optional(list(str)),
  rows: list(loadRow, 2),
  ratios: list(shape({ count: num(1), wallRatio: num(0) }), 1),
})
const demoRow = shape({ example: str, ms: num(0), idealMs: num(0), measuredMs: nullable(num(0)), ratio: nullable(num(0)), error: optional(str) })
const demos = shape({ provenance, rows: list(demoRow, 1) })
const target = shape({ id: str, description: str, value: nullable(num()), limit: num(), pass: bool })

const results = shape({
  schema: oneOf([1]),
  provenance,
  memory: optional(memory),
  hops: optional(hops),
  load: optional(load),
  demos: optional(demos),
  targets: list(target),
})

/** Every way `value` differs from BenchResults; an empty list means it is valid. */
export function validateResults(value: unknown): string[] {
  const problems: string[] = []
  results(value, 'results', problems)
  return problems
}

/** `value` as BenchResults, or an error listing the first problems. */
export function parseResults(value: unknown): BenchResults {
  const problems = validateResults(value)
  if (problems.length > 0) throw new Error(`bench results are not valid: ${problems.slice(0, 5).join('; ')}`)
  return value as BenchResults
}

/** One line for a slide: "Measured 23 Nov 2026 · Node v20.20.2 · Intel Xeon … (2 cores) · npm run bench". */
export function provenanceLine(p: Provenance): string {
  const date = new Date(p.date).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
  const cpu = p.cpu.replace(/\((R|TM)\)|\bCPU\b|@\s*[\d.]+\s*GHz|\b\d+-Core Processor\b/gi, '').replace(/\s+/g, ' ').trim()
  return `Measured ${date} · Node ${p.node} · ${cpu} (${p.cores} cores, ${Math.round(p.memoryGiB)} GiB) · ${p.command}`
}
