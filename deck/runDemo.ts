// Runs one deck demo against the kitchen and reports snapshots as it goes: the engine behind
// <EggRun>, kept free of Vue so tests can drive it directly.

import type { KitchenClient, Lane } from '../examples/lib'
import type { DemoId } from './demos'
import type { EditWorker } from './edit/runEdited'
import type { KitchenKind } from './kitchenSource'
import { kitchenClient, KitchenDownError, traceFries } from '../examples/lib'
import { demos, isDemoId } from './demos'
import { EditError, runEdited, startEditWorker } from './edit/runEdited'

export type RunStatus = 'running' | 'done' | 'failed' | 'aborted'

/** Everything a window needs to draw a run, whether it runs it or only watches. Plain JSON. */
export interface RunSnapshot {
  runId: string
  demo: string
  status: RunStatus
  /** Epoch ms when the run started, so watching windows can tick the clock. */
  startedAt: number
  /** ms since the start; final once the run has ended. */
  elapsedMs: number
  idealMs: number
  ms: number
  lanes: Lane[]
  lines: string[]
  /** One readable line when the run failed. */
  error?: string
  /** The kitchen's own count of fries at once, for demos that show it. */
  maxInFlight?: number
  /** Which kitchen served the run: the real server or the one inside the page. */
  kitchen?: KitchenKind
  /** Moments the run marked on its timeline, as they happened: its combinator settling, a timeout firing. */
  marks?: RunMark[]
  /** When the demo's combinator settled, in ms since the start, as the run saw it; only for demos that have one. */
  settledMs?: number
  /** The egg whose result settled it, when an egg won. */
  winner?: string
  /** The run was of code edited on the slide, not of the example as written. */
  edited?: true
}

/** A moment of the run, drawn as a labelled line across the lanes. */
export interface RunMark {
  /** What happened, e.g. "race settled"; the panel adds the time. */
  label: string
  /** ms since the run's start, on the lanes' clock. */
  atMs: number
  /** This is the moment the demo's combinator settled. */
  settles?: true
}

export const KITCHEN_DOWN_HINT = 'Start it with: npm run server (npm run dev starts it too), then run again.'

/** How long a run may take before it is stopped as hung: three times its ideal, plus a few seconds. */
export const runDeadlineMs = (idealMs: number) => 3 * idealMs + 5000

/** How long edited code may run before it is stopped: ten times the ideal, and at least 10 s. */
export const editLimitMs = (idealMs: number) => Math.max(10_000, 10 * idealMs)

/** Code edited on the slide, compiled, to run instead of the demo's own (deck/edit). */
export interface EditedCode {
  /** The edit as written, TypeScript: its ideal may depend on it. */
  source: string
  /** The same, compiled to JavaScript. */
  js: string
  /** Starts what runs it (a Worker by default; tests inject their own). */
  spawn?: () => EditWorker
}

export interface RunOptions {
  /** The kitchen's base URL as the page sees it, e.g. /api. */
  url: string
  ms: number
  signal: AbortSignal
  onUpdate?: (snapshot: RunSnapshot) => void
  fetch?: typeof fetch
  /** Which kitchen answers at url, for the panel's label. */
  kitchen?: KitchenKind
  /** What the "not running" line tells the user to do. */
  downHint?: string
  /** Why the kitchen cannot be used at all: the run fails at once with this line. */
  problem?: string
  /** Run this edit of the demo's code instead of the demo as written. */
  edited?: EditedCode
  /** Overrides the time limit, for tests of it. */
  limitMs?: number
}

/** Ties every request the run makes to its signal: leaving the slide aborts them all. */
function boundFetch(signal: AbortSignal, base: typeof fetch = (input, init) => globalThis.fetch(input, init)): typeof fetch {
  return (input, init) => base(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal })
}

