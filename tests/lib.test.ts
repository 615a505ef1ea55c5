// The examples' shared library: the client's error handling, NDJSON splitting, the tracer and the text timeline.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { BurntEggError, formatLanes, kitchenClient, KitchenDownError, KitchenError, ndjsonLines, staggeredOrders, traceFries } from '../examples/lib'
import { DEFAULT_EGG_MS } from '../examples/lib/kitchen-client'
import { isMain, settingsFromEnv } from '../examples/lib/main'

/** A fetch that answers every request with `body`, as `contentType`, with `status`. */
function answering(body: string, contentType: string, status = 200): typeof fetch {
  return async () => new Response(body, { status, headers: { 'content-type': contentType } })
}

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      chunks.forEach(chunk => controller.enqueue(encoder.encode(chunk)))
      controller.close()
    },
  })
}

describe('kitchen client', () => {
  it('treats an HTML page (a static host\'s index.html fallback) as no kitchen', async () => {
    const client = kitchenClient({ url: 'http://k', fetch: answering('<!doctype html><html></html>', 'text/html') })
    await expect(client.fry('A')).rejects.toBeInstanceOf(KitchenDownError)
    await expect(client.health()).rejects.toThrow('The egg kitchen is not running at http://k. Start it with: npm run server')
  })

  it('turns a network failure into KitchenDownError, but an abort into the abort reason', async () => {
    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed')
    }
    await expect(kitchenClient({ url: 'http://k', fetch: refused }).fry('A')).rejects.toBeInstanceOf(KitchenDownError)
    const controller = new AbortController()
    controller.abort(new Error('walked away'))
    const aborted: typeof fetch = async () => {
      throw new DOMException('aborted', 'AbortError')
    }
    await expect(kitchenClient({ url: 'http://k', fetch: aborted }).fry('A', { signal: controller.signal })).rejects.toThrow('walked away')
  })

  it('maps 500 burnt to BurntEggError and other errors to KitchenError with the kitchen\'s message', async () => {
    const burnt = kitchenClient({ url: 'http://k', fetch: answering('{"error":"burnt","egg":"A"}', 'application/json', 500) })
    await expect(burnt.fry('A')).rejects.toBeInstanceOf(BurntEggError)
    const full = kitchenClient({ url: 'http://k', fetch: answering('{"error":"the kitchen is full"}', 'application/json', 503) })
    await expect(full.fry('A')).rejects.toThrow(new KitchenError(503, 'the kitchen is full'))
  })

  it('builds the URL from the default or given time, and escapes the egg', async () => {
    const urls: string[] = []
    const recording: typeof fetch = async (input) => {
      urls.push(String(input))
      return new Response('{"egg":"A","ms":1,"startedAt":0,"finishedAt":1}', { headers: { 'content-type': 'application/json' } })
    }
    const client = kitchenClient({ url: 'http://k/api/', ms: 1500, fetch: recording })
    await client.fry('A')
    await client.fry('a b', { ms: 10, burn: true })
    expect(urls).toEqual(['http://k/api/fry/A?ms=1500', 'http://k/api/fry/a%20b?ms=10&burn=1'])
  })

  it('fries for the deck\'s time by default: one constant, equal to eggMs in slides.md', async () => {
    const urls: string[] = []
    const recording: typeof fetch = async (input) => {
      urls.push(String(input))
      return new Response('{"egg":"A","ms":1,"startedAt":0,"finishedAt":1}', { headers: { 'content-type': 'application/json' } })
    }
    await kitchenClient({ url: 'http://k', fetch: recording }).fry('A')
    const deckMs = Number(readFileSync(new URL('../slides.md', import.meta.url), 'utf8').match(/^eggMs:\s*(\d+)/m)?.[1])
    expect(DEFAULT_EGG_MS).toBe(deckMs)
    expect(urls).toEqual([`http://k/fry/A?ms=${deckMs}`])
    expect(settingsFromEnv({}).ms).toBe(deckMs) // what `npx tsx examples/…` uses with no EGG_MS
  })
})

