// Shows:  a race condition on one thread: four cooks read a shared stock, await a fry, then write what they read
//         minus one, so three updates are lost; the fix takes the egg before the await.
// Run:    npm run server (in another terminal), then: npx tsx examples/22-lost-update.ts
// Prints: each cook's read and the stock (11, expected 8), then the fixed run (8) and a locked run (8, in turn); elapsed ≈ 6 × EGG_MS.

import type { FryEgg, KitchenClient, Log } from './lib'
import { defineDemos, stopwatch } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => 6 * ms

export const STOCK = 12
export const COOKS = ['A', 'B', 'C', 'D']

export interface Stock {
  eggs: number
}

// #region demo
export async function fourCooks(stock: Stock, fry: FryEgg, log: Log) {
  await Promise.all(COOKS.map(async (cook) => {
    const seen = stock.eggs // read the shared stock
    log(`cook ${cook} read ${seen}`)
    await fry(cook) // meanwhile, the other cooks run
    stock.eggs = seen - 1 // write from a stale read
  }))
}
// #endregion demo

// #region fixed
export async function fourCooksFixed(stock: Stock, fry: FryEgg, log: Log) {
  await Promise.all(COOKS.map(async (cook) => {
    stock.eggs -= 1 // take one: read and write with no await in between
    log(`cook ${cook} took one, ${stock.eggs} left`)
    await fry(cook)
  }))
}
// #endregion fixed

// #region mutex
/** A lock for async code: callers queue on a promise chain; each runs when the one before it has finished. */
export function mutex() {
  let last: Promise<unknown> = Promise.resolve()
  return <T>(critical: () => Promise<T>): Promise<T> => {
    const turn = last.then(critical)
    last = turn.catch(() => {}) // a failed holder still releases the lock
    return turn
  }
}
// #endregion mutex

/** The other fix: keep the read, the await and the write, but one cook at a time. Correct, and four fries long. */
export async function fourCooksLocked(stock: Stock, fry: FryEgg, log: Log) {
  const locked = mutex()
  await Promise.all(COOKS.map(cook => locked(async () => {
    const seen = stock.eggs
    log(`cook ${cook} read ${seen}`)
    await fry(cook)
    stock.eggs = seen - 1
  })))
}

/** Runs one way of cooking on a fresh stock of 12, then says what is left and what should be. */
export async function fromAFreshStock(cooks: typeof fourCooks, fry: FryEgg, log: Log) {
  const stock: Stock = { eggs: STOCK }
  await cooks(stock, fry, log)
  log(`stock: ${stock.eggs}, expected ${STOCK - COOKS.length}`)
  return stock.eggs
}

export async function main(kitchen: KitchenClient) {
  for (const [name, cooks] of [['shared read across await', fourCooks], ['take it first', fourCooksFixed], ['with a lock', fourCooksLocked]] as const) {
    const since = stopwatch()
    console.log(`${name}:`)
    await fromAFreshStock(cooks, kitchen.fry, line => console.log(`  ${line}`))
    console.log(`  (${since()} ms)`)
  }
}

/** The slides' live demos of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
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
})

if (isMain(import.meta.url)) void runMain(main)
