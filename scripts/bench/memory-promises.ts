// Child of `npm run bench`: starts N async tasks that each wait on a timer, as in Kołaczkowski's
// "How Much Memory Do You Need to Run 1 Million Concurrent Tasks?", and prints its peak RSS.
// Run: node --import tsx scripts/bench/memory-promises.ts --n 100000 --wait-ms 5000
// Prints one JSON line: {"n":…,"waitMs":…,"maxRssKiB":…,"createMs":…,"settledDuringCreate":…,"totalMs":…}
import process from 'node:process'
import { parseArgs } from 'node:util'

const { values } = parseArgs({ options: { 'n': { type: 'string', default: '0' }, 'wait-ms': { type: 'string', default: '5000' } } })
const n = Number(values.n)
const waitMs = Number(values['wait-ms'])

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms))

let settled = 0
/** One waiting task: an async function suspended at an await on a timer. */
async function task() {
  await sleep(waitMs)
  settled++
}

const started = performance.now()
const tasks: Promise<void>[] = []
for (let i = 0; i < n; i++) tasks.push(task())
const createMs = performance.now() - started
// If any task ended before the last one started, they were not all waiting at once.
const settledDuringCreate = settled
await Promise.all(tasks)

console.log(JSON.stringify({
  n,
  waitMs,
  maxRssKiB: process.resourceUsage().maxRSS,
  createMs: Math.round(createMs),
  settledDuringCreate,
  totalMs: Math.round(performance.now() - started),
}))
