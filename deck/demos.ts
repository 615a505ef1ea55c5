// The deck's live demos: each runs an example's exported function, unchanged, with a traced fryEgg.
// Plain .ts so tests can run every demo without mounting a component.

import type { KitchenClient, Log, Tracer } from '../examples/lib'
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
import { firstEggThenStop } from '../examples/13-abort'
import { kitchenLine } from '../examples/14-channel'
import { eatAsTheyCome } from '../examples/15-for-await'
import { fryWithPans, TWELVE_EGGS } from '../examples/16-pans'
import { eatFromTheStream } from '../examples/17-server-stream'
import { fryAllInABlockingKitchen } from '../examples/18-blocking'
import { breakfastForFour } from '../examples/19-task-group'
import { fryEggAsync } from '../examples/20-callback-bridge'
import { COOKS, fourCooks, fourCooksFixed, fromAFreshStock } from '../examples/22-lost-update'
import { callbackStyle, staggeredOrders } from '../examples/lib'

const EGGS = ['A', 'B', 'C', 'D']

export interface DemoContext {
  /** The kitchen, with every request tied to the run (leaving the slide aborts them). */
  kitchen: KitchenClient
  /** The run's tracer: its fry draws the lanes. */
  tracer: Tracer
  /** Lines for the output panel. */
  log: Log
  /** Frying time of one egg, in ms. */
  ms: number
  /** Marks this moment on the timeline (e.g. a timeout firing), on the lanes' clock. */
  mark: (label: string) => void
  /** Call the moment the demo's combinator settles (the race's winner, if an egg won); later calls are ignored. */
  settled: (label: string, winner?: string) => void
}

export interface Demo {
  /** What the run shows, in a few words, for the panel's title. */
  title: string
  /** What a perfect machine would take, in ms. */
  idealMs: (ms: number) => number
  /**
   * For demos whose point is that the first one settles it: when a perfect machine's combinator would
   * settle (the fastest contender), in ms. Its run calls `settled()`, and the panel compares the two.
   */
  settleIdealMs?: (ms: number) => number
  /** Lanes to draw before the run starts, so the timeline has its shape up front. */
  eggs: (ms: number) => string[]
  /** Show the kitchen's own maxInFlight after the run. */
  kitchenView?: boolean
  /** What differs when the in-page kitchen (a static build with no server) runs this demo. */
  inPage?: string
  run: (ctx: DemoContext) => Promise<unknown>
}

function promised(start: (done: (err: Error | null) => void) => void) {
  return new Promise<void>((resolve, reject) => start(err => (err ? reject(err) : resolve())))
}

async function logStats(ctx: DemoContext) {
  const { inFlight, cancelled } = await ctx.kitchen.settled()
  ctx.log(`kitchen: inFlight ${inFlight}, cancelled ${cancelled}`)
}

