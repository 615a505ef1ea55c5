// The deck's demo engine, run in Node against a real kitchen: every demo completes with its
// expected shape, leaving a run aborts its fries, and a missing kitchen is one readable line.

import type { DemoId } from '../deck/demos'
import type { RunSnapshot } from '../deck/runDemo'
import type { RunningKitchen } from '../demo-server/serve'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demos } from '../deck/demos'
import { runDeadlineMs, runDemo } from '../deck/runDemo'
import { listen } from '../demo-server/serve'
import { kitchenClient } from '../examples/lib'

const MS = 120
let running: RunningKitchen

beforeAll(async () => {
  running = await listen({ port: 0 })
})
afterAll(() => running.close())

describe('the demo registry', () => {
  const root = join(import.meta.dirname, '..')

  it('collects every demo that an example exports, and only those', async () => {
    const files = readdirSync(join(root, 'examples')).filter(file => /^\d.*\.ts$/.test(file))
    const modules = await Promise.all(files.map(file => import(pathToFileURL(join(root, 'examples', file)).href) as Promise<{ demos?: object }>))
    expect(Object.keys(demos).sort()).toEqual(modules.flatMap(module => Object.keys(module.demos ?? {})).sort())
  })

  it('has every demo on some slide, so none is dead weight', () => {
    const pages = readdirSync(join(root, 'pages')).map(file => readFileSync(join(root, 'pages', file), 'utf8')).join('\n')
    const onSlides = new Set([...pages.matchAll(/<EggRun[^>]*\sdemo="([\w-]+)"/g)].map(match => match[1]))
    expect(Object.keys(demos).filter(id => !onSlides.has(id))).toEqual([])
  })
})

function run(demo: DemoId, signal = new AbortController().signal, onUpdate?: (s: RunSnapshot) => void) {
  return runDemo(demo, { url: running.url, ms: MS, signal, onUpdate })
}

describe('every deck demo', () => {
  it.each(Object.keys(demos) as DemoId[])('%s runs to done, no faster than ideal, with every lane closed', async (id) => {
    const updates: RunSnapshot[] = []
    const result = await run(id, undefined, snapshot => updates.push(snapshot))
    expect(result.error).toBeUndefined()
    expect(result.status).toBe('done')
    expect(result.elapsedMs).toBeGreaterThanOrEqual(demos[id].idealMs(MS) * 0.9)
    expect(result.lanes.length).toBeGreaterThanOrEqual(Math.min(1, demos[id].eggs(MS).length))
    expect(result.lanes.every(lane => lane.end !== undefined && lane.outcome !== 'frying')).toBe(true)
    expect(updates.at(-1)).toEqual(result)
    if (demos[id].kitchenView) expect(result.maxInFlight).toBeGreaterThanOrEqual(1)
    // A demo with a settle moment records it from the run; the others record no marks at all.
    if (demos[id].settleIdealMs) {
      expect(result.settledMs).toBeGreaterThanOrEqual(demos[id].settleIdealMs!(MS) * 0.9)
      expect(result.settledMs).toBeLessThanOrEqual(result.elapsedMs)
      expect(result.marks?.filter(mark => mark.settles)).toEqual([{ label: expect.any(String), atMs: result.settledMs, settles: true }])
    }
    else {
      expect(result).not.toHaveProperty('settledMs')
      expect(result).not.toHaveProperty('marks')
    }
  })

  it('promise.all shows four lanes at once, and the kitchen saw four at once', async () => {
    const result = await run('promise-all')
    expect(result.lanes.map(lane => lane.egg)).toEqual(['A', 'B', 'C', 'D'])
    expect(result.maxInFlight).toBe(4)
    expect(result.elapsedMs).toBeLessThan(MS * 2.5)
  })

  it('sequential takes about four fries, one at a time', async () => {
    const result = await run('sequential')
    expect(result.maxInFlight).toBe(1)
    expect(result.elapsedMs).toBeGreaterThanOrEqual(4 * MS - 5)
  })
})

