// Everything an example or a component needs, in one import. Runtime-neutral.
import type { Fried, FryEgg } from './kitchen-client'
import { stopwatch } from './timeline'

export * from './demo'
export * from './kitchen-client'
export * from './timeline'

/** Where a demo writes its lines: console.log in a terminal, the slide's output panel in the deck. */
export type Log = (line: string) => void

/** The four eggs of every demo, unless it says otherwise. */
export const EGGS = ['A', 'B', 'C', 'D'] as const

/** An egg, how long to fry it (the kitchen client's default if left out), and whether it burns. */
export interface Order {
  egg: string
  ms?: number
  burn?: boolean
}

/**
 * Four orders with different frying times (A longest, B shortest), so that finishing
 * order differs from starting order: B at ¼, D at ½, C at ¾ and A at 1 × ms.
 */
export function staggeredOrders(ms: number): Order[] {
  return [
    { egg: 'A', ms },
    { egg: 'B', ms: Math.round(ms / 4) },
    { egg: 'C', ms: Math.round((ms * 3) / 4) },
    { egg: 'D', ms: Math.round(ms / 2) },
  ]
}

/** A Log that stamps each line with the ms since it was made: `  502 ms  egg A served`. */
export function timedLog(write: Log = line => console.log(line)): Log {
  const elapsed = stopwatch()
  return line => write(`${String(elapsed()).padStart(5)} ms  ${line}`)
}

/** A callback-style kitchen, the way Node's APIs looked before promises: `(err, value)` last. */
export type FryCallback = (egg: string, done: (err: Error | null, fried?: Fried) => void) => void

/** Turns fryEgg into a callback-style API, for the callback examples. */
export function callbackStyle(fry: FryEgg): FryCallback {
  return (egg, done) => {
    fry(egg).then(fried => done(null, fried), (err: Error) => done(err))
  }
}
