// The deck's demo engine, run in Node against a real kitchen: every demo completes with its
// expected shape, leaving a run aborts its fries, and a missing kitchen is one readable line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listen, type RunningKitchen } from '../demo-server/serve'
import { kitchenClient } from '../examples/lib'
import { demos } from '../components/demos'
import { runDeadlineMs, runDemo, type RunSnapshot } from '../components/runDemo'

const MS = 120
let running: RunningKitchen

beforeAll(async () => {
  running = await listen({ port: 0 })
})
afterAll(() => running.close())

const run = (demo: string, signal = new AbortController().signal, onUpdate?: (s: RunSnapshot) => void) =>
  runDemo(demo, { url: running.url, ms: MS, signal, onUpdate })

describe('every deck demo', () => {
  it.each(Object.keys(demos))('%s runs to done, no faster than ideal, with every lane closed', async (id) => {
    const updates: RunSnapshot[] = []
    const result = await run(id, undefined, snapshot => updates.push(snapshot))
    expect(result.error).toBeUndefined()
    expect(result.status).toBe('done')
    expect(result.elapsedMs).toBeGreaterThanOrEqual(demos[id].idealMs(MS) * 0.9)
    expect(result.lanes.length).toBeGreaterThanOrEqual(Math.min(1, demos[id].eggs(MS).length))
    expect(result.lanes.every(lane => lane.end !== undefined && lane.outcome !== 'frying')).toBe(true)
    expect(updates.at(-1)).toEqual(result)
    if (demos[id].kitchenView) expect(result.maxInFlight).toBeGreaterThanOrEqual(1)
  })

  it('Promise.all shows four lanes at once, and the kitchen saw four at once', async () => {
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
      fetch: async () => { asked++; throw new Error('no') },
    })
    expect(result).toMatchObject({ status: 'failed', error: '?kitchen= must be an absolute http(s) URL, such as https://kitchen.example.org' })
    expect(asked).toBe(0)
  })

  it('the deadline leaves room for every demo\'s recorded run', async () => {
    const { recordings } = await import('../components/recordings')
    for (const [id, recorded] of Object.entries(recordings.runs))
      expect(recorded!.elapsedMs, id).toBeLessThan(runDeadlineMs(recorded!.idealMs) / 2)
  })
})
