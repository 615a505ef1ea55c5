// Every example's demo function, run against a real kitchen on a loopback port with short fries.
// Shapes are checked by structure (how many fries ran at once, in what order) and by time,
// with windows wide enough for a loaded 2-core machine.

import type { RunningKitchen } from '../demo-server/serve'
import type { Fried, FryCallback, FryOptions, KitchenClient, Log } from '../examples/lib'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { listen } from '../demo-server/serve'
import { fryOneEgg } from '../examples/01-one-egg'
import { fryInTurn } from '../examples/02-sequential'
import { fryAllWithCallbacks, fryInTurnWithCallbacks } from '../examples/03-callbacks'
import { fryInALoopWithThen } from '../examples/04-then-in-a-loop'
import { fryInALoopWithAwait } from '../examples/05-await-in-a-loop'
import { fryInTurn as fryInTurnGenerator, run } from '../examples/06-generator-executor'
import { fryAll } from '../examples/07-promise-all'
import { fryAllSettled, ORDERS as SETTLED_ORDERS } from '../examples/08-all-settled'
import { firstEggServed } from '../examples/09-race'
import { burntFastest, firstGoodEgg } from '../examples/10-any'
import { breakfastInTurn, breakfastOrNothing, breakfastTogether, oneBurnsEarly } from '../examples/11-join'
import { fryWithin } from '../examples/12-race-timeout'
import { firstEggThenStop, fryWithDeadline } from '../examples/13-abort'
import { Channel, kitchenLine } from '../examples/14-channel'
import { eatAsTheyCome, eggsOneByOne } from '../examples/15-for-await'
import { fryWithPans, TWELVE_EGGS } from '../examples/16-pans'
import { eatFromTheStream } from '../examples/17-server-stream'
import { fryAllInABlockingKitchen, tickThroughABlock } from '../examples/18-blocking'
import { allOrNothing, breakfastForFour } from '../examples/19-task-group'
import { fryEggAsync } from '../examples/20-callback-bridge'
import { allThree, lineFrom, twoEggsWithAwait, twoEggsWithCallbacks, twoEggsWithThen } from '../examples/24-three-styles'
import { BurntEggError, callbackStyle, kitchenClient, staggeredOrders, stopwatch, traceFries } from '../examples/lib'

const MS = 160
const EGGS = ['A', 'B', 'C', 'D']
/** Slack for a busy machine: timers fire late, never early. */
const SLACK = 400

let running: RunningKitchen
let kitchen: KitchenClient

beforeAll(async () => {
  running = await listen({ port: 0 })
  kitchen = kitchenClient({ url: running.url, ms: MS })
})
beforeEach(async () => {
  await kitchen.settled({ withinMs: 5000 })
  await kitchen.resetStats()
})
afterAll(() => running.close())

/** A Log that collects lines. */
function collect(): { log: Log, lines: string[] } {
  const lines: string[] = []
  return { log: line => lines.push(line), lines }
}

/** Each fry started only after the one before it ended. */
function expectInTurn(lanes: readonly { start: number, end?: number }[]) {
  for (let i = 1; i < lanes.length; i++) expect(lanes[i].start).toBeGreaterThanOrEqual(lanes[i - 1].end!)
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T, ms: number }> {
  const elapsed = stopwatch()
  const value = await work()
  return { value, ms: elapsed() }
}

describe('one egg and sequential', () => {
  it('01 fries one egg for about one fry', async () => {
    const { value, ms } = await timed(() => fryOneEgg(kitchen.fry))
    expect(value.egg).toBe('A')
    expect(value.finishedAt - value.startedAt).toBeGreaterThanOrEqual(MS - 5)
    expect(ms).toBeGreaterThanOrEqual(MS - 5)
    expect(ms).toBeLessThan(MS + SLACK)
  })

  it('02 fries four eggs in turn, about 4×', async () => {
    const tracer = traceFries(kitchen.fry)
    const { value, ms } = await timed(() => fryInTurn(tracer.fry))
    expect(value.map(plate => plate.egg)).toEqual(EGGS)
    expect(tracer.maxRunning).toBe(1)
    expectInTurn(tracer.lanes)
    expect(ms).toBeGreaterThanOrEqual(4 * MS - 5)
    expect(ms).toBeLessThan(4 * MS + SLACK)
  })
})