describe('the first one settles it: the run marks the moment', () => {
  // Longer fries than the rest of the file, so B (¼), D (½), C (¾) and A (1×) stay apart on a busy machine.
  const SLOW = 400
  const runSlow = (demo: DemoId) => runDemo(demo, { url: running.url, ms: SLOW, signal: new AbortController().signal })
  const lane = (result: RunSnapshot, egg: string) => result.lanes.find(lane => lane.egg === egg)!
  const stoveBusy = (result: RunSnapshot) => Math.max(...result.lanes.map(lane => lane.end!))

  it('race settles when B, the fastest, is served, well before the losers leave the stove', async () => {
    const result = await runSlow('race')
    expect(result.status).toBe('done')
    expect(result.winner).toBe('B')
    const settled = result.settledMs!
    expect(settled).toBeGreaterThanOrEqual(lane(result, 'B').end!) // B's answer settled it, not a clock
    expect(settled).toBeGreaterThanOrEqual(demos.race.settleIdealMs!(SLOW) * 0.95)
    expect(settled).toBeLessThan(demos.race.settleIdealMs!(SLOW) + 150)
    expect(stoveBusy(result) - settled).toBeGreaterThan(SLOW / 2) // A fries on for nobody
    expect(result.marks).toEqual([{ label: 'race settled', atMs: settled, settles: true }])
  })

  it('the race against a timeout: the timeout mark is at its configured time, it settles the race, and A fries on', async () => {
    const result = await runSlow('race-timeout')
    const limit = Math.round(SLOW / 2)
    const timeout = result.marks?.find(mark => mark.label === 'timeout')
    expect(timeout).toBeDefined()
    expect(timeout!.atMs).toBeGreaterThanOrEqual(limit - 2) // a timer may fire a rounding early
    expect(timeout!.atMs).toBeLessThan(limit + 100)
    expect(result.settledMs).toBeGreaterThanOrEqual(timeout!.atMs)
    expect(result.settledMs).toBeLessThan(timeout!.atMs + 20)
    expect(result.winner).toBeUndefined()
    expect(lane(result, 'A')).toMatchObject({ outcome: 'served' })
    expect(lane(result, 'A').end! - result.settledMs!).toBeGreaterThan(SLOW / 4)
  })

  it('any settles with D, the first good egg, after B burnt', async () => {
    const result = await runSlow('any')
    expect(result.winner).toBe('D')
    expect(lane(result, 'B')).toMatchObject({ outcome: 'burnt' })
    expect(result.settledMs).toBeGreaterThanOrEqual(lane(result, 'D').end!)
    expect(result.settledMs).toBeGreaterThan(lane(result, 'B').end!)
    expect(result.settledMs).toBeLessThan(demos.any.settleIdealMs!(SLOW) + 150)
  })

  it('abort settles like race, but the stove is free right after', async () => {
    const result = await runSlow('abort')
    expect(result.winner).toBe('B')
    expect(result.settledMs).toBeGreaterThanOrEqual(lane(result, 'B').end!)
    expect(result.settledMs).toBeLessThan(demos.abort.settleIdealMs!(SLOW) + 150)
    expect(result.lanes.filter(lane => lane.outcome === 'cancelled').map(lane => lane.egg).sort()).toEqual(['A', 'C', 'D'])
    expect(stoveBusy(result) - result.settledMs!).toBeLessThan(SLOW / 4)
  })

  it('try-join settles when B burns, with no winner, and A is served long after', async () => {
    const result = await runSlow('try-join')
    expect(result.winner).toBeUndefined()
    expect(result.settledMs).toBeGreaterThanOrEqual(lane(result, 'B').end!)
    expect(result.settledMs).toBeLessThan(demos['try-join'].settleIdealMs!(SLOW) + 150)
    expect(lane(result, 'A').end! - result.settledMs!).toBeGreaterThan(SLOW / 2)
  })
})

describe('stopping and failing', () => {
  it('aborting a run cancels its fries in the kitchen', async () => {
    const kitchen = kitchenClient({ url: running.url })
    await kitchen.settled()
    await kitchen.resetStats()
    const controller = new AbortController()
    const pending = runDemo('promise-all', { url: running.url, ms: 5000, signal: controller.signal })
    await new Promise(resolve => setTimeout(resolve, 150))
    controller.abort(new DOMException('left the slide', 'AbortError'))
    const result = await pending
    expect(result.status).toBe('aborted')
    expect(result.lanes.every(lane => lane.outcome === 'cancelled')).toBe(true)
    expect(await kitchen.settled()).toMatchObject({ inFlight: 0, cancelled: 4 })
  })

  it('with no kitchen, the run fails with one line that says what to do', async () => {
    const result = await runDemo('promise-all', {
      url: 'http://127.0.0.1:9',
      ms: MS,
      signal: new AbortController().signal,
    })
    expect(result.status).toBe('failed')
    expect(result.error).toBe('The egg kitchen is not running at http://127.0.0.1:9. Start it with: npm run server (npm run dev starts it too), then run again.')
  })

  it('a kitchen that answers and then hangs is stopped at the deadline with one line, not left frying', async () => {
    const { createServer } = await import('node:http')
    const hung: import('node:http').ServerResponse[] = []
    const server = createServer((req, res) => {
      if (req.url === '/health') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
      hung.push(res) // never answers a fry
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
    try {
      const ms = 1
      const deadline = runDeadlineMs(demos['promise-all'].idealMs(ms))
      const started = Date.now()
      const result = await runDemo('promise-all', { url, ms, signal: new AbortController().signal })
      expect(result.status).toBe('failed')
      expect(result.error).toBe(`The kitchen at ${url} did not answer within ${deadline / 1000} s; the run was stopped.`)
      expect(Date.now() - started).toBeGreaterThanOrEqual(deadline - 50)
      expect(Date.now() - started).toBeLessThan(deadline + 3000)
      expect(result.lanes.every(lane => lane.outcome !== 'frying')).toBe(true)
    }
    finally {
      hung.forEach(res => res.destroy())
      server.close()
    }
  }, 15_000)

  it('a kitchen that cannot be used (a bad ?kitchen=) fails the run at once with its one line, asking nothing', async () => {
    let asked = 0
    const result = await runDemo('promise-all', {
      url: '',
      ms: MS,
      signal: new AbortController().signal,
      problem: '?kitchen= must be an absolute http(s) URL, such as https://kitchen.example.org',
      fetch: async () => {
        asked++
        throw new Error('no')
      },
    })
    expect(result).toMatchObject({ status: 'failed', error: '?kitchen= must be an absolute http(s) URL, such as https://kitchen.example.org' })
    expect(asked).toBe(0)
  })

  it('the deadline leaves room for every demo\'s recorded run', async () => {
    const { recordings } = await import('../deck/recordings')
    for (const [id, recorded] of Object.entries(recordings.runs))
      expect(recorded!.elapsedMs, id).toBeLessThan(runDeadlineMs(recorded!.idealMs) / 2)
  })
})
