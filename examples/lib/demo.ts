// A demo on a slide: how the deck runs an example's function live and draws it as a timeline.
// Each example exports its demos beside its code, so a demo's title, eggs and ideal time are
// written once, next to the function they describe; deck/demos.ts only collects them.

import type { Log, Order } from './index'
import type { KitchenClient } from './kitchen-client'
import type { Tracer } from './timeline'

export interface DemoContext {
  /** The kitchen, with every request tied to the run (leaving the slide aborts them). */
  kitchen: KitchenClient
  /** The run's tracer: its fry draws the lanes. */
  tracer: Tracer
  /** Lines for the output panel. */
  log: Log
  /** Frying time of one egg, in ms. */
  ms: number
  /** Marks this moment on the timeline (e.g. a timeout firing), on the lanes' clock. */
  mark: (label: string) => void
  /** Call the moment the demo's combinator settles (the race's winner, if an egg won); later calls are ignored. */
  settled: (label: string, winner?: string) => void
}

export interface Demo {
  /** What the run shows, in a few words, for the panel's title. */
  title: string
  /** What a perfect machine would take, in ms. */
  idealMs: (ms: number) => number
  /**
   * For demos whose point is that the first one settles it: when a perfect machine's combinator would
   * settle (the fastest contender), in ms. Its run calls `settled()`, and the panel compares the two.
   */
  settleIdealMs?: (ms: number) => number
  /** Lanes to draw before the run starts, so the timeline has its shape up front. */
  eggs: (ms: number) => readonly string[]
  /** Show the kitchen's own maxInFlight after the run. */
  kitchenView?: boolean
  /** What differs when the in-page kitchen (a static build with no server) runs this demo. */
  inPage?: string
  run: (ctx: DemoContext) => Promise<unknown>
  /** How the deck's editor offers this demo's code for a "what if?", if it does. */
  edit?: DemoEdit
}

/**
 * A demo's code as the deck's editor offers it: regions of its example, then `entry`, the lines that run
 * them. The edit sees `fry`, `log`, `eggs`, `orders`, `ms`, `settled` and `mark` (deck/edit/env.d.ts), so the
 * unedited code, run by the deck, does what `run` does (tests/edit.test.ts checks that).
 */
export interface DemoEdit {
  /** The example's file name without `.ts`: the file the demo is defined in. */
  file: string
  /** Its regions, in order; `['demo']` by default. */
  regions?: readonly string[]
  /** The lines that run the code above them (a template literal of code, with no `${}` of its own). */
  entry: string
  /** What the edit sees as `orders`; none by default. */
  orders?: (ms: number) => Order[]
  /** The ideal of an edited run, read off its code (the number of pans); the demo's own when undefined. */
  idealMs?: (ms: number, source: string) => number | undefined
}

/** An example's demos, by id: the id is what a slide writes in `<EggRun demo="…">`. */
export function defineDemos<const Id extends string>(demos: Record<Id, Demo>): Record<Id, Demo> {
  return demos
}

/** A callback-style job (its last argument a `(err) => …`), as a promise the run can wait for. */
export function promised(start: (done: (err: Error | null) => void) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => start(err => (err ? reject(err) : resolve())))
}

/** Logs the kitchen's own count, once every fry it took has ended: what was still in flight, and what was cancelled. */
export async function logKitchenStats({ kitchen, log }: DemoContext): Promise<void> {
  const { inFlight, cancelled } = await kitchen.settled()
  log(`kitchen: inFlight ${inFlight}, cancelled ${cancelled}`)
}