export const demos: Record<string, Demo> = {
  'one-egg': {
    title: 'one egg',
    idealMs: ms => ms,
    eggs: () => ['A'],
    run: async ({ tracer, log }) => log(`egg ${(await fryOneEgg(tracer.fry)).egg} served`),
  },
  'sequential': {
    title: 'four awaits in a row',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    kitchenView: true,
    run: ({ tracer }) => fryInTurn(tracer.fry),
  },
  'callbacks': {
    title: 'callbacks with a counter',
    idealMs: ms => ms,
    eggs: () => EGGS,
    kitchenView: true,
    run: ({ tracer }) => promised(done => fryAllWithCallbacks(EGGS, callbackStyle(tracer.fry), done)),
  },
  'callbacks-pyramid': {
    title: 'the callback pyramid',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    run: ({ tracer }) => promised(done => fryInTurnWithCallbacks(callbackStyle(tracer.fry), done)),
  },
  'then-in-a-loop': {
    title: '.then in a loop',
    idealMs: ms => ms,
    eggs: () => EGGS,
    run: async ({ tracer, log, ms }) => {
      fryInALoopWithThen(staggeredOrders(ms), tracer.fry, log)
      await tracer.idle()
    },
  },
  'await-in-a-loop': {
    title: 'await in a loop',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    run: ({ tracer, log }) => fryInALoopWithAwait(EGGS, tracer.fry, log),
  },
  'generator-executor': {
    title: 'a generator and run()',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    run: ({ tracer }) => run(fryInTurnGenerator(EGGS, tracer.fry)),
  },
  'promise-all': {
    title: 'Promise.all',
    idealMs: ms => ms,
    eggs: () => EGGS,
    kitchenView: true,
    run: ({ tracer }) => fryAll(EGGS, tracer.fry),
  },
  'all-settled': {
    title: 'Promise.allSettled',
    idealMs: ms => ms,
    eggs: () => EGGS,
    run: async ({ tracer, log }) => (await fryAllSettled(SETTLED_ORDERS, tracer.fry)).forEach(line => log(line)),
  },
  'race': {
    title: 'Promise.race',
    idealMs: ms => ms,
    settleIdealMs: ms => Math.round(ms / 4), // B, the fastest
    eggs: () => EGGS,
    run: async ({ tracer, log, ms, settled }) => {
      const { egg } = await firstEggServed(staggeredOrders(ms), tracer.fry)
      settled('race settled', egg)
      log(`winner: egg ${egg}`)
      await tracer.idle()
    },
  },
  'any': {
    title: 'Promise.any',
    idealMs: ms => ms,
    settleIdealMs: ms => Math.round(ms / 2), // D, the fastest egg that does not burn
    eggs: () => EGGS,
    run: async ({ tracer, log, ms, settled }) => {
      const { egg } = await firstGoodEgg(burntFastest(ms), tracer.fry)
      settled('any settled', egg)
      log(`first good egg: ${egg}`)
      await tracer.idle()
    },
  },
  'join': {
    title: 'join: wrong, then right',
    idealMs: ms => 3 * ms,
    eggs: () => ['A', 'B', 'A', 'B'],
    run: async ({ tracer, log }) => {
      await breakfastInTurn(tracer.fry)
      log(`two awaits: ${tracer.elapsed()} ms`)
      const before = tracer.elapsed()
      await breakfastTogether(tracer.fry)
      log(`Promise.all: ${tracer.elapsed() - before} ms`)
    },
  },
  'try-join': {
    title: 'try-join: the first failure',
    idealMs: ms => ms,
    settleIdealMs: ms => Math.round(ms / 4), // B burns at a quarter
    eggs: () => ['A', 'B'],
    run: async ({ tracer, log, ms, settled }) => {
      await breakfastOrNothing(oneBurnsEarly(ms), tracer.fry).catch((err: Error) => {
        settled('join rejected')
        log(`rejected after ${tracer.elapsed()} ms: ${err.message}`)
      })
      await tracer.idle()
      log(`A was still served at ${tracer.elapsed()} ms: nothing stopped it`)
    },
  },
  'race-timeout': {
    title: 'a race against a timeout',
    idealMs: ms => ms,
    settleIdealMs: ms => Math.round(ms / 2), // the timeout, the faster branch
    eggs: () => ['A'],
    run: async (ctx) => {
      await ctx.kitchen.resetStats()
      await fryWithin('A', Math.round(ctx.ms / 2), ctx.tracer.fry).then(() => ctx.settled('race settled', 'A'), (err: Error) => {
        // Rejected while A is still on the stove: the timeout fired, and its rejection settled the race.
        if (ctx.tracer.running > 0) ctx.mark('timeout')
        ctx.settled('race settled')
        ctx.log(err.message)
      })
      ctx.log(`kitchen: ${(await ctx.kitchen.stats()).inFlight} egg still in flight`)
      await ctx.tracer.idle()
      ctx.log('egg A finished anyway')
    },
  },
  'abort': {
    title: 'race, then abort the losers',
    idealMs: ms => Math.round(ms / 4),
    settleIdealMs: ms => Math.round(ms / 4), // B, the fastest
    eggs: () => EGGS,
    run: async (ctx) => {
      await ctx.kitchen.resetStats()
      const { egg } = await firstEggThenStop(staggeredOrders(ctx.ms), ctx.tracer.fry)
      ctx.settled('race settled', egg)
      ctx.log(`winner: egg ${egg}`)
      await logStats(ctx)
    },
  },
  'channel': {
    title: 'a channel: 1 waiter, 2 cooks',
    idealMs: ms => 3 * ms,
    eggs: () => [],
    run: ({ tracer, log }) => kitchenLine(['A', 'B', 'C', 'D', 'E', 'F'], tracer.fry, log),
  },
  'for-await': {
    title: 'for await over a generator',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    run: ({ tracer, log }) => eatAsTheyCome(EGGS, tracer.fry, log),
  },
  'pans': {
    title: '12 eggs, 3 pans',
    idealMs: ms => 4 * ms,
    eggs: () => TWELVE_EGGS,
    kitchenView: true,
    run: async ({ tracer }) => {
      for await (const _ of fryWithPans(TWELVE_EGGS, tracer.fry, 3)) { /* each plate as it comes */ }
    },
  },
  'server-stream': {
    title: 'the kitchen\'s /stream',
    idealMs: ms => ms,
    eggs: () => EGGS,
    run: async ({ kitchen, tracer, log, ms }) => {
      const orders = staggeredOrders(ms)
      const ends = new Map(orders.map(order => [order.egg, tracer.begin(order.egg)]))
      await eatFromTheStream(kitchen.stream, orders, (line) => {
        ends.get(line.split(' ')[1])?.('served')
        log(line)
      })
    },
  },
  'blocking-kitchen': {
    title: 'Promise.all against /blocking',
    idealMs: ms => 4 * ms,
    eggs: () => EGGS,
    kitchenView: true,
    inPage: 'the kitchen runs on this page\'s own thread, so its blocking fries freeze the page too: the clock stops until they end.',
    run: ({ kitchen, tracer }) => fryAllInABlockingKitchen(EGGS, tracer.wrap(kitchen.blocking)),
  },
  'task-group': {
    title: 'all or nothing: a scope',
    idealMs: ms => Math.round(ms / 4),
    eggs: () => EGGS,
    run: async (ctx) => {
      await ctx.kitchen.resetStats()
      const orders = staggeredOrders(ctx.ms).map(order => ({ ...order, burn: order.egg === 'B' }))
      await breakfastForFour(orders, ctx.tracer.fry).catch((err: Error) => ctx.log(`scope failed: ${err.message}`))
      await logStats(ctx)
    },
  },
  'callback-bridge': {
    title: 'a callback API, promised',
    idealMs: ms => ms,
    eggs: () => EGGS,
    run: ({ tracer }) => Promise.all(EGGS.map(egg => fryEggAsync(callbackStyle(tracer.fry), egg))),
  },
  'browser-pool': {
    title: '12 eggs with Promise.all, from the browser',
    idealMs: ms => ms,
    eggs: () => TWELVE_EGGS,
    kitchenView: true,
    inPage: 'no network, so no limit of 6 connections: all 12 fry at once. Run the kitchen server (npm run server) to see the limit.',
    run: ({ tracer }) => fryAll(TWELVE_EGGS, tracer.fry),
  },
  'lost-update': {
    title: 'four cooks, one shared stock of 12',
    idealMs: ms => ms,
    eggs: () => COOKS,
    run: ({ tracer, log }) => fromAFreshStock(fourCooks, tracer.fry, log),
  },
  'lost-update-fixed': {
    title: 'take the egg before the await',
    idealMs: ms => ms,
    eggs: () => COOKS,
    run: ({ tracer, log }) => fromAFreshStock(fourCooksFixed, tracer.fry, log),
  },
}
