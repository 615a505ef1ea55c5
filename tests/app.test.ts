// The kitchen's HTTP contract, through app.request(): no port is opened.

import type { KitchenStats } from '../demo-server/kitchen'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, MAX_MS, MAX_STREAM_EGGS } from '../demo-server/app'
import { Kitchen } from '../demo-server/kitchen'

const BASE = 'http://kitchen.test'

function setup(options: { maxInFlight?: number } = {}) {
  const kitchen = new Kitchen(options)
  const app = createApp({ kitchen })
  return { kitchen, app }
}

async function json(res: Response): Promise<any> {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/)
  return res.json()
}

/** Every controller a test makes; aborted after each test so no fry is left on the stove. */
const controllers: AbortController[] = []
function controller(): AbortController {
  const c = new AbortController()
  controllers.push(c)
  return c
}
afterEach(() => {
  for (const c of controllers.splice(0)) c.abort()
})

describe('gET /health', () => {
  it('answers ok', async () => {
    const { app } = setup()
    const res = await app.request('/health')
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({ ok: true })
  })
})

describe('gET /fry/:egg', () => {
  it('waits ms, then answers with the egg and its times', async () => {
    const { app } = setup()
    const before = Date.now()
    const res = await app.request('/fry/A?ms=100')
    const took = Date.now() - before
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body).toEqual({ egg: 'A', ms: 100, startedAt: expect.any(Number), finishedAt: expect.any(Number) })
    expect(took).toBeGreaterThanOrEqual(95)
    expect(took).toBeLessThan(1000)
    expect(body.finishedAt - body.startedAt).toBeGreaterThanOrEqual(95)
    expect(body.startedAt).toBeGreaterThanOrEqual(before)
    expect(body.finishedAt).toBeLessThanOrEqual(Date.now())
  })

  it('accepts ms=0 and egg names of 32 characters of A-Z a-z 0-9 _ -', async () => {
    const { app } = setup()
    const egg = 'Az09_-'.padEnd(32, 'x')
    const res = await app.request(`/fry/${egg}?ms=0`)
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({ egg, ms: 0 })
  })

  it('defaults ms to 2000', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      const { app, kitchen } = setup()
      let settled = false
      const pending = Promise.resolve(app.request('/fry/A')).then((res) => {
        settled = true
        return res
      })
      await vi.advanceTimersByTimeAsync(0)
      expect(kitchen.stats().inFlight).toBe(1)
      await vi.advanceTimersByTimeAsync(1999)
      expect(settled).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      const res = await pending
      expect(res.status).toBe(200)
      const body = await json(res)
      expect(body).toMatchObject({ egg: 'A', ms: 2000 })
      expect(body.finishedAt - body.startedAt).toBe(2000)
    }
    finally {
      vi.useRealTimers()
    }
  })

  it.each(['1', 'true', ''])('burn=%j answers 500 burnt after the same wait', async (burn) => {
    const { app, kitchen } = setup()
    const before = Date.now()
    const res = await app.request(`/fry/B?ms=100&burn=${burn}`)
    expect(Date.now() - before).toBeGreaterThanOrEqual(95)
    expect(res.status).toBe(500)
    expect(await json(res)).toEqual({ error: 'burnt', egg: 'B' })
    expect(kitchen.stats()).toMatchObject({ burnt: 1, served: 0, inFlight: 0 })
  })

  it.each(['0', 'false'])('burn=%j fries normally', async (burn) => {
    const { app } = setup()
    const res = await app.request(`/fry/B?ms=0&burn=${burn}`)
    expect(res.status).toBe(200)
    expect(await json(res)).toMatchObject({ egg: 'B', ms: 0 })
  })

  it('does not block: two 100 ms fries at once take about 100 ms, not 200', async () => {
    const { app, kitchen } = setup()
    const before = Date.now()
    const [a, b] = await Promise.all([app.request('/fry/A?ms=100'), app.request('/fry/B?ms=100')])
    const took = Date.now() - before
    expect([a.status, b.status]).toEqual([200, 200])
    const [x, y] = [await json(a), await json(b)]
    // The two fries overlapped on the stove.
    expect(x.startedAt).toBeLessThan(y.finishedAt)
    expect(y.startedAt).toBeLessThan(x.finishedAt)
    expect(took).toBeGreaterThanOrEqual(95)
    expect(took).toBeLessThan(1000)
    expect(kitchen.stats()).toMatchObject({ maxInFlight: 2, served: 2, inFlight: 0 })
  })

  it('a client abort cancels the fry: counted in cancelled, inFlight back to 0', async () => {
    const { app, kitchen } = setup()
    const c = controller()
    const pending = app.request(new Request(`${BASE}/fry/A?ms=5000`, { signal: c.signal }))
    await vi.waitFor(() => expect(kitchen.stats().inFlight).toBe(1), { timeout: 2000, interval: 5 })
    const before = Date.now()
    c.abort()
    await pending
    expect(Date.now() - before).toBeLessThan(1000)
    expect(kitchen.stats()).toEqual({ inFlight: 0, maxInFlight: 1, served: 0, cancelled: 1, burnt: 0 })
  })
})

