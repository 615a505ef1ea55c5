// The kitchen's client: fryEgg and friends. Runtime-neutral (fetch, AbortSignal), so the
// examples run it in Node and the deck's components run the very same code in the browser.
import type { KitchenStats } from '../../demo-server/kitchen.ts'

/** What the kitchen answers for a fried egg. Times are the kitchen's clock, in epoch ms. */
export interface Fried {
  egg: string
  ms: number
  startedAt: number
  finishedAt: number
}

export interface FryOptions {
  /** Frying time in ms; the client's default when left out. */
  ms?: number
  /** Ask the kitchen to burn this one (it answers 500 after the same wait). */
  burn?: boolean
  /** Abort to walk away: the kitchen stops frying and frees the pan. */
  signal?: AbortSignal
}

export type FryEgg = (egg: string, options?: FryOptions) => Promise<Fried>

export interface StreamedEgg extends Fried {
  outcome: 'served' | 'cancelled'
}

/** What GET /stats answers: the kitchen's own counters, typed once, where the kitchen keeps them. */
export type { KitchenStats } from '../../demo-server/kitchen.ts'

export class BurntEggError extends Error {
  override name = 'BurntEggError'
  constructor(readonly egg: string) {
    super(`egg ${egg} burnt`)
  }
}

/** The kitchen could not be reached, or something else answered in its place. */
export class KitchenDownError extends Error {
  override name = 'KitchenDownError'
  constructor(readonly url: string, hint = 'Start it with: npm run server') {
    super(`The egg kitchen is not running at ${url}. ${hint}`)
  }
}

/** The kitchen answered with an error of its own (bad input, full, closing). */
export class KitchenError extends Error {
  override name = 'KitchenError'
  constructor(readonly status: number, message: string) {
    super(`kitchen said ${status}: ${message}`)
  }
}

export interface KitchenClientOptions {
  /** Where the kitchen is, e.g. http://127.0.0.1:3001 or /api behind the deck's proxy. */
  url: string
  /** Default frying time in ms. */
  ms?: number
  /** The fetch to use; the global one by default. */
  fetch?: typeof fetch
  /** What to tell the user when the kitchen is down. */
  downHint?: string
}

export interface KitchenClient {
  readonly url: string
  readonly ms: number
  /** Fries one egg; rejects with BurntEggError, KitchenDownError, KitchenError or the signal's reason. */
  fry: FryEgg
  /** Same contract as fry, but the kitchen blocks its event loop while frying. */
  blocking: FryEgg
  /** An egg that needs no frying: answers at once. */
  fast: (egg: string, options?: { signal?: AbortSignal }) => Promise<Fried>
  /** Fries eggs at once in the kitchen and yields each the moment it is done. */
  stream: (eggs: string[], options?: { ms?: number | number[], signal?: AbortSignal }) => AsyncGenerator<StreamedEgg>
  stats: (options?: { signal?: AbortSignal }) => Promise<KitchenStats>
  resetStats: (options?: { signal?: AbortSignal }) => Promise<KitchenStats>
  /**
   * The kitchen's stats once nothing is on its stove, polled for up to `withinMs`.
   * Aborting a fetch reaches the kitchen a moment later, so ask this rather than /stats at once.
   */
  settled: (options?: { withinMs?: number, signal?: AbortSignal }) => Promise<KitchenStats>
  /** Resolves if a kitchen (not some other server) answers at url. */
  health: (options?: { signal?: AbortSignal }) => Promise<void>
}

export const DEFAULT_EGG_SERVER = 'http://127.0.0.1:3001'
/** One fry, in ms: the examples' default and the deck's when slides.md sets no `eggMs` (the kitchen's own HTTP default is 2000). */
export const DEFAULT_EGG_MS = 1500

