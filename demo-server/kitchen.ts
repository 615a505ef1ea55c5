// The egg kitchen's frying logic: cancellable timers and counters. No Hono, no Node APIs,
// so the same module can run in Node and, later, inside a browser page.

export interface KitchenStats {
  /** Fries on the stove right now. */
  inFlight: number
  /** The most fries that were on the stove at once since the last reset. */
  maxInFlight: number
  /** Fries that came off the stove fine. */
  served: number
  /** Fries stopped because the customer left (or the kitchen closed). */
  cancelled: number
  /** Fries that ended burnt (`burn=1`). */
  burnt: number
}

export type FryOutcome = 'served' | 'burnt' | 'cancelled'

export const DEFAULT_MAX_IN_FLIGHT = 10_000

/** What the kitchen needs of a customer's signal; an AbortSignal fits. */
export interface CustomerSignal {
  readonly aborted: boolean
  addEventListener: (type: 'abort', listener: EventListenerObject, options?: { once?: boolean }) => void
  removeEventListener: (type: 'abort', listener: EventListenerObject) => void
}

/** Spins the CPU for `ms`: the one thing a kitchen should never do. */
export function blockFor(ms: number): void {
  const end = Date.now() + ms
  while (Date.now() < end) {
    // busy: nothing else on this thread runs meanwhile
  }
}

/**
 * One fry on the stove. It ends once: when its timer fires, when the customer's signal aborts, or when
 * the kitchen closes. A plain object with methods, not an AbortController and closures: in a CPU profile of
 * 10k fries at once, making an AbortSignal cost about 10 µs, and signals, listeners and the garbage they left
 * were about a tenth of the kitchen's CPU.
 */
class Pan implements EventListenerObject {
  readonly #timer: ReturnType<typeof setTimeout>
  #ended = false

  constructor(
    ms: number,
    readonly customer: CustomerSignal | undefined,
    readonly burn: boolean,
    /** Resolves the fry's promise. */
    readonly serve: (outcome: FryOutcome) => void,
    /** The kitchen's bookkeeping, called once when the pan comes off the stove. */
    readonly end: (pan: Pan, outcome: 'done' | 'cancelled') => void,
  ) {
    this.#timer = setTimeout(Pan.#ding, ms, this)
    customer?.addEventListener('abort', this, { once: true })
  }

  static #ding(pan: Pan): void {
    pan.finish('done')
  }

  /** The customer left (the signal's 'abort' event). */
  handleEvent(): void {
    this.finish('cancelled')
  }

  finish(outcome: 'done' | 'cancelled'): void {
    if (this.#ended) return
    this.#ended = true
    clearTimeout(this.#timer)
    this.customer?.removeEventListener('abort', this)
    this.end(this, outcome)
  }
}

export class Kitchen {
  readonly capacity: number
  #stats: KitchenStats = { inFlight: 0, maxInFlight: 0, served: 0, cancelled: 0, burnt: 0 }
  /** Every fry on the stove; close() ends them all. */
  #pans = new Set<Pan>()
  #closed = false

  constructor(options: { maxInFlight?: number } = {}) {
    this.capacity = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT
  }

  stats(): KitchenStats {
    return { ...this.#stats }
  }

  /** Zeroes the counters; fries on the stove stay counted in `inFlight` and `maxInFlight`. */
  resetStats(): KitchenStats {
    const { inFlight } = this.#stats
    this.#stats = { inFlight, maxInFlight: inFlight, served: 0, cancelled: 0, burnt: 0 }
    return this.stats()
  }

  /** Whether `count` more fries fit under the cap. */
  hasRoom(count = 1): boolean {
    return this.#stats.inFlight + count <= this.capacity
  }

  get closed(): boolean {
    return this.#closed
  }

  /**
   * Fries one egg for `ms`. Resolves with the outcome; never rejects.
   * `signal` is the customer's: when it aborts, the timer is freed and the fry counts as cancelled.
   * `block` fries by spinning the CPU instead of waiting, as a bad kitchen would.
   */
  fry(ms: number, options: { signal?: CustomerSignal, burn?: boolean, block?: boolean } = {}): Promise<FryOutcome> {
    const burn = options.burn ?? false
    if (this.#closed || options.signal?.aborted) return Promise.resolve(this.#count('cancelled', burn))
    this.#cooking(+1)
    if (options.block) {
      blockFor(ms)
      this.#cooking(-1)
      return Promise.resolve(this.#count('done', burn))
    }
    return new Promise((resolve) => {
      this.#pans.add(new Pan(ms, options.signal, burn, resolve, this.#off))
    })
  }

  /** Stops every fry on the stove (they end as cancelled) and refuses new ones. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const pan of this.#pans) pan.finish('cancelled')
  }

  #cooking(change: 1 | -1): void {
    // resetStats() may have replaced the object; count against the live one.
    const stats = this.#stats
    stats.inFlight += change
    if (stats.inFlight > stats.maxInFlight) stats.maxInFlight = stats.inFlight
  }

  #count(outcome: 'done' | 'cancelled', burn: boolean): FryOutcome {
    const result: FryOutcome = outcome === 'cancelled' ? 'cancelled' : burn ? 'burnt' : 'served'
    this.#stats[result]++
    return result
  }

  /** Bound once per kitchen, not once per fry. */
  #off = (pan: Pan, outcome: 'done' | 'cancelled'): void => {
    this.#pans.delete(pan)
    this.#cooking(-1)
    pan.serve(this.#count(outcome, pan.burn))
  }
}