describe('kitchen client streams', () => {
  it('a stream cut off mid-way is KitchenDownError, not the runtime\'s own word ("terminated")', async () => {
    const encoder = new TextEncoder()
    const dying: typeof fetch = async () => new Response(new ReadableStream({
      start(controller) {
        controller.enqueue(encoder.encode('{"egg":"B","ms":1,"startedAt":0,"finishedAt":1,"outcome":"served"}\n'))
        setTimeout(() => controller.error(new TypeError('terminated')), 10)
      },
    }), { headers: { 'content-type': 'application/x-ndjson' } })
    const seen: string[] = []
    const eat = async () => {
      for await (const plate of kitchenClient({ url: 'http://k', fetch: dying }).stream(['A', 'B'])) seen.push(plate.egg)
    }
    await expect(eat()).rejects.toThrow(new KitchenDownError('http://k'))
    expect(seen).toEqual(['B'])
  })

  it('a consumer that stops early cancels the body', async () => {
    let cancelled = false
    const endless: typeof fetch = async () => new Response(new ReadableStream({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('{"egg":"A","ms":1,"startedAt":0,"finishedAt":1,"outcome":"served"}\n'))
      },
      cancel() { cancelled = true },
    }), { headers: { 'content-type': 'application/x-ndjson' } })
    // eslint-disable-next-line no-unreachable-loop -- stopping after the first line is what this test checks
    for await (const _ of kitchenClient({ url: 'http://k', fetch: endless }).stream(['A'])) break
    expect(cancelled).toBe(true)
  })
})

describe('ndjsonLines', () => {
  it('joins lines split across chunks and skips blank ones', async () => {
    const lines: string[] = []
    for await (const line of ndjsonLines(streamOf('{"a":1}\n{"b"', ':2}\n\n{"c":3}'))) lines.push(line)
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}'])
  })
})

describe('traceFries', () => {
  it('records lanes, counts concurrency and resolves idle when all are done', async () => {
    const tracer = traceFries(async (egg, options) => {
      await new Promise(resolve => setTimeout(resolve, options?.ms ?? 10))
      if (egg === 'X') throw new BurntEggError('X')
      return { egg, ms: 10, startedAt: 0, finishedAt: 10 }
    })
    await tracer.idle() // nothing running yet: resolves at once
    const all = Promise.allSettled([tracer.fry('A', { ms: 20 }), tracer.fry('X', { ms: 5 })])
    expect(tracer.running).toBe(2)
    await tracer.idle()
    await all
    expect(tracer.maxRunning).toBe(2)
    expect(tracer.lanes.map(lane => [lane.egg, lane.outcome])).toEqual([['A', 'served'], ['X', 'burnt']])
    expect(tracer.lanes.every(lane => lane.end! >= lane.start)).toBe(true)
  })
})

describe('formatLanes', () => {
  it('draws one row per lane on a shared axis', () => {
    const text = formatLanes([
      { egg: 'A', start: 0, end: 100, outcome: 'served' },
      { egg: 'B', start: 100, end: 200, outcome: 'burnt' },
    ], 10)
    expect(text.split('\n')).toEqual([
      'A  █████·····    0 → 100 ms  served',
      'B  ·····▓▓▓▓▓  100 → 200 ms  burnt',
    ])
  })
})

describe('helpers', () => {
  it('staggeredOrders finish in the order B D C A', () => {
    const orders = staggeredOrders(400)
    expect([...orders].sort((a, b) => a.ms! - b.ms!).map(order => order.egg)).toEqual(['B', 'D', 'C', 'A'])
  })

  it('isMain is false for a module that was imported, or in a browser', () => {
    expect(isMain(import.meta.url)).toBe(false)
    expect(isMain('http://localhost:3030/examples/01-one-egg.ts')).toBe(false)
  })
})