describe('03 callbacks', () => {
  it('fries all at once and calls done once with the plates in order', async () => {
    const tracer = traceFries(kitchen.fry)
    const calls: Array<[Error | null, Fried[] | undefined]> = []
    await new Promise<void>(resolve => fryAllWithCallbacks(EGGS, callbackStyle(tracer.fry), (err, plates) => {
      calls.push([err, plates])
      resolve()
    }))
    await tracer.idle()
    expect(calls).toHaveLength(1)
    expect(calls[0][0]).toBeNull()
    expect(calls[0][1]!.map(plate => plate.egg)).toEqual(EGGS)
    expect(tracer.maxRunning).toBe(4)
  })

  it('reports the first error once and ignores the rest', async () => {
    const burning: FryCallback = callbackStyle((egg, options) => kitchen.fry(egg, { ...options, burn: egg === 'B' || egg === 'C' }))
    const errors: Error[] = []
    await new Promise<void>((resolve) => {
      fryAllWithCallbacks(EGGS, burning, (err) => {
        errors.push(err!)
      })
      setTimeout(resolve, MS + SLACK) // every callback has come back by now
    })
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(BurntEggError)
  })

  it('the pyramid fries in turn and stops at the first error', async () => {
    const tracer = traceFries((egg, options) => kitchen.fry(egg, { ...options, burn: egg === 'C' }))
    const err = await new Promise<Error | null>(resolve => fryInTurnWithCallbacks(callbackStyle(tracer.fry), resolve))
    expect(err).toBeInstanceOf(BurntEggError)
    expect(tracer.lanes.map(lane => lane.egg)).toEqual(['A', 'B', 'C']) // D never ordered
    expectInTurn(tracer.lanes)
  })
})

describe('the loop trap', () => {
  it('04 .then in a loop returns at once and logs in finishing order, about 1×', async () => {
    const tracer = traceFries(kitchen.fry)
    const { log, lines } = collect()
    const elapsed = stopwatch()
    fryInALoopWithThen(staggeredOrders(MS * 2), tracer.fry, log)
    expect(lines).toEqual(['loop done'])
    await tracer.idle()
    await new Promise(resolve => setTimeout(resolve, 0)) // let the last .then run
    expect(lines).toEqual(['loop done', 'egg B served', 'egg D served', 'egg C served', 'egg A served'])
    expect(tracer.maxRunning).toBe(4)
    expect(elapsed()).toBeLessThan(2 * MS + SLACK)
  })

  it('05 await in a loop logs in order, about 4×', async () => {
    const tracer = traceFries(kitchen.fry)
    const { log, lines } = collect()
    const { ms } = await timed(() => fryInALoopWithAwait(EGGS, tracer.fry, log))
    expect(lines).toEqual(['egg A served', 'egg B served', 'egg C served', 'egg D served', 'loop done'])
    expect(tracer.maxRunning).toBe(1)
    expect(ms).toBeGreaterThanOrEqual(4 * MS - 5)
  })
})

describe('06 generator executor', () => {
  it('drives a generator like an async function', async () => {
    const tracer = traceFries(kitchen.fry)
    const plates = await run(fryInTurnGenerator(EGGS, tracer.fry))
    expect(plates.map(plate => plate.egg)).toEqual(EGGS)
    expectInTurn(tracer.lanes)
  })

  it('throws a rejection into the generator, where try/catch sees it', async () => {
    function* recover(): Generator<Promise<Fried>, string, Fried> {
      try {
        yield kitchen.fry('A', { ms: 10, burn: true })
        return 'not reached'
      }
      catch (err) {
        return `caught: ${(err as Error).message}`
      }
    }
    await expect(run(recover())).resolves.toBe('caught: egg A burnt')
  })

  it('rejects when the generator throws', async () => {
    function* fail(): Generator<Promise<number>, never, number> {
      yield Promise.resolve(1)
      throw new Error('dropped the pan')
    }
    await expect(run(fail())).rejects.toThrow('dropped the pan')
  })
})

