// The egg kitchen's HTTP face: routes, validation and JSON errors. It never listens (serve.ts does).

import type { Context } from 'hono'
import type { CustomerSignal } from './kitchen.ts'
import { Hono } from 'hono'
import { cors } from 'hono/cors'
import { HTTPException } from 'hono/http-exception'
import { Kitchen } from './kitchen.ts'
import { foreignPage, isAllowedHost, isLoopbackOrigin } from './trust.ts'

export { isLoopbackOrigin }

export const DEFAULT_MS = 2000
export const MAX_MS = 10_000
export const MAX_STREAM_EGGS = 100
const EGG_NAME = /^[\w-]{1,32}$/
const WHOLE_NUMBER = /^\d{1,6}$/

/** A 4xx/5xx with the one JSON error shape every route uses. */
function fail(status: 400 | 403 | 405 | 503, error: string, headers?: Record<string, string>): never {
  throw new HTTPException(status, {
    res: new Response(JSON.stringify({ error }), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    }),
  })
}

function parseEgg(value: string | undefined, name = 'egg'): string {
  if (value === undefined || !EGG_NAME.test(value))
    fail(400, `${name} must be 1 to 32 characters of A-Z, a-z, 0-9, _ or -`)
  return value
}

function parseMs(value: string | undefined, name = 'ms'): number {
  if (value === undefined) return DEFAULT_MS
  const ms = WHOLE_NUMBER.test(value) ? Number(value) : Number.NaN
  if (!(ms >= 0 && ms <= MAX_MS)) fail(400, `${name} must be a whole number of milliseconds from 0 to ${MAX_MS}`)
  return ms
}

function parseFlag(value: string | undefined, name: string): boolean {
  if (value === undefined || value === '0' || value === 'false') return false
  if (value === '' || value === '1' || value === 'true') return true
  fail(400, `${name} must be 1 or 0`)
}

function ensureRoom(kitchen: Kitchen, count = 1): void {
  if (kitchen.closed) fail(503, 'the kitchen is closing', { 'retry-after': '1' })
  if (!kitchen.hasRoom(count))
    fail(503, `the kitchen is full: at most ${kitchen.capacity} fr${kitchen.capacity === 1 ? 'y' : 'ies'} at once`, { 'retry-after': '1' })
}

function methodNotAllowed(allow: string) {
  return (c: Context) => {
    c.header('allow', allow)
    return c.json({ error: `method ${c.req.method} is not allowed here; use ${allow}` }, 405)
  }
}

export interface AppOptions {
  /** The kitchen to fry in; a fresh one by default. */
  kitchen?: Kitchen
  /** Extra origins allowed by CORS besides loopback pages. */
  allowOrigins?: string[]
  /**
   * Host names the kitchen answers to besides loopback names and IP literals (a request that names
   * another host is refused: that is how a DNS-rebinding page would arrive). A request with no Host
   * header (the in-page kitchen's) is not from the network and is answered.
   */
  allowHosts?: string[]
  /**
   * The signal that a customer waiting on /fry has left. By default the request's own AbortSignal;
   * a server may pass something cheaper that it knows about (serve.ts does, for Node).
   */
  customerSignal?: (c: Context) => CustomerSignal
}

