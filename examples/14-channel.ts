// Shows:  a bounded channel between a waiter (producer) and two cooks (consumers), with backpressure.
// Run:    npm run server (in another terminal), then: npx tsx examples/14-channel.ts
// Prints: orders going on the rail and eggs served, stamped in ms; 6 eggs, 2 cooks ≈ 3 × EGG_MS.

import type { FryEgg, KitchenClient, Log } from './lib'
import { defineDemos, timedLog } from './lib'
import { isMain, runMain } from './lib/main'

export const idealMs = (ms: number) => 3 * ms

// #region channel
// #region send
/** A queue with room for `capacity` items: send waits while it is full, receive while it is empty. */
export class Channel<T> {
  #items: T[] = []
  #receivers: Array<(next: IteratorResult<T, undefined>) => void> = []
  #senders: Array<() => void> = []
  #closed = false

  constructor(readonly capacity: number) {}

  async send(item: T): Promise<void> {
    while (!this.#closed && this.#items.length >= this.capacity && this.#receivers.length === 0)
      await new Promise<void>(wake => this.#senders.push(wake)) // full: wait for room (backpressure)
    if (this.#closed) throw new Error('send on a closed channel')
    const receiver = this.#receivers.shift()
    if (receiver) receiver({ value: item, done: false }) // someone is waiting: hand it over
    else this.#items.push(item)
  }
  // #endregion send

  // #region receive
  receive(): Promise<IteratorResult<T, undefined>> {
    this.#senders.shift()?.() // room now (or a receiver waiting): wake one sender
    if (this.#items.length > 0) return Promise.resolve({ value: this.#items.shift()!, done: false })
    if (this.#closed) return Promise.resolve({ value: undefined, done: true })
    return new Promise(resolve => this.#receivers.push(resolve))
  }

  close(): void {
    this.#closed = true
    for (const receiver of this.#receivers.splice(0)) receiver({ value: undefined, done: true })
    for (const wake of this.#senders.splice(0)) wake() // a send still waiting for room now throws
  }

  async* [Symbol.asyncIterator]() {
    for (let next = await this.receive(); !next.done; next = await this.receive()) yield next.value
  }
  // #endregion receive
}
// #endregion channel

// #region demo
// #region waiter
export async function kitchenLine(eggs: readonly string[], fry: FryEgg, log: Log, cooks = 2) {
  const rail = new Channel<string>(2) // room for two order tickets
  const waiter = async () => {
    for (const egg of eggs) {
      await rail.send(egg) // waits while the rail is full
      log(`order ${egg} on the rail`)
    }
    rail.close()
  }
  // #endregion waiter
  // #region cooks
  const cook = async (name: string) => {
    for await (const egg of rail) log(`${name} served ${(await fry(egg)).egg}`)
  }
  await Promise.all([waiter(), ...Array.from({ length: cooks }, (_, i) => cook(`cook ${i + 1}`))])
  // #endregion cooks
}
// #endregion demo

export async function main(kitchen: KitchenClient) {
  await kitchenLine(['A', 'B', 'C', 'D', 'E', 'F'], kitchen.fry, timedLog())
}

/** The slide's live demo of this file (`<EggRun demo="…">`): the same function, drawn as it runs. */
export const demos = defineDemos({
  channel: {
    title: 'a channel: 1 waiter, 2 cooks',
    idealMs: ms => 3 * ms,
    eggs: () => [],
    run: ({ tracer, log }) => kitchenLine(['A', 'B', 'C', 'D', 'E', 'F'], tracer.fry, log),
  },
})

if (isMain(import.meta.url)) void runMain(main)