describe('combinators', () => {
  it('07 Promise.all fries all four at once, about 1×, results in order', async () => {
    const tracer = traceFries(kitchen.fry)
    const { value, ms } = await timed(() => fryAll(EGGS, tracer.fry))
    expect(value.map(plate => plate.egg)).toEqual(EGGS)
    expect(tracer.maxRunning).toBe(4)
    expect(ms).toBeLessThan(2 * MS + SLACK)
    expect((await kitchen.stats()).maxInFlight).toBe(4)
  })

  it('08 allSettled reports the burnt egg and serves the rest', async () => {
    const tracer = traceFries(kitchen.fry)
    const report = await fryAllSettled(SETTLED_ORDERS, tracer.fry)
    expect(report).toEqual(['egg A: served', 'egg B: served', 'egg C: egg C burnt', 'egg D: served'])
    expect(tracer.lanes.map(lane => lane.outcome)).toEqual(['served', 'served', 'burnt', 'served'])
  })

  it('09 race returns the fastest egg while the losers keep frying', async () => {
    const tracer = traceFries(kitchen.fry)
    const winner = await firstEggServed(staggeredOrders(MS * 2), tracer.fry)
    expect(winner.egg).toBe('B')
    expect(tracer.running).toBe(3)
    await tracer.idle()
    expect(tracer.lanes.every(lane => lane.outcome === 'served')).toBe(true)
  })

  it('10 any returns the first good egg though a burnt one came first', async () => {
    const tracer = traceFries(kitchen.fry)
    const winner = await firstGoodEgg(burntFastest(MS * 2), tracer.fry)
    expect(winner.egg).toBe('D')
    expect(tracer.lanes.find(lane => lane.egg === 'B')!.outcome).toBe('burnt')
    await tracer.idle()
  })

  it('10 any rejects with an AggregateError when every egg burns', async () => {
    const orders = EGGS.map(egg => ({ egg, ms: 10, burn: true }))
    await expect(firstGoodEgg(orders, kitchen.fry)).rejects.toBeInstanceOf(AggregateError)
  })
})

describe('11 join', () => {
  it('two awaits in a row run in turn; Promise.all joins them', async () => {
    const wrong = traceFries(kitchen.fry)
    await breakfastInTurn(wrong.fry)
    expect(wrong.maxRunning).toBe(1)
    const right = traceFries(kitchen.fry)
    await breakfastTogether(right.fry)
    expect(right.maxRunning).toBe(2)
  })

  it('try-join rejects at the first failure without waiting for the rest', async () => {
    const tracer = traceFries(kitchen.fry)
    const elapsed = stopwatch()
    await expect(breakfastOrNothing(oneBurnsEarly(MS * 4), tracer.fry)).rejects.toBeInstanceOf(BurntEggError)
    expect(elapsed()).toBeLessThan(MS * 4)
    expect(tracer.running).toBe(1) // A fries on: nothing cancelled it
    await tracer.idle()
  })
})

describe('select: timeouts and cancellation', () => {
  it('12 the timeout wins the race but the egg keeps frying', async () => {
    const tracer = traceFries(kitchen.fry)
    await expect(fryWithin('A', MS / 2, tracer.fry)).rejects.toThrow(`timed out after ${MS / 2} ms`)
    expect((await kitchen.stats()).inFlight).toBe(1)
    await tracer.idle()
    expect(tracer.lanes[0].outcome).toBe('served')
  })

  it('12 when the egg wins, the timeout\'s timer is cleared, not left pending', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const quickEgg = async (egg: string) => ({ egg, ms: 0, startedAt: 0, finishedAt: 0 })
      await expect(fryWithin('A', 10_000, quickEgg)).resolves.toMatchObject({ egg: 'A' })
      expect(vi.getTimerCount()).toBe(0) // a pending 10 s timer would keep a Node process alive
    }
    finally {
      vi.useRealTimers()
    }
  })

  it('13 aborting the losers stops them in the kitchen', async () => {
    const tracer = traceFries(kitchen.fry)
    const winner = await firstEggThenStop(staggeredOrders(MS * 4), tracer.fry)
    expect(winner.egg).toBe('B')
    const stats = await kitchen.settled()
    expect(stats).toMatchObject({ inFlight: 0, cancelled: 3, served: 1 })
    expect(tracer.lanes.filter(lane => lane.outcome === 'cancelled').map(lane => lane.egg).sort()).toEqual(['A', 'C', 'D'])
  })

  it('13 a deadline signal cancels the fry itself', async () => {
    await expect(fryWithDeadline('A', MS / 2, kitchen.fry)).rejects.toMatchObject({ name: 'TimeoutError' })
    expect(await kitchen.settled()).toMatchObject({ inFlight: 0, cancelled: 1 })
  })
})

