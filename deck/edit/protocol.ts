// The messages between the deck and the Worker that runs an edited demo. The Worker runs only the edited
// code; every fry, log line and settle travels to the page, where the demo's own runner, tracer and
// kitchen client do the work, so an edited run is drawn, timed and cancelled like any other.

import type { FryOptions, Order } from '../../examples/lib'

/** What the edited code sees besides the language's own built-ins (declared for the editor in env.d.ts). */
export interface EditScope {
  eggs: readonly string[]
  orders: Order[]
  ms: number
}

/** A rejection as it crosses postMessage: structured clone keeps an Error's message, not its class or egg. */
export interface WireError {
  name: string
  message: string
  egg?: string
}

export type ToWorker
  = | { type: 'run', js: string, scope: EditScope }
    | { type: 'fried', id: number, value?: unknown, error?: WireError }
  /** The next egg of a `stream` the edit opened; `done` once the kitchen's body ends, or its `error`. */
    | { type: 'streamed', id: number, value?: unknown, done?: true, error?: WireError }
  /** Answered with `flushed` once any rejection nobody handled has been reported. */
    | { type: 'flush' }

export type ToPage
  /** The Worker has loaded and waits for its run: the run's clock starts after this. */
  = | { type: 'ready' }
    | { type: 'fry', id: number, egg: string, options: Omit<FryOptions, 'signal'> }
    /** The kitchen's /stream: every egg fried at once, each sent back the moment it is done. */
    | { type: 'stream', id: number, eggs: string[], ms?: number | number[] }
  /** The edit aborted the signal it passed to a fry (as the pans demo does when it clears the stove). */
    | { type: 'abort', id: number }
    | { type: 'log', line: string }
    | { type: 'settled', label: string, winner?: string }
    | { type: 'mark', label: string }
  /** The edited code ran to its end (its top-level awaits included). */
    | { type: 'done' }
    | { type: 'flushed' }
  /** One line: a thrown error's message, or an unhandled rejection. */
    | { type: 'error', line: string }
