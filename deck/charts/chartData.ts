// From bench/results.json (and the published figures) to the bars each chart draws. Pure, so vitest checks it.
import type { BenchResults, HopRow } from '../../bench/schema'
import { formatKib, formatMs, formatNs, formatNumber } from './chartGeometry'
import { KOLACZKOWSKI, PUBLISHED_MEMORY, publishedKibPerTask } from './published'

/** measured: this machine; published: someone else's figure, cited; baseline: this machine's point of comparison. */
export type BarKind = 'measured' | 'published' | 'baseline'

export interface Bar {
  label: string
  /** A smaller second line: N, where it comes from. */
  detail: string
  /** null: no value (the detail says why); no bar is drawn. */
  value: number | null
  valueText: string
  kind: BarKind
}

export interface BarChartData {
  scale: 'log' | 'linear'
  axisLabel: string
  bars: Bar[]
  legend: { kind: BarKind, text: string }[]
  /** Lines under the chart: where the figures come from. */
  sources: string[]
}

export type ChartName = 'memory' | 'hops' | 'load'

const count = (n: number) => (n >= 1_000_000 ? `${formatNumber(n / 1_000_000)}M` : n >= 1000 ? `${formatNumber(n / 1000)}k` : String(n))

/** Memory per waiting task: this machine's promises and worker threads beside Kołaczkowski's published runtimes. */
export function memoryChart(results: BenchResults): BarChartData {
  const bars: Bar[] = []
  const memory = results.memory
  if (memory) {
    const promises = memory.promises.at(-1)
    if (promises) {
      bars.push({
        label: 'Node promises',
        detail: `${count(promises.n)} async tasks · this machine`,
        value: promises.kibPerTask,
        valueText: formatKib(promises.kibPerTask),
        kind: 'measured',
      })
    }
    const workers = memory.workers.rows.at(-1)
    bars.push(workers
      ? {
          label: 'Node worker threads',
          detail: `${count(workers.n)} workers · this machine`,
          value: workers.kibPerTask,
          valueText: formatKib(workers.kibPerTask),
          kind: 'measured',
        }
      : { label: 'Node worker threads', detail: memory.workers.stopReason, value: null, valueText: 'not measured', kind: 'measured' })
  }
  for (const p of PUBLISHED_MEMORY) {
    const kib = publishedKibPerTask(p)
    const note = p.note ? ` (${p.note.replace(' could not be launched', ' failed')})` : ''
    bars.push({ label: p.runtime, detail: `${count(p.n)} tasks${note} · 2023`, value: kib, valueText: formatKib(kib), kind: 'published' })
  }
  bars.sort((a, b) => (a.value ?? Number.POSITIVE_INFINITY) - (b.value ?? Number.POSITIVE_INFINITY))
  return {
    scale: 'log',
    axisLabel: 'memory per waiting task, KiB (log scale): (peak RSS − idle) / N',
    bars,
    legend: [
      { kind: 'measured', text: 'this machine (npm run bench)' },
      { kind: 'published', text: `published: ${KOLACZKOWSKI.author} ${KOLACZKOWSKI.year}` },
    ],
    sources: [
      `Published: ${KOLACZKOWSKI.author}, “${KOLACZKOWSKI.title}” (${KOLACZKOWSKI.year}), ${KOLACZKOWSKI.url}; tasks wait 10 s; ${KOLACZKOWSKI.environment}.`,
      memory
        ? `This machine: each promise task awaits a ${formatMs(memory.waitMs)} timer; `
        + `worker threads: ${memory.workers.reached} started, then stopped (${memory.workers.stopReason}).`
        : 'This machine: not measured yet (npm run bench).',
    ],
  }
}

function hopDetail(h: HopRow) {
  return h.nsPerHop === null
    ? `failed: ${h.error ?? 'no value'}`
    : `${h.roundTrip ? 'round trip' : 'one hop'} · median of ${h.runsNs.length} × ${count(h.iterations)}`
}

/** What one hop costs, on a log scale. */
export function hopChart(results: BenchResults): BarChartData {
  const hops = results.hops?.hops ?? []
  return {
    scale: 'log',
    axisLabel: 'time per hop, ns (log scale)',
    bars: hops.map(h => ({
      label: h.label,
      detail: hopDetail(h),
      value: h.nsPerHop,
      valueText: h.nsPerHop === null ? 'failed' : formatNs(h.nsPerHop),
      kind: 'measured' as const,
    })),
    legend: [{ kind: 'measured', text: 'this machine (npm run bench)' }],
    sources: ['setTimeout(0) waits at least 1 ms in Node; a round trip is two hops, there and back.'],
  }
}