describe('14 channel', () => {
  it('send waits while the channel is full, and resumes when a receiver takes one', async () => {
    const channel = new Channel<number>(1)
    await channel.send(1)
    let secondSent = false
    const second = channel.send(2).then(() => {
      secondSent = true
    })
    await new Promise(resolve => setTimeout(resolve, 20))
    expect(secondSent).toBe(false) // backpressure
    expect(await channel.receive()).toEqual({ value: 1, done: false })
    await second
    expect(await channel.receive()).toEqual({ value: 2, done: false })
  })

  it('a zero-capacity channel hands items over directly', async () => {
    const channel = new Channel<string>(0)
    const sent = channel.send('egg')
    expect(await channel.receive()).toEqual({ value: 'egg', done: false })
    await sent
  })

  it('close lets receivers drain what is left, then ends iteration; send after close throws', async () => {
    const channel = new Channel<number>(3)
    await channel.send(1)
    await channel.send(2)
    channel.close()
    const got: number[] = []
    for await (const item of channel) got.push(item)
    expect(got).toEqual([1, 2])
    await expect(channel.send(3)).rejects.toThrow('closed')
  })

  it('close wakes a sender waiting on a full channel: its send rejects instead of waiting for ever', async () => {
    const channel = new Channel<number>(1)
    await channel.send(1)
    const stuck = channel.send(2) // full: waits for room
    channel.close()
    const stillWaiting = new Promise(resolve => setTimeout(resolve, 200, 'still waiting'))
    await expect(Promise.race([stuck, stillWaiting])).rejects.toThrow('send on a closed channel')
    // What was sent before close is still received; the rejected item never entered the channel.
    expect(await channel.receive()).toEqual({ value: 1, done: false })
    expect(await channel.receive()).toEqual({ value: undefined, done: true })
  })

  it('two cooks serve six eggs in about three rounds, never more than two at once', async () => {
    const tracer = traceFries(kitchen.fry)
    const { log, lines } = collect()
    const { ms } = await timed(() => kitchenLine(['A', 'B', 'C', 'D', 'E', 'F'], tracer.fry, log))
    expect(lines.filter(line => line.includes('served'))).toHaveLength(6)
    expect(tracer.maxRunning).toBe(2)
    expect(ms).toBeGreaterThanOrEqual(3 * MS - 5)
    expect(ms).toBeLessThan(3 * MS + SLACK)
  })
})

describe('streams', () => {
  it('15 the async generator is lazy and yields in order', async () => {
    const tracer = traceFries(kitchen.fry)
    const eggs = eggsOneByOne(EGGS, tracer.fry)
    expect(tracer.lanes).toHaveLength(0) // nothing until asked
    expect((await eggs.next()).value?.egg).toBe('A')
    expect(tracer.lanes).toHaveLength(1)
    await eggs.return(undefined)
    const { log, lines } = collect()
    await eatAsTheyCome(EGGS, kitchen.fry, log)
    expect(lines).toEqual(['egg A served', 'egg B served', 'egg C served', 'egg D served'])
  })

  it('16 twelve eggs on three pans: never more than three at once, about four rounds', async () => {
    const tracer = traceFries(kitchen.fry)
    const served: string[] = []
    const { ms } = await timed(async () => {
      for await (const plate of fryWithPans(TWELVE_EGGS, tracer.fry, 3)) served.push(plate.egg)
    })
    expect(served.sort()).toEqual([...TWELVE_EGGS].sort())
    expect(tracer.maxRunning).toBe(3)
    expect(ms).toBeGreaterThanOrEqual(4 * MS - 5)
    expect(ms).toBeLessThan(4 * MS + 2 * SLACK)
  })

  it('16 leaving the loop early takes the other eggs off the stove', async () => {
    const aIsQuick = (egg: string, options?: FryOptions) => kitchen.fry(egg, { ...options, ms: egg === 'A' ? MS : MS * 4 })
    // eslint-disable-next-line no-unreachable-loop -- leaving the loop after the first egg is what this test checks
    for await (const plate of fryWithPans(TWELVE_EGGS, aIsQuick, 3)) {
      expect(plate.egg).toBe('A')
      break
    }
    // B and C were frying, and D went on when A came off: all three are taken off.
    expect(await kitchen.settled()).toMatchObject({ inFlight: 0, cancelled: 3, served: 1 })
  })

  it('17 the server stream yields eggs as they finish', async () => {
    const { log, lines } = collect()
    await eatFromTheStream(kitchen.stream, staggeredOrders(MS * 2), log)
    expect(lines).toEqual(['egg B served', 'egg D served', 'egg C served', 'egg A served'])
  })
})

