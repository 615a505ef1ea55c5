// Timing helpers: a stopwatch, and a tracer that wraps fryEgg to record one lane per egg.
// The tests use it to count how many fries ran at once; the deck draws its lanes live.

import type { FryEgg } from './kitchen-client'
import { BurntEggError } from './kitchen-client'

export type LaneOutcome = 'frying' | 'served' | 'burnt' | 'cancelled' | 'failed'

export interface Lane {
  egg: string
  /** ms since the tracer started */
  start: number
  /** ms since the tracer started; undefined while frying */
  end?: number
  outcome: LaneOutcome
}

/** Milliseconds since it was made, as a whole number. */
export function stopwatch(): () => number {
  const t0 = performance.now()
  return () => Math.round(performance.now() - t0)
}

export interface Tracer {
  /** The instrumented fryEgg: pass it to any demo function. */
  fry: FryEgg
  /** One lane per fry, in the order they started. */
  readonly lanes: Lane[]
  /** Fries running now. */
  readonly running: number
  /** The most fries that ran at once. */
  readonly maxRunning: number
  /** ms since the tracer was made. */
  elapsed: () => number
  /** Resolves once no fry is running (at once if none is). */
  idle: () => Promise<void>
  /** Wraps another fryEgg-shaped function (e.g. the kitchen's blocking one) onto the same lanes. */
  wrap: (fry: FryEgg) => FryEgg
  /** Opens a lane by hand, for work that is not a fryEgg call; call the result to close it. */
  begin: (egg: string) => (outcome: Exclude<LaneOutcome, 'frying'>) => void
}

/** Wraps `fry` so each call is recorded. `onChange` fires whenever a lane starts or ends. */
export function traceFries(fry: FryEgg, onChange?: (lanes: readonly Lane[]) => void): Tracer {
  const elapsed = stopwatch()
  const lanes: Lane[] = []
  let running = 0
  let maxRunning = 0
  let waiters: Array<() => void> = []

  const settle = (lane: Lane, outcome: LaneOutcome) => {
    lane.end = elapsed()
    lane.outcome = outcome
    running--
    onChange?.(lanes)
    if (running === 0) {
      waiters.forEach(wake => wake())
      waiters = []
    }
  }

  const begin = (egg: string) => {
    const lane: Lane = { egg, start: elapsed(), outcome: 'frying' }
    lanes.push(lane)
    running++
    maxRunning = Math.max(maxRunning, running)
    onChange?.(lanes)
    let open = true
    return (outcome: Exclude<LaneOutcome, 'frying'>) => {
      if (open) settle(lane, outcome)
      open = false
    }
  }

  const wrap = (inner: FryEgg): FryEgg => async (egg, options) => {
    const end = begin(egg)
    try {
      const fried = await inner(egg, options)
      end('served')
      return fried
    }
    catch (err) {
      // Aborted first: a scope may abort its siblings with the burnt egg's error as the reason.
      const aborted = options?.signal?.aborted || (err as Error)?.name === 'AbortError'
      end(aborted ? 'cancelled' : err instanceof BurntEggError ? 'burnt' : 'failed')
      throw err
    }
  }

  return {
    fry: wrap(fry),
    wrap,
    begin,
    lanes,
    get running() { return running },
    get maxRunning() { return maxRunning },
    elapsed,
    idle: () => running === 0 ? Promise.resolve() : new Promise<void>(wake => waiters.push(wake)),
  }
}

const OUTCOME_MARK: Record<LaneOutcome, string> = { frying: '▒', served: '█', burnt: '▓', cancelled: '░', failed: '▓' }

/**
 * The lanes as a text timeline, one row per fry on a shared axis:
 * `A  █████·····    0 →  501 ms  served`
 */
export function formatLanes(lanes: readonly Lane[], width = 40): string {
  const total = Math.max(1, ...lanes.map(lane => lane.end ?? lane.start))
  const col = (ms: number) => Math.round((ms / total) * width)
  const pad = Math.max(...lanes.map(lane => lane.egg.length))
  const digits = String(total).length
  return lanes.map((lane) => {
    const end = lane.end ?? total
    const from = col(lane.start)
    const to = Math.max(col(end), from + 1)
    const bar = '·'.repeat(from) + OUTCOME_MARK[lane.outcome].repeat(to - from) + '·'.repeat(Math.max(0, width - to))
    const times = `${String(lane.start).padStart(digits)} → ${String(end).padStart(digits)} ms`
    return `${lane.egg.padEnd(pad)}  ${bar}  ${times}  ${lane.outcome}`
  }).join('\n')
}