describe('gET /fast/:egg', () => {
  it('answers at once with ms 0', async () => {
    const { app, kitchen } = setup()
    const before = Date.now()
    const res = await app.request('/fast/C')
    expect(Date.now() - before).toBeLessThan(500)
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body).toEqual({ egg: 'C', ms: 0, startedAt: expect.any(Number), finishedAt: expect.any(Number) })
    expect(body.finishedAt).toBe(body.startedAt)
    expect(kitchen.stats().inFlight).toBe(0)
  })
})

describe('gET /blocking/:egg', () => {
  it('busy-loops ms, then answers like /fry', async () => {
    const { app, kitchen } = setup()
    const before = Date.now()
    const res = await app.request('/blocking/D?ms=100')
    expect(Date.now() - before).toBeGreaterThanOrEqual(95)
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body).toEqual({ egg: 'D', ms: 100, startedAt: expect.any(Number), finishedAt: expect.any(Number) })
    expect(body.finishedAt - body.startedAt).toBeGreaterThanOrEqual(95)
    expect(kitchen.stats()).toMatchObject({ served: 1, inFlight: 0 })
  })

  it('really blocks: a timer due in 10 ms cannot fire before the loop ends', async () => {
    const { app } = setup()
    const before = Date.now()
    let firedAfter = -1
    const timer = new Promise<void>(r => setTimeout(() => {
      firedAfter = Date.now() - before
      r()
    }, 10))
    const res = await app.request('/blocking/D?ms=100')
    await timer
    expect(res.status).toBe(200)
    expect(firedAfter).toBeGreaterThanOrEqual(95)
  })
})

/** Reads an NDJSON body line by line, recording when each line arrived. */
async function readLines(res: Response, started: number) {
  const lines: { line: any, at: number }[] = []
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    buffer += value
    for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
      lines.push({ line: JSON.parse(buffer.slice(0, nl)), at: Date.now() - started })
      buffer = buffer.slice(nl + 1)
    }
  }
  expect(buffer).toBe('')
  return lines
}

