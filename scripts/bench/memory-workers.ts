// Child of `npm run bench`: starts Node worker threads that each just wait, until a cap, a limit or a failure,
// and prints the process's resident memory at checkpoints. It stops by itself; it never tries to exhaust the machine.
// Run: node --import tsx scripts/bench/memory-workers.ts --max 1000 --seconds 60 --min-free-mb 4096
// Prints one JSON line: {"baselineRssKiB":…,"reached":…,"stopReason":"…","checkpoints":[{"n":…,"rssKiB":…}],"msPerWorker":…}

import { readFileSync } from 'node:fs'
import { freemem } from 'node:os'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { Worker } from 'node:worker_threads'

const { values } = parseArgs({
  options: {
    'max': { type: 'string', default: '1000' },
    'seconds': { type: 'string', default: '60' },
    'min-free-mb': { type: 'string', default: '4096' },
    'batch': { type: 'string', default: '16' },
  },
})
const max = Number(values.max)
const deadline = performance.now() + Number(values.seconds) * 1000
const minFreeBytes = Number(values['min-free-mb']) * 1024 * 1024
const batch = Number(values.batch)

/** Memory the kernel could still give (MemAvailable), falling back to os.freemem(). */
function availableBytes(): number {
  try {
    const match = /^MemAvailable:\s+(\d+) kB$/m.exec(readFileSync('/proc/meminfo', 'utf8'))
    if (match) return Number(match[1]) * 1024
  }
  catch {}
  return freemem()
}

// Each worker waits like a task in the post: a timer, here far longer than the run.
const WAITING = 'setTimeout(() => {}, 3_600_000)'
// Caps each worker's heap, so a mistake cannot eat the machine; an idle worker is far below it.
const resourceLimits = { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 }

function startWorker(): Promise<Worker> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WAITING, { eval: true, resourceLimits })
    worker.once('online', () => resolve(worker))
    worker.once('error', reject)
  })
}

const workers: Worker[] = []
const baselineRssKiB = Math.round(process.memoryUsage().rss / 1024)
const checkpoints: { n: number, rssKiB: number }[] = []
const marks = new Set([1, 10, 100, 1000, 10_000, 100_000])
let stopReason = `reached the cap (--workers-max ${max})`
const started = performance.now()

while (workers.length < max) {
  // Batches land exactly on each checkpoint (1, 10, 100, 1000…), so its RSS is for that many workers.
  const nextMark = [...marks].find(n => n > workers.length) ?? Number.POSITIVE_INFINITY
  const size = Math.min(batch, max - workers.length, nextMark - workers.length)
  const results = await Promise.allSettled(Array.from({ length: size }, startWorker))
  for (const result of results) {
    if (result.status === 'fulfilled') workers.push(result.value)
  }
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failure) {
    const reason = failure.reason as NodeJS.ErrnoException | undefined
    stopReason = `a worker failed to start: ${reason?.code ?? reason?.message ?? String(reason)}`
    break
  }
  if (marks.has(workers.length)) checkpoints.push({ n: workers.length, rssKiB: Math.round(process.memoryUsage().rss / 1024) })
  if (availableBytes() < minFreeBytes) {
    stopReason = `memory floor: less than ${values['min-free-mb']} MB available (--workers-min-free-mb)`
    break
  }
  if (performance.now() > deadline) {
    stopReason = `time budget: ${values.seconds} s (--workers-seconds)`
    break
  }
}
const elapsed = performance.now() - started
if (!checkpoints.some(c => c.n === workers.length) && workers.length > 0)
  checkpoints.push({ n: workers.length, rssKiB: Math.round(process.memoryUsage().rss / 1024) })

await Promise.all(workers.map(w => w.terminate()))
console.log(JSON.stringify({
  baselineRssKiB,
  reached: workers.length,
  cap: max,
  stopReason,
  checkpoints,
  msPerWorker: workers.length ? Math.round((elapsed / workers.length) * 10) / 10 : 0,
}))
