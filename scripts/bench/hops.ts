// Child of `npm run bench`: what one hop costs, from an `await` of a resolved promise to a round trip through
// a worker thread. Each hop is timed over many iterations; the median of a few runs is reported.
// Run: node --import tsx scripts/bench/hops.ts --runs 5 --scale 1
// Prints one JSON line: {"hops":[{"id":"await","nsPerHop":…,"iterations":…,"runsNs":[…]}, …]}

import { parseArgs } from 'node:util'
import { MessageChannel, Worker } from 'node:worker_threads'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, scale: { type: 'string', default: '1' } } })
const runs = Number(values.runs)
const scale = Number(values.scale)

type Hop = (n: number) => Promise<number> // resolves with the elapsed ms for n hops

const awaitResolved: Hop = async (n) => {
  const ready = Promise.resolve()
  const t0 = performance.now()
  for (let i = 0; i < n; i++) await ready
  return performance.now() - t0
}

/** A chain of n callbacks, each scheduling the next with `schedule`. */
function chain(schedule: (next: () => void) => void): Hop {
  return n => new Promise((resolve) => {
    let i = 0
    const t0 = performance.now()
    const step = () => (++i === n ? resolve(performance.now() - t0) : schedule(step))
    schedule(step)
  })
}

const microtask = chain(queueMicrotask)
const immediate = chain(next => setImmediate(next))
const timeout0 = chain(next => setTimeout(next, 0))

const messageChannel: Hop = n => new Promise((resolve) => {
  const { port1, port2 } = new MessageChannel()
  port2.on('message', (i: number) => port2.postMessage(i)) // echo
  let i = 0
  const t0 = performance.now()
  port1.on('message', () => {
    if (++i < n) return port1.postMessage(i)
    const elapsed = performance.now() - t0
    port1.close()
    port2.close()
    resolve(elapsed)
  })
  port1.postMessage(i)
})

// The worker sleeps in Atomics.wait until slot 0 changes, then answers in slot 1: a round trip through
// the kernel's futex, with no event loop on either side.
const PONG = `
const { workerData } = require('node:worker_threads')
const a = new Int32Array(workerData)
for (let i = 1; ; i++) {
  Atomics.wait(a, 0, i - 1)
  if (Atomics.load(a, 0) < 0) break
  Atomics.store(a, 1, i)
  Atomics.notify(a, 1)
}`

async function atomicsWorker(): Promise<{ hop: Hop, stop: () => Promise<number> }> {
  const shared = new SharedArrayBuffer(8)
  const a = new Int32Array(shared)
  const worker = new Worker(PONG, { eval: true, workerData: shared })
  await new Promise(resolve => worker.once('online', resolve))
  let sent = 0
  const hop: Hop = async (n) => {
    const t0 = performance.now()
    for (let k = 0; k < n; k++) {
      const i = ++sent
      Atomics.store(a, 0, i)
      Atomics.notify(a, 0)
      // Never spin or sleep forever: an answer out of step, or five empty one-second waits, is an error.
      for (let waits = 0; ;) {
        const got = Atomics.load(a, 1)
        if (got === i) break
        if (got !== i - 1) throw new Error(`worker out of step: pong ${got} for ping ${i}`)
        if (Atomics.wait(a, 1, i - 1, 1000) === 'timed-out' && ++waits === 5) throw new Error(`no answer from the worker to ping ${i}`)
      }
    }
    return performance.now() - t0
  }
  return {
    hop,
    stop: () => {
      Atomics.store(a, 0, -1)
      Atomics.notify(a, 0)
      return worker.terminate()
    },
  }
}

const round1 = (v: number) => Math.round(v * 10) / 10

async function measure(id: string, label: string, hop: Hop, iterations: number, roundTrip: boolean) {
  try {
    await hop(Math.max(10, Math.round(iterations / 10))) // warm up
    const runsNs: number[] = []
    for (let r = 0; r < runs; r++) runsNs.push(((await hop(iterations)) * 1e6) / iterations)
    const sorted = [...runsNs].sort((x, y) => x - y)
    const median = sorted[Math.floor(sorted.length / 2)]
    return { id, label, roundTrip, iterations, nsPerHop: round1(median), runsNs: runsNs.map(round1) }
  }
  catch (err) {
    return { id, label, roundTrip, iterations, nsPerHop: null, runsNs: [], error: (err as Error).message }
  }
}

const n = (base: number) => Math.max(10, Math.round(base * scale))
const worker = await atomicsWorker()
const hops = [
  await measure('await', 'await of a resolved promise', awaitResolved, n(1_000_000), false),
  await measure('queueMicrotask', 'queueMicrotask', microtask, n(1_000_000), false),
  await measure('setImmediate', 'setImmediate', immediate, n(100_000), false),
  await measure('setTimeout0', 'setTimeout(0)', timeout0, n(200), false),
  await measure('messageChannel', 'MessageChannel round trip', messageChannel, n(20_000), true),
  await measure('atomicsWorker', 'worker round trip (Atomics)', worker.hop, n(20_000), true),
]
await worker.stop()
console.log(JSON.stringify({ runs, hops }))