export function kitchenClient(options: KitchenClientOptions): KitchenClient {
  const base = options.url.replace(/\/+$/, '')
  const defaultMs = options.ms ?? DEFAULT_EGG_MS
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init))
  const down = () => new KitchenDownError(base, options.downHint)

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    let res: Response
    try {
      res = await doFetch(`${base}${path}`, init)
    }
    catch (err) {
      if (init.signal?.aborted) throw init.signal.reason
      if ((err as Error)?.name === 'AbortError') throw err // aborted by a signal further out
      throw down()
    }
    // A static host's index.html fallback (200, HTML) is not a kitchen answer.
    if (!/json/.test(res.headers.get('content-type') ?? '')) {
      await res.body?.cancel().catch(() => {})
      throw down()
    }
    return res
  }

  async function json<T>(path: string, init?: RequestInit): Promise<T> {
    const res = await call(path, init)
    const body = await res.json() as T & { error?: string }
    if (!res.ok) throw new KitchenError(res.status, body.error ?? res.statusText)
    return body
  }

  const query = (ms: number | number[], extra = '') =>
    `ms=${Array.isArray(ms) ? ms.join(',') : ms}${extra}`

  function fryVia(route: 'fry' | 'blocking'): FryEgg {
    return async (egg, { ms = defaultMs, burn = false, signal } = {}) => {
      const res = await call(`/${route}/${encodeURIComponent(egg)}?${query(ms, burn ? '&burn=1' : '')}`, { signal })
      const body = await res.json() as Fried & { error?: string }
      if (res.status === 500 && body.error === 'burnt') throw new BurntEggError(egg)
      if (!res.ok) throw new KitchenError(res.status, body.error ?? res.statusText)
      return body
    }
  }

  async function* stream(eggs: string[], { ms = defaultMs, signal }: { ms?: number | number[], signal?: AbortSignal } = {}) {
    const res = await call(`/stream?eggs=${eggs.map(encodeURIComponent).join(',')}&${query(ms)}`, { signal })
    if (!res.ok) {
      const body = await res.json() as { error?: string }
      throw new KitchenError(res.status, body.error ?? res.statusText)
    }
    const lines = ndjsonLines(res.body!, signal)
    try {
      while (true) {
        let next: IteratorResult<string>
        try {
          next = await lines.next()
        }
        catch (err) {
          if (signal?.aborted) throw signal.reason
          if ((err as Error)?.name === 'AbortError') throw err
          throw down() // the connection broke mid-stream: the kitchen went away
        }
        if (next.done) return
        yield JSON.parse(next.value) as StreamedEgg
      }
    }
    finally {
      await lines.return(undefined) // a consumer that stops early cancels the body
    }
  }

  return {
    url: base,
    ms: defaultMs,
    fry: fryVia('fry'),
    blocking: fryVia('blocking'),
    fast: (egg, { signal } = {}) => json<Fried>(`/fast/${encodeURIComponent(egg)}`, { signal }),
    stream,
    stats: ({ signal } = {}) => json<KitchenStats>('/stats', { signal }),
    resetStats: ({ signal } = {}) => json<KitchenStats>('/stats', { method: 'DELETE', signal }),
    settled: async ({ withinMs = 2000, signal } = {}) => {
      const deadline = Date.now() + withinMs
      while (true) {
        const stats = await json<KitchenStats>('/stats', { signal })
        if (stats.inFlight === 0 || Date.now() >= deadline) return stats
        await new Promise(resolve => setTimeout(resolve, 20))
      }
    },
    health: async ({ signal } = {}) => {
      const body = await json<{ ok?: boolean }>('/health', { signal })
      if (body.ok !== true) throw down()
    },
  }
}

/** Splits a byte stream into lines as they arrive; cancels the stream if the consumer stops early. */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffered = ''
  try {
    while (true) {
      const { value, done } = await reader.read()
      if (done) break
      buffered += decoder.decode(value, { stream: true })
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        if (line.trim()) yield line
      }
    }
    if (buffered.trim()) yield buffered
  }
  finally {
    if (!signal?.aborted) await reader.cancel().catch(() => {})
    reader.releaseLock()
  }
}
