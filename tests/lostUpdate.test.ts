// A race condition on one thread, against a real kitchen: four cooks who read the shared stock before an await
// and write after it lose three updates (11, not 8); taking the egg before the await, or a lock, gives 8.

import type { DemoId } from '../deck/demos'
import type { RunningKitchen } from '../demo-server/serve'
import type { Log } from '../examples/lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDemo } from '../deck/runDemo'
import { listen } from '../demo-server/serve'
import { fourCooks, fourCooksFixed, fourCooksLocked, fromAFreshStock, mutex } from '../examples/22-lost-update'
import { kitchenClient, traceFries } from '../examples/lib'

const MS = 150
let running: RunningKitchen

beforeAll(async () => {
  running = await listen({ port: 0 })
})
afterAll(() => running.close())

const run = (demo: DemoId) => runDemo(demo, { url: running.url, ms: MS, signal: new AbortController().signal })

function collect(): { log: Log, lines: string[] } {
  const lines: string[] = []
  return { log: line => lines.push(line), lines }
}

describe('22 lost update, as the deck runs it', () => {
  it('lost-update: all four cooks read 12 before anyone writes, and the stock ends at 11', async () => {
    const result = await run('lost-update')
    expect(result.status).toBe('done')
    expect(result.lines).toEqual(['cook A read 12', 'cook B read 12', 'cook C read 12', 'cook D read 12', 'stock: 11, expected 8'])
    expect(result.lanes.map(lane => lane.egg)).toEqual(['A', 'B', 'C', 'D'])
    expect(result.elapsedMs).toBeLessThan(2.5 * MS) // the fries overlapped: the bug needs that
  })

  it('lost-update-fixed: each cook takes an egg before the await, and the stock ends at 8, still in about one fry', async () => {
    const result = await run('lost-update-fixed')
    expect(result.status).toBe('done')
    expect(result.lines).toEqual([
      'cook A took one, 11 left',
      'cook B took one, 10 left',
      'cook C took one, 9 left',
      'cook D took one, 8 left',
      'stock: 8, expected 8',
    ])
    expect(result.elapsedMs).toBeLessThan(2.5 * MS)
  })
})

describe('22 lost update, the functions', () => {
  it('the bug and the fix leave their own stock object at 11 and 8, and all four fried at once', async () => {
    const kitchen = kitchenClient({ url: running.url, ms: MS })
    for (const [cooks, left] of [[fourCooks, 11], [fourCooksFixed, 8]] as const) {
      const tracer = traceFries(kitchen.fry)
      const stock = { eggs: 12 }
      await cooks(stock, tracer.fry, () => {})
      expect(stock.eggs).toBe(left)
      expect(tracer.maxRunning).toBe(4)
    }
  })

  it('a lock around read, await and write also gives 8, but one cook at a time: about four fries', async () => {
    const kitchen = kitchenClient({ url: running.url, ms: MS })
    const tracer = traceFries(kitchen.fry)
    const { log, lines } = collect()
    const started = performance.now()
    expect(await fromAFreshStock(fourCooksLocked, tracer.fry, log)).toBe(8)
    expect(performance.now() - started).toBeGreaterThanOrEqual(4 * MS - 5)
    expect(tracer.maxRunning).toBe(1)
    expect(lines).toEqual(['cook A read 12', 'cook B read 11', 'cook C read 10', 'cook D read 9', 'stock: 8, expected 8'])
  })

  it('the mutex runs critical sections one after another, in call order, and a failure releases it', async () => {
    const locked = mutex()
    const events: string[] = []
    const section = (name: string, fail = false) => locked(async () => {
      events.push(`${name} in`)
      await new Promise(resolve => setTimeout(resolve, 10))
      events.push(`${name} out`)
      if (fail) throw new Error(`${name} failed`)
      return name
    })
    const results = await Promise.allSettled([section('a'), section('b', true), section('c')])
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out'])
    expect(results.map(r => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
  })
})