/** The kitchen vs a raw node:http delay server, same client, same run: wall time for N concurrent fries. */
export function loadChart(results: BenchResults): BarChartData {
  const load = results.load
  const bars: Bar[] = []
  for (const { count: n, wallRatio } of load?.ratios ?? []) {
    for (const server of ['raw', 'kitchen'] as const) {
      const row = load!.rows.find(r => r.count === n && r.server === server)
      if (!row) continue
      const failed = row.failed ? ` · ${row.failed} failed` : ''
      bars.push({
        label: `${count(n)} fries · ${server === 'raw' ? 'raw node:http' : 'kitchen'}`,
        detail: `p50 ${formatMs(row.p50Ms)} · p99 ${formatMs(row.p99Ms)}${
          row.peakRssMiB === null ? '' : ` · ${formatNumber(row.peakRssMiB)} MiB peak`
        }${failed}`,
        value: row.wallMs,
        valueText: server === 'raw' ? formatMs(row.wallMs) : `${formatMs(row.wallMs)} (${wallRatio.toFixed(2)}×)`,
        kind: server === 'raw' ? 'baseline' : 'measured',
      })
    }
  }
  return {
    scale: 'linear',
    axisLabel: `wall time, s: N fries of ${formatMs(load?.ms ?? 1000)} sent at once, all answered`,
    bars: bars.map(b => ({ ...b, value: b.value === null ? null : b.value / 1000 })),
    legend: [
      { kind: 'measured', text: 'the kitchen (Hono)' },
      { kind: 'baseline', text: 'raw node:http, same client' },
    ],
    sources: load
      ? [
          `One client process, ≤ ${load.connecting} handshakes at once, median of ${load.rounds} rounds. `
          + `On 2 cores the client's connection setup dominates, so compare the ratio, not the seconds.`,
          ...load.backlog ? [`Both servers: listen backlog ${load.backlog}, node ${load.nodeFlags?.join(' ') || 'with no flags'}.`] : [],
        ]
      : ['Not measured yet (npm run bench).'],
  }
}

export const charts: Record<ChartName, (results: BenchResults) => BarChartData> = { memory: memoryChart, hops: hopChart, load: loadChart }

export interface MillionRow {
  task: string
  /** From the documented defaults, before measuring. */
  estimate: string
  /** Per task, as measured here or published. */
  each: string
  /** What a million of them come to, or why there is no such figure. */
  million: string
  source: 'this machine' | 'published'
}

/** The "A million waiting tasks" table: the back-of-the-envelope estimate, then this machine's and the post's figures. */
export function millionTasks(results: BenchResults): MillionRow[] {
  const rows: MillionRow[] = []
  const promise = results.memory?.promises.at(-1)
  const promiseTask = 'a future or promise: the saved state, ~hundreds of bytes'
  if (promise) {
    const totalMiB = (promise.peakRssKiB - promise.baselineRssKiB) / 1024
    rows.push({
      task: promiseTask,
      estimate: '~hundreds of MB',
      each: `${formatKib(promise.kibPerTask)} (Node ${results.memory!.provenance.node.replace(/^v/, '').split('.')[0]})`,
      million: promise.n === 1_000_000
        ? `${formatNumber(totalMiB)} MiB`
        : `≈ ${formatNumber((promise.kibPerTask * 1_000_000) / 1024 ** 2)} GiB (from ${count(promise.n)})`,
      source: 'this machine',
    })
  }
  else {
    rows.push({ task: promiseTask, estimate: '~hundreds of MB', each: '—', million: 'run npm run bench', source: 'this machine' })
  }
  const published = (runtime: string) => PUBLISHED_MEMORY.find(p => p.runtime === runtime)!
  const go = published('Go goroutines')
  rows.push({
    task: 'a goroutine: starts with a 2 KB stack',
    estimate: 'at least ~2 GB',
    each: `${formatKib(publishedKibPerTask(go))} (Go 1.18)`,
    million: `${formatNumber(go.peakMB)} MB`,
    source: 'published',
  })
  const java = published('Java threads')
  rows.push({
    task: 'an OS thread: MiBs of stack reserved, KiBs touched, plus kernel memory',
    estimate: 'past the OS limits first',
    each: `${formatKib(publishedKibPerTask(java))} (Java, at 10k)`,
    million: '100k already failed to launch',
    source: 'published',
  })
  const worker = results.memory?.workers.rows.at(-1)
  if (worker) {
    rows.push({
      task: 'a Node worker thread: an OS thread with its own V8',
      estimate: 'more than an OS thread',
      each: formatKib(worker.kibPerTask),
      million: `≈ ${formatNumber((worker.kibPerTask * 1_000_000) / 1024 ** 3)} TiB; stopped at ${formatNumber(results.memory!.workers.reached)}`,
      source: 'this machine',
    })
  }
  return rows
}