export async function runDemo(demoId: DemoId, options: RunOptions): Promise<RunSnapshot> {
  // Ids are typed, but a plain-JS caller (a test, the console) can still pass anything.
  if (!isDemoId(demoId)) throw new Error(`no demo called "${demoId as string}"`)
  const demo = demos[demoId]
  const { edited } = options
  const idealMs = (edited && demo.edit?.idealMs?.(options.ms, edited.source)) || demo.idealMs(options.ms)
  // A kitchen that answers and then hangs must not leave the panel frying forever, nor may edited code.
  const limitMs = options.limitMs ?? (edited ? editLimitMs(idealMs) : runDeadlineMs(idealMs))
  const deadline = AbortSignal.timeout(limitMs)
  const runSignal = AbortSignal.any([options.signal, deadline])
  const kitchen: KitchenClient = kitchenClient({
    url: options.url,
    ms: options.ms,
    fetch: boundFetch(runSignal, options.fetch),
    downHint: options.downHint ?? KITCHEN_DOWN_HINT,
  })
  const snapshot: RunSnapshot = {
    runId: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    demo: demoId,
    status: 'running',
    startedAt: Date.now(),
    elapsedMs: 0,
    idealMs,
    ms: options.ms,
    lanes: [],
    lines: [],
    ...(options.kitchen ? { kitchen: options.kitchen } : {}),
    ...(edited ? { edited: true as const } : {}),
  }
  const publish = () => options.onUpdate?.(structuredClone(snapshot))
  // Zero the kitchen's counters first, so the tracer's clock starts with the first fry.
  if (demo.kitchenView && !options.problem) {
    try {
      await kitchen.resetStats()
    }
    catch {
      // the run below reports a missing kitchen in one line
    }
  }
  // An edit's Worker loads before the clock starts: the run times the edited code, not the Worker's start.
  let worker: EditWorker | undefined
  let notStarted: unknown
  if (edited && !options.problem) {
    try {
      worker = await startEditWorker(runSignal, edited.spawn)
    }
    catch (err) {
      notStarted = err
    }
  }
  snapshot.startedAt = Date.now()
  const tracer = traceFries(kitchen.fry, (lanes) => {
    snapshot.lanes = lanes.map(lane => ({ ...lane }))
    snapshot.elapsedMs = tracer.elapsed()
    publish()
  })
  const log = (line: string) => {
    snapshot.lines.push(line)
    publish()
  }
  const mark = (label: string, settles?: true) => {
    const atMs = tracer.elapsed()
    ;(snapshot.marks ??= []).push({ label, atMs, ...(settles ? { settles } : {}) })
    if (settles) snapshot.settledMs = atMs
    publish()
  }
  const settled = (label: string, winner?: string) => {
    if (snapshot.settledMs !== undefined) return // a combinator settles once
    if (winner !== undefined) snapshot.winner = winner
    mark(label, true)
  }
  try {
    if (options.problem) throw new Error(options.problem)
    if (notStarted) throw notStarted
    const ctx = { kitchen, tracer, log, ms: options.ms, mark, settled }
    if (edited && worker) {
      const scope = { eggs: demo.eggs(options.ms), orders: demo.edit?.orders?.(options.ms) ?? [], ms: options.ms }
      await runEdited(edited.js, ctx, scope, runSignal, worker)
    }
    else {
      await demo.run(ctx)
    }
    snapshot.elapsedMs = tracer.elapsed()
    snapshot.status = 'done' // the clock stops here; the kitchen's view follows
    if (demo.kitchenView) {
      publish()
      snapshot.maxInFlight = (await kitchen.stats()).maxInFlight
    }
  }
  catch (err) {
    snapshot.elapsedMs = tracer.elapsed()
    if (options.signal.aborted) {
      snapshot.status = 'aborted'
    }
    else {
      snapshot.status = 'failed'
      snapshot.error = deadline.aborted
        ? edited
          ? `The edited run did not finish within ${limitMs / 1000} s; it was stopped.`
          : `The kitchen at ${options.url} did not answer within ${limitMs / 1000} s; the run was stopped.`
        : err instanceof KitchenDownError || err instanceof EditError || options.problem
          ? (err as Error).message
          : `The demo failed: ${(err as Error).message ?? err}`
    }
  }
  snapshot.lanes = tracer.lanes.map(lane => ({ ...lane }))
  publish()
  return snapshot
}
