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

const CLOSING = new Error('the kitchen is closing')

/** Waits `ms` without blocking; rejects with the signal's reason if aborted, and frees the timer. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** Spins the CPU for `ms`: the one thing a kitchen should never do. */
export function blockFor(ms: number): void {
  const end = Date.now() + ms
  while (Date.now() < end) {
    // busy: nothing else on this thread runs meanwhile
  }
}

export class Kitchen {
  readonly capacity: number
  #stats: KitchenStats = { inFlight: 0, maxInFlight: 0, served: 0, cancelled: 0, burnt: 0 }
  /**
   * One controller per fry on the stove; close() aborts them all. (Not AbortSignal.any with one long-lived
   * closing signal: on Node 20 that signal keeps a reference for every fry ever made, a leak under load.)
   */
  #pans = new Set<AbortController>()
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
  async fry(ms: number, options: { signal?: AbortSignal; burn?: boolean; block?: boolean } = {}): Promise<FryOutcome> {
    const stats = this.#stats
    const pan = new AbortController()
    const customer = options.signal
    const customerLeft = () => pan.abort(customer!.reason)
    if (this.#closed) pan.abort(CLOSING)
    else if (customer?.aborted) customerLeft()
    else customer?.addEventListener('abort', customerLeft, { once: true })
    this.#pans.add(pan)
    stats.inFlight++
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight)
    try {
      if (options.block) blockFor(ms)
      else await delay(ms, pan.signal)
      if (pan.signal.aborted) throw pan.signal.reason
    } catch {
      this.#stats.cancelled++
      return 'cancelled'
    } finally {
      // resetStats() may have replaced the object; count against the live one.
      this.#stats.inFlight--
      this.#pans.delete(pan)
      customer?.removeEventListener('abort', customerLeft)
    }
    if (options.burn) {
      this.#stats.burnt++
      return 'burnt'
    }
    this.#stats.served++
    return 'served'
  }

  /** Stops every fry on the stove (they end as cancelled) and refuses new ones. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    for (const pan of this.#pans) pan.abort(CLOSING)
  }
}