export function createApp(options: AppOptions = {}) {
  const kitchen = options.kitchen ?? new Kitchen()
  const extraOrigins = new Set(options.allowOrigins ?? [])
  const extraHosts = [...(options.allowHosts ?? []), ...[...extraOrigins].map(origin => new URL(origin).hostname)]
  const admits = (origin: string) => isLoopbackOrigin(origin) || extraOrigins.has(origin)
  const customerSignal = options.customerSignal ?? ((c: Context) => c.req.raw.signal)

  const withCors = cors({
    origin: origin => (admits(origin) ? origin : null),
    allowMethods: ['GET', 'HEAD', 'DELETE'],
    exposeHeaders: ['Retry-After', 'Allow'],
    maxAge: 600,
  })

  /** For routes that block the kitchen or change its state: a page CORS would not admit must not even start them. */
  const fromTrustedPage = (c: Context, next: () => Promise<void>) => {
    if (foreignPage({ origin: c.req.header('origin'), fetchSite: c.req.header('sec-fetch-site') }, admits))
      fail(403, 'the kitchen does not take this from a page on another site; serve the deck from this machine or start the kitchen with --allow-origin')
    return next()
  }

  let lastGoodHost: string | undefined
  const app = new Hono()
    .use((c, next) => {
      const host = c.req.header('host')
      if (host !== undefined && host !== lastGoodHost) {
        if (!isAllowedHost(host, extraHosts)) fail(403, 'the kitchen does not answer to that host name; add it with --allow-host')
        lastGoodHost = host // every request names the same host: parse it once
      }
      return next()
    })
    // CORS only for requests that carry an Origin (browsers). Run on every request, it threw and caught a
    // TypeError in isLoopbackOrigin('') and set a header before the handler, which sent every answer down
    // Hono's slow path (a ReadableStream body): under 10k concurrent fries it cost ~40% of the kitchen's CPU.
    .use((c, next) => (c.req.header('origin') === undefined ? next() : withCors(c, next)))
    .get('/health', c => c.json({ ok: true }))
    .get('/fry/:egg', async (c) => {
      const egg = parseEgg(c.req.param('egg'))
      const ms = parseMs(c.req.query('ms'))
      const burn = parseFlag(c.req.query('burn'), 'burn')
      ensureRoom(kitchen)
      const startedAt = Date.now()
      const outcome = await kitchen.fry(ms, { signal: customerSignal(c), burn })
      // Only a closing kitchen's answer is ever read: a customer who aborted has gone.
      if (outcome === 'cancelled') fail(503, 'the kitchen is closing', { 'retry-after': '1' })
      if (outcome === 'burnt') return c.json({ error: 'burnt', egg }, 500)
      return c.json({ egg, ms, startedAt, finishedAt: Date.now() })
    })
    .get('/fast/:egg', (c) => {
      const egg = parseEgg(c.req.param('egg'))
      const now = Date.now()
      return c.json({ egg, ms: 0, startedAt: now, finishedAt: now })
    })
    .get('/blocking/:egg', fromTrustedPage, async (c) => {
      const egg = parseEgg(c.req.param('egg'))
      const ms = parseMs(c.req.query('ms'))
      ensureRoom(kitchen)
      const startedAt = Date.now()
      await kitchen.fry(ms, { block: true })
      return c.json({ egg, ms, startedAt, finishedAt: Date.now() })
    })
    .get('/stream', (c) => {
      const eggsParam = c.req.query('eggs')
      if (!eggsParam) fail(400, `eggs must be a comma-separated list of 1 to ${MAX_STREAM_EGGS} eggs`)
      const eggs = eggsParam.split(',')
      if (eggs.length > MAX_STREAM_EGGS) fail(400, `eggs must list 1 to ${MAX_STREAM_EGGS} eggs`)
      eggs.forEach(egg => parseEgg(egg, 'each egg in eggs'))
      const msList = (c.req.query('ms') ?? String(DEFAULT_MS)).split(',').map(v => parseMs(v))
      if (msList.length !== 1 && msList.length !== eggs.length)
        fail(400, `ms must be one time for all eggs or one per egg (${eggs.length})`)
      ensureRoom(kitchen, eggs.length)
      return streamFries(kitchen, eggs, msList, c.req.raw.signal)
    })
    .get('/stats', c => c.json(kitchen.stats()))
    .delete('/stats', fromTrustedPage, c => c.json(kitchen.resetStats()))
    .all('/health', methodNotAllowed('GET'))
    .all('/fry/:egg', methodNotAllowed('GET'))
    .all('/fast/:egg', methodNotAllowed('GET'))
    .all('/blocking/:egg', methodNotAllowed('GET'))
    .all('/stream', methodNotAllowed('GET'))
    .all('/stats', methodNotAllowed('GET, DELETE'))

  app.notFound(c => c.json({ error: 'no such route; the kitchen has /fry/:egg, /fast/:egg, /blocking/:egg, /stream, /stats and /health' }, 404))
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse()
    console.error(`kitchen: ${err instanceof Error ? err.message : String(err)}`)
    return c.json({ error: 'the kitchen had an accident; see its log' }, 500)
  })
  return app
}

/**
 * One NDJSON line per egg, written the moment that egg is done; all eggs fry at once.
 * If the kitchen closes mid-stream, the remaining lines say `"outcome":"cancelled"` and the stream ends.
 */
function streamFries(kitchen: Kitchen, eggs: string[], msList: number[], clientSignal: AbortSignal): Response {
  const stop = new AbortController()
  const signal = AbortSignal.any([stop.signal, clientSignal])
  const customer = new SharedSignal(signal)
  const encoder = new TextEncoder()
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let left = eggs.length
      eggs.forEach(async (egg, i) => {
        const ms = msList.length === 1 ? msList[0] : msList[i]
        const startedAt = Date.now()
        const outcome = await kitchen.fry(ms, { signal: customer })
        if (signal.aborted) return // the customer left: nobody reads on
        controller.enqueue(encoder.encode(`${JSON.stringify({ egg, ms, startedAt, finishedAt: Date.now(), outcome })}\n`))
        if (--left === 0) controller.close()
      })
    },
    cancel() {
      stop.abort(new Error('the customer left'))
    },
  })
  return new Response(body, {
    headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' },
  })
}

/**
 * One customer for all of a stream's fries: a single listener on the request's signal, however many eggs
 * (an AbortSignal warns past 10 listeners in Node, and each is work on abort).
 */
class SharedSignal implements CustomerSignal {
  readonly #listeners = new Set<EventListenerObject>()

  constructor(readonly signal: AbortSignal) {
    signal.addEventListener('abort', () => {
      for (const listener of [...this.#listeners]) listener.handleEvent(new Event('abort'))
    }, { once: true })
  }

  get aborted(): boolean {
    return this.signal.aborted
  }

  addEventListener(_type: 'abort', listener: EventListenerObject): void {
    this.#listeners.add(listener)
  }

  removeEventListener(_type: 'abort', listener: EventListenerObject): void {
    this.#listeners.delete(listener)
  }
}

export type KitchenApp = ReturnType<typeof createApp>
