// What code edited on a slide sees, for the editor's type checks: the names the edit Worker defines
// (deck/edit/sandbox.ts) and the types of the examples' code. Not part of the project's own program
// (tsconfig excludes it); tests/edit.test.ts checks every demo's unedited code against it.

interface Fried { egg: string, ms: number, startedAt: number, finishedAt: number }
interface FryOptions { ms?: number, burn?: boolean, signal?: AbortSignal }
type FryEgg = (egg: string, options?: FryOptions) => Promise<Fried>
type Log = (line: string) => void
interface Order { egg: string, ms?: number, burn?: boolean }
interface StreamedEgg extends Fried { outcome: 'served' | 'cancelled' }
/** The part of the kitchen's client an edit sees: its /stream, as `stream`. */
interface KitchenClient {
  stream: (eggs: string[], options?: { ms?: number | number[], signal?: AbortSignal }) => AsyncGenerator<StreamedEgg>
}

/** Fries one egg in the deck's kitchen; rejects with a burnt egg's error, or the signal's reason. */
declare const fry: FryEgg
/** Fries the eggs at once in the kitchen and yields each the moment it is done (its /stream). */
declare const stream: KitchenClient['stream']
/** A line in the demo's output panel. */
declare const log: Log
/** The demo's eggs. */
declare const eggs: readonly string[]
/** The demo's orders (egg, frying time, burn), where it has them. */
declare const orders: Order[]
/** One egg's frying time, in ms. */
declare const ms: number
/** Say the combinator settled (the race's winner, if an egg won); later calls are ignored. */
declare function settled(label: string, winner?: string): void
/** Marks this moment on the timeline. */
declare function mark(label: string): void