describe('gET /stream', () => {
  it('fries concurrently and writes one NDJSON line per egg in completion order', async () => {
    const { app, kitchen } = setup()
    const eggs = ['A', 'B', 'C']
    const times = [90, 10, 50]
    const expectedOrder = eggs.map((egg, i) => ({ egg, ms: times[i] })).sort((x, y) => x.ms - y.ms).map(e => e.egg)
    expect(expectedOrder).toEqual(['B', 'C', 'A'])

    const started = Date.now()
    const res = await app.request(`/stream?eggs=${eggs.join(',')}&ms=${times.join(',')}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
    const lines = await readLines(res, started)
    const took = Date.now() - started

    expect(lines.map(l => l.line.egg)).toEqual(expectedOrder)
    for (const { line } of lines) {
      expect(line).toEqual({
        egg: line.egg,
        ms: times[eggs.indexOf(line.egg)],
        startedAt: expect.any(Number),
        finishedAt: expect.any(Number),
        outcome: 'served',
      })
      expect(line.finishedAt - line.startedAt).toBeGreaterThanOrEqual(line.ms - 5)
    }
    // Concurrent: the whole stream takes about the longest time, not the sum (150).
    expect(took).toBeGreaterThanOrEqual(85)
    expect(took).toBeLessThan(1000)
    expect(kitchen.stats()).toMatchObject({ inFlight: 0, maxInFlight: 3, served: 3 })
  })

  it('writes each line the moment its egg is done, not all at the end', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      const { app } = setup()
      const res = await app.request('/stream?eggs=A,B,C&ms=90,10,50')
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
      const next = async () => {
        const { value, done } = await reader.read()
        return done ? 'done' : JSON.parse(value).egg
      }
      await vi.advanceTimersByTimeAsync(9)
      let read = next()
      let got: unknown = 'nothing yet'
      void read.then((v) => {
        got = v
      })
      await vi.advanceTimersByTimeAsync(0)
      expect(got).toBe('nothing yet')
      await vi.advanceTimersByTimeAsync(1) // t = 10: B is done
      expect(await read).toBe('B')
      await vi.advanceTimersByTimeAsync(40) // t = 50: C is done
      expect(await next()).toBe('C')
      read = next()
      await vi.advanceTimersByTimeAsync(40) // t = 90: A is done
      expect(await read).toBe('A')
      expect(await next()).toBe('done')
    }
    finally {
      vi.useRealTimers()
    }
  })

  it('uses one ms for every egg, and 2000 by default', async () => {
    const { app, kitchen } = setup()
    const res = await app.request('/stream?eggs=A,B&ms=20')
    const lines = await readLines(res, Date.now())
    expect(lines.map(l => l.line.ms)).toEqual([20, 20])
    expect(lines.map(l => l.line.egg).sort()).toEqual(['A', 'B'])

    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      const res2 = await app.request('/stream?eggs=X')
      expect(res2.status).toBe(200)
      const lines2 = readLines(res2, Date.now())
      await vi.advanceTimersByTimeAsync(1999)
      expect(kitchen.stats().inFlight).toBe(1)
      await vi.advanceTimersByTimeAsync(1)
      expect((await lines2).map(l => l.line)).toEqual([
        { egg: 'X', ms: 2000, startedAt: expect.any(Number), finishedAt: expect.any(Number), outcome: 'served' },
      ])
      expect(kitchen.stats()).toMatchObject({ inFlight: 0, served: 3 })
    }
    finally {
      vi.useRealTimers()
    }
  })

  it('a client abort cancels every egg still on the stove', async () => {
    const { app, kitchen } = setup()
    const c = controller()
    const res = await app.request(new Request(`${BASE}/stream?eggs=A,B,C&ms=5000`, { signal: c.signal }))
    expect(res.status).toBe(200)
    expect(kitchen.stats().inFlight).toBe(3)
    c.abort()
    await vi.waitFor(() => expect(kitchen.stats()).toMatchObject({ inFlight: 0, cancelled: 3, served: 0 }), { timeout: 2000, interval: 5 })
  })

  it('cancelling the body stream cancels the fries', async () => {
    const { app, kitchen } = setup()
    const res = await app.request('/stream?eggs=A,B&ms=5000')
    expect(kitchen.stats().inFlight).toBe(2)
    await res.body!.cancel()
    await vi.waitFor(() => expect(kitchen.stats()).toMatchObject({ inFlight: 0, cancelled: 2 }), { timeout: 2000, interval: 5 })
  })
})

describe('/stats', () => {
  it('counts served, burnt and maxInFlight; DELETE resets and returns the reset stats', async () => {
    const { app } = setup()
    const zero: KitchenStats = { inFlight: 0, maxInFlight: 0, served: 0, cancelled: 0, burnt: 0 }
    expect(await json(await app.request('/stats'))).toEqual(zero)

    await Promise.all([
      app.request('/fry/A?ms=30'),
      app.request('/fry/B?ms=30'),
      app.request('/fry/C?ms=30&burn=1'),
    ])
    await app.request('/fast/D') // /fast does not use the stove
    expect(await json(await app.request('/stats'))).toEqual({ inFlight: 0, maxInFlight: 3, served: 2, cancelled: 0, burnt: 1 })

    const reset = await app.request('/stats', { method: 'DELETE' })
    expect(reset.status).toBe(200)
    expect(await json(reset)).toEqual(zero)
    expect(await json(await app.request('/stats'))).toEqual(zero)
  })

  it('dELETE keeps fries on the stove counted in inFlight and maxInFlight', async () => {
    const { app } = setup()
    const c = controller()
    const pending = app.request(new Request(`${BASE}/fry/A?ms=5000`, { signal: c.signal }))
    await app.request('/fry/B?ms=0')
    const reset = await json(await app.request('/stats', { method: 'DELETE' }))
    expect(reset).toEqual({ inFlight: 1, maxInFlight: 1, served: 0, cancelled: 0, burnt: 0 })
    c.abort()
    await pending
    expect(await json(await app.request('/stats'))).toEqual({ inFlight: 0, maxInFlight: 1, served: 0, cancelled: 1, burnt: 0 })
  })
})

describe('bad input: 400 JSON naming the parameter, never echoing the input', () => {
  const longEgg = 'a'.repeat(33)
  const tooManyEggs = Array.from({ length: MAX_STREAM_EGGS + 1 }, (_, i) => `e${i}`).join(',')
  const hundredEggs = Array.from({ length: MAX_STREAM_EGGS }, (_, i) => `e${i}`).join(',')

  // [what, path, parameter named in the error, raw bad input that must not come back]
  const cases: [string, string, string, string][] = [
    ['egg too long (33)', `/fry/${longEgg}`, 'egg', longEgg],
    ['egg with unicode', `/fry/${encodeURIComponent('épinard')}`, 'egg', 'épinard'],
    ['egg with emoji', `/fry/${encodeURIComponent('🥚')}`, 'egg', '🥚'],
    ['egg <script>', `/fry/${encodeURIComponent('<script>')}`, 'egg', '<script>'],
    ['egg with a space', `/fry/${encodeURIComponent('ba con')}`, 'egg', 'ba con'],
    ['egg with a dot', '/fry/x.y', 'egg', 'x.y'],
    ['egg with a slash (encoded)', `/fry/${encodeURIComponent('x/y')}`, 'egg', 'x/y'],
    ['/fast egg <script>', `/fast/${encodeURIComponent('<script>')}`, 'egg', '<script>'],
    ['/blocking egg too long', `/blocking/${longEgg}`, 'egg', longEgg],
    ['ms=-1', '/fry/A?ms=-1', 'ms', '-1'],
    ['ms=1.5', '/fry/A?ms=1.5', 'ms', '1.5'],
    ['ms=1e3', '/fry/A?ms=1e3', 'ms', '1e3'],
    ['ms=abc', '/fry/A?ms=abc', 'ms', 'abc'],
    ['ms=10001', `/fry/A?ms=${MAX_MS + 1}`, 'ms', String(MAX_MS + 1)],
    ['ms=9999999', '/fry/A?ms=9999999', 'ms', '9999999'],
    ['ms= 5 (spaces)', '/fry/A?ms=%205', 'ms', ' 5'],
    ['ms=0x10', '/fry/A?ms=0x10', 'ms', '0x10'],
    ['ms=<script>', `/fry/A?ms=${encodeURIComponent('<script>')}`, 'ms', '<script>'],
    ['ms empty', '/fry/A?ms=', 'ms', ''],
    ['/blocking ms=abc', '/blocking/A?ms=abc', 'ms', 'abc'],
    ['/blocking ms=10001', '/blocking/A?ms=10001', 'ms', '10001'],
    ['burn=maybe', '/fry/A?ms=0&burn=maybe', 'burn', 'maybe'],
    ['burn=<script>', `/fry/A?ms=0&burn=${encodeURIComponent('<script>')}`, 'burn', '<script>'],
    ['stream with no eggs parameter', '/stream?ms=10', 'eggs', ''],
    ['stream with eggs empty', '/stream?eggs=&ms=10', 'eggs', ''],
    ['stream with 101 eggs', `/stream?eggs=${tooManyEggs}&ms=10`, 'eggs', tooManyEggs],
    ['stream with a bad egg in the list', `/stream?eggs=A,${encodeURIComponent('<script>')},C&ms=10`, 'eggs', '<script>'],
    ['stream with an empty egg in the list', '/stream?eggs=A,,C&ms=10', 'eggs', 'A,,C'],
    ['stream with a trailing comma', '/stream?eggs=A,B,&ms=10', 'eggs', 'A,B,'],
    ['stream with too few ms', '/stream?eggs=A,B,C&ms=10,20', 'ms', '10,20'],
    ['stream with too many ms', '/stream?eggs=A,B&ms=10,20,30', 'ms', '10,20,30'],
    ['stream with a bad ms in the list', '/stream?eggs=A,B&ms=10,abc', 'ms', 'abc'],
    ['stream with ms 10001', '/stream?eggs=A&ms=10001', 'ms', '10001'],
    ['stream with ms empty', '/stream?eggs=A&ms=', 'ms', ''],
  ]

  it.each(cases)('%s', async (_what, path, param, raw) => {
    const { app, kitchen } = setup()
    const res = await app.request(path)
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const text = await res.text()
    const body = JSON.parse(text)
    expect(Object.keys(body)).toEqual(['error'])
    expect(typeof body.error).toBe('string')
    expect(body.error).toMatch(new RegExp(`\\b${param}\\b`))
    if (raw !== '') {
      expect(text).not.toContain(raw)
      expect(text).not.toContain(JSON.stringify(raw).slice(1, -1)) // not even JSON-escaped
    }
    expect(text).not.toContain('<script>')
    expect(kitchen.stats()).toEqual({ inFlight: 0, maxInFlight: 0, served: 0, cancelled: 0, burnt: 0 })
  })

  it.each([
    ['ms', '/fry/A?ms=99999', /0 to 10000/],
    ['egg', `/fry/${longEgg}`, /1 to 32/],
    ['eggs', `/stream?eggs=${tooManyEggs}`, /1 to 100/],
    ['burn', '/fry/A?burn=2', /1 or 0/],
  ])('the %s error states the allowed range', async (_param, path, range) => {
    const { app } = setup()
    const res = await app.request(path)
    expect(res.status).toBe(400)
    expect((await json(res)).error).toMatch(range)
  })

  it('edges are accepted: ms=10000 is valid and 100 stream eggs are fine', async () => {
    const { app } = setup()
    const c = controller()
    const pending = app.request(new Request(`${BASE}/fry/A?ms=${MAX_MS}`, { signal: c.signal }))
    const res = await app.request(`/stream?eggs=${hundredEggs}&ms=0`)
    expect(res.status).toBe(200)
    expect((await readLines(res, Date.now())).length).toBe(MAX_STREAM_EGGS)
    c.abort()
    expect((await pending).status).not.toBe(400)
  })
})

describe('unknown routes and methods', () => {
  it.each(['/', '/nope', '/fry', '/fry/', '/fry/A/B', '/stats/x', '/FRY/A'])('%s answers 404 JSON', async (path) => {
    const { app } = setup()
    const res = await app.request(path)
    expect(res.status).toBe(404)
    expect(typeof (await json(res)).error).toBe('string')
  })

  it('a 404 does not echo the path', async () => {
    const { app } = setup()
    const res = await app.request(`/${encodeURIComponent('<script>')}`)
    expect(res.status).toBe(404)
    expect(await res.text()).not.toContain('<script>')
  })

  it.each([
    ['POST', '/fry/A', 'GET'],
    ['PUT', '/fry/A', 'GET'],
    ['DELETE', '/fry/A', 'GET'],
    ['POST', '/fast/A', 'GET'],
    ['PATCH', '/blocking/A', 'GET'],
    ['POST', '/stream', 'GET'],
    ['DELETE', '/health', 'GET'],
    ['POST', '/stats', 'GET, DELETE'],
    ['PUT', '/stats', 'GET, DELETE'],
  ])('%s %s answers 405 JSON with Allow: %s', async (method, path, allow) => {
    const { app, kitchen } = setup()
    const res = await app.request(path, { method })
    expect(res.status).toBe(405)
    expect(res.headers.get('allow')).toBe(allow)
    expect(typeof (await json(res)).error).toBe('string')
    expect(kitchen.stats().inFlight).toBe(0)
  })
})

describe('the in-flight cap', () => {
  it('answers 503 JSON with Retry-After when full, and frees room when fries end', async () => {
    const { app, kitchen } = setup({ maxInFlight: 2 })
    const c = controller()
    const slow = [
      app.request(new Request(`${BASE}/fry/A?ms=5000`, { signal: c.signal })),
      app.request(new Request(`${BASE}/fry/B?ms=5000`, { signal: c.signal })),
    ]
    await vi.waitFor(() => expect(kitchen.stats().inFlight).toBe(2), { timeout: 2000, interval: 5 })

    for (const path of ['/fry/C?ms=0', '/blocking/C?ms=0', '/stream?eggs=C&ms=0']) {
      const full = await app.request(path)
      expect(full.status, path).toBe(503)
      expect(full.headers.get('retry-after')).toMatch(/^\d+$/)
      expect((await json(full)).error).toMatch(/full/)
    }
    // /fast and /stats never touch the stove.
    expect((await app.request('/fast/C')).status).toBe(200)
    expect(kitchen.stats()).toMatchObject({ inFlight: 2, maxInFlight: 2 })

    c.abort()
    await Promise.all(slow)
    expect(kitchen.stats()).toEqual({ inFlight: 0, maxInFlight: 2, served: 0, cancelled: 2, burnt: 0 })
    expect((await app.request('/fry/C?ms=0')).status).toBe(200)
  })

  it('a stream needs room for all its eggs', async () => {
    const { app, kitchen } = setup({ maxInFlight: 2 })
    const res = await app.request('/stream?eggs=A,B,C&ms=0')
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBeTruthy()
    await json(res)
    const ok = await app.request('/stream?eggs=A,B&ms=0')
    expect(ok.status).toBe(200)
    expect((await readLines(ok, Date.now())).length).toBe(2)
    expect(kitchen.stats()).toMatchObject({ inFlight: 0, served: 2 })
  })

  it('a closed kitchen answers 503 and ends fries on the stove with 503', async () => {
    const { app, kitchen } = setup()
    const pending = app.request('/fry/A?ms=5000')
    await vi.waitFor(() => expect(kitchen.stats().inFlight).toBe(1), { timeout: 2000, interval: 5 })
    kitchen.close()
    const ended = await pending
    expect(ended.status).toBe(503)
    expect(ended.headers.get('retry-after')).toBeTruthy()
    expect((await json(ended)).error).toMatch(/closing/)
    const refused = await app.request('/fry/B?ms=0')
    expect(refused.status).toBe(503)
    expect(kitchen.stats()).toMatchObject({ inFlight: 0, cancelled: 1 })
  })
})

describe('cORS', () => {
  it.each([
    'http://localhost:5173',
    'http://127.0.0.1:3030',
    'http://[::1]:8080',
    'https://localhost',
    'http://localhost',
  ])('allows the loopback origin %s', async (origin) => {
    const { app } = setup()
    const res = await app.request('/health', { headers: { origin } })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe(origin)
  })

  it.each([
    'https://example.com',
    'http://localhost.evil.com',
    'http://evil.com:5173',
    'http://127.0.0.2:3030',
    'file://localhost',
    'null',
  ])('denies the origin %s (no ACAO header, request still answered)', async (origin) => {
    const { app } = setup()
    const res = await app.request('/health', { headers: { origin } })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('no Origin header, no ACAO header', async () => {
    const { app } = setup()
    const res = await app.request('/health')
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('errors carry the ACAO header too, so a page can read them', async () => {
    const { app } = setup()
    const origin = 'http://localhost:5173'
    for (const [path, status] of [['/fry/A?ms=abc', 400], ['/nope', 404], ['/fry/A?ms=0&burn=1', 500]] as const) {
      const res = await app.request(path, { headers: { origin } })
      expect(res.status).toBe(status)
      expect(res.headers.get('access-control-allow-origin')).toBe(origin)
    }
  })

  it('answers a preflight from an allowed origin', async () => {
    const { app } = setup()
    const origin = 'http://127.0.0.1:3030'
    const res = await app.request('/stats', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'DELETE' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe(origin)
    expect(res.headers.get('access-control-allow-methods')).toContain('DELETE')
  })

  it('does not allow a preflight from another origin', async () => {
    const { app } = setup()
    const res = await app.request('/stats', {
      method: 'OPTIONS',
      headers: { 'origin': 'https://example.com', 'access-control-request-method': 'DELETE' },
    })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('who the kitchen answers (DNS rebinding, cross-site pages)', () => {
  it('answers Host headers that name it: loopback names, IP literals and the names it was given', async () => {
    const app = createApp({ allowHosts: ['kitchen.example.org'], allowOrigins: ['https://talk.example.org'] })
    for (const host of ['127.0.0.1:3001', 'localhost:3001', '[::1]:3001', '10.0.0.5:3001', 'kitchen.example.org', 'talk.example.org'])
      expect((await app.request('/health', { headers: { host } })).status, host).toBe(200)
  })

  it('refuses any other Host with a 403 JSON error that does not echo it, on every route', async () => {
    const { app, kitchen } = setup()
    for (const path of ['/health', '/fry/A?ms=0', '/blocking/A?ms=0', '/stats']) {
      const res = await app.request(path, { headers: { host: 'rebind.example:3001' } })
      expect(res.status, path).toBe(403)
      const body = await json(res)
      expect(body.error).toMatch(/host name/)
      expect(JSON.stringify(body)).not.toContain('rebind')
    }
    expect(kitchen.stats()).toMatchObject({ served: 0, inFlight: 0 })
  })

  it('refuses /blocking and DELETE /stats from a page CORS would not admit, before they run', async () => {
    const { app, kitchen } = setup()
    await app.request('/fry/A?ms=0')
    const foreign: Record<string, string>[] = [
      { 'sec-fetch-site': 'cross-site' }, // an <img> on another site: no Origin
      { 'origin': 'https://ads.example', 'sec-fetch-site': 'cross-site' },
      { origin: 'null' },
    ]
    for (const headers of foreign) {
      const started = Date.now()
      const blocked = await app.request('/blocking/A?ms=300', { headers })
      expect(blocked.status).toBe(403)
      expect(Date.now() - started).toBeLessThan(200) // it never spun
      expect((await json(blocked)).error).toMatch(/another site/)
      expect((await app.request('/stats', { method: 'DELETE', headers })).status).toBe(403)
    }
    expect(kitchen.stats()).toMatchObject({ served: 1, maxInFlight: 1 }) // nothing reset, nothing blocked
  })

  it('still takes them from the deck: loopback pages, admitted origins, and tools with no Origin', async () => {
    const app = createApp({ allowOrigins: ['https://talk.example.org'] })
    const deckPages: Record<string, string>[] = [
      {},
      { 'sec-fetch-site': 'same-origin' },
      { 'origin': 'http://localhost:3030', 'sec-fetch-site': 'same-site' },
      { 'origin': 'https://talk.example.org', 'sec-fetch-site': 'cross-site' },
    ]
    for (const headers of deckPages) {
      expect((await app.request('/blocking/A?ms=0', { headers })).status).toBe(200)
      expect((await app.request('/stats', { method: 'DELETE', headers })).status).toBe(200)
    }
  })
})

describe('a long stream', () => {
  it('fries 100 eggs on one listener: no MaxListenersExceededWarning', async () => {
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.name)
    process.on('warning', onWarning)
    try {
      const { app } = setup()
      const eggs = Array.from({ length: MAX_STREAM_EGGS }, (_, i) => `E${i}`)
      const res = await app.request(`/stream?eggs=${eggs.join(',')}&ms=5`, { signal: controller().signal })
      expect((await res.text()).trim().split('\n')).toHaveLength(MAX_STREAM_EGGS)
      await new Promise(resolve => setImmediate(resolve)) // warnings are emitted on the next tick
      expect(warnings).toEqual([])
    }
    finally {
      process.off('warning', onWarning)
    }
  })
})