describe('18 blocking', () => {
  it('a busy loop stalls the ticker for as long as it spins', async () => {
    const { log, lines } = collect()
    const gap = await tickThroughABlock(300, log, 30)
    expect(gap).toBeGreaterThanOrEqual(290)
    expect(lines[0]).toContain(`one gap of ${gap} ms`)
  })

  it('a blocking kitchen serves concurrent orders one at a time', async () => {
    const tracer = traceFries(kitchen.blocking)
    const { value, ms } = await timed(() => fryAllInABlockingKitchen(EGGS, tracer.fry))
    expect(tracer.maxRunning).toBe(4) // the client sent them all at once...
    const kitchenTimes = value.map(plate => [plate.startedAt, plate.finishedAt]).sort((a, b) => a[0] - b[0])
    for (let i = 1; i < kitchenTimes.length; i++) expect(kitchenTimes[i][0]).toBeGreaterThanOrEqual(kitchenTimes[i - 1][1]) // ...the kitchen fried them in turn
    expect(ms).toBeGreaterThanOrEqual(4 * MS - 5)
  })
})

describe('19 task group', () => {
  it('the first failure cancels the siblings, and nothing outlives the scope', async () => {
    const tracer = traceFries(kitchen.fry)
    const orders = staggeredOrders(MS * 4).map(order => ({ ...order, burn: order.egg === 'B' }))
    await expect(breakfastForFour(orders, tracer.fry)).rejects.toBeInstanceOf(BurntEggError)
    expect(tracer.running).toBe(0) // all settled before the scope returned
    expect(await kitchen.settled()).toMatchObject({ inFlight: 0, cancelled: 3, burnt: 1 })
  })

  it('resolves with every result when nothing fails', async () => {
    const results = await allOrNothing([async () => 1, async () => 2])
    expect(results).toEqual([1, 2])
  })
})

describe('20 callback bridge', () => {
  it('resolves with the plate, and rejects with the callback error', async () => {
    const api = callbackStyle((egg, options) => kitchen.fry(egg, { ...options, ms: 10, burn: egg === 'X' }))
    await expect(fryEggAsync(api, 'A')).resolves.toMatchObject({ egg: 'A' })
    await expect(fryEggAsync(api, 'X')).rejects.toBeInstanceOf(BurntEggError)
  })
})

describe('24 three styles', () => {
  const burning = (eggs: string[]) => (egg: string, options?: FryOptions) => kitchen.fry(egg, { ...options, burn: eggs.includes(egg) })
  const styles = [
    ['callbacks', (fry: typeof kitchen.fry, log: Log) => twoEggsWithCallbacks(callbackStyle(fry), log)],
    ['.then chain', twoEggsWithThen],
    ['async/await', twoEggsWithAwait],
  ] as const

  it.each([
    ['nothing burns', [], 'served A and B', [['A', 'served'], ['B', 'served']]],
    ['B burns', ['B'], 'sorry: egg B burnt', [['A', 'served'], ['B', 'burnt']]],
    ['A burns', ['A'], 'sorry: egg A burnt', [['A', 'burnt']]], // B is never ordered
  ] as const)('%s: each style fries in turn, stops at a burnt egg, and logs one line, the same line', async (_, burnt, line, lanes) => {
    for (const [name, style] of styles) {
      const tracer = traceFries(burning([...burnt]))
      const { log, lines } = collect()
      await lineFrom(said => style(tracer.fry, (text) => {
        log(text)
        said(text)
      }))
      await tracer.idle()
      await new Promise(resolve => setTimeout(resolve, 20)) // a second line, if any, would be here by now
      expect(lines, name).toEqual([line])
      expect(tracer.lanes.map(lane => [lane.egg, lane.outcome]), name).toEqual(lanes)
      expect(tracer.maxRunning, name).toBe(1)
      expectInTurn(tracer.lanes)
    }
  })

  it('the promise styles handle the error themselves: what they return resolves, after the line is logged', async () => {
    const { log, lines } = collect()
    await twoEggsWithThen(burning(['A']), log) // a rejection here would fail the test
    expect(lines).toEqual(['sorry: egg A burnt'])
    await twoEggsWithAwait(burning(['B']), log)
    expect(lines).toEqual(['sorry: egg A burnt', 'sorry: egg B burnt'])
  })

  it('run side by side, as main runs them, all three say the same', async () => {
    const tracer = traceFries(kitchen.fry)
    const { value, ms } = await timed(() => allThree(tracer.fry))
    expect(value).toEqual(['served A and B', 'served A and B', 'served A and B'])
    expect(tracer.maxRunning).toBe(3) // the three styles at once, each one egg at a time
    expect(ms).toBeGreaterThanOrEqual(2 * MS - 5)
    expect(ms).toBeLessThan(2 * MS + SLACK)
  })
})
