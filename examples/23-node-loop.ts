// Shows:  Node's own loop: nextTick before promise jobs and setImmediate before a 0 ms timer, inside an I/O callback;
//         then libuv's thread pool, which fs and crypto share: 4 threads unless UV_THREADPOOL_SIZE says otherwise.
// Run:    npx tsx examples/23-node-loop.ts   (no kitchen needed; try UV_THREADPOOL_SIZE=5 in front)
// Prints: the I/O callback's five lines, then how many of 4 slow hashes finished before a file read did; elapsed: the hashes' time.

import type { Log } from './lib'
import { pbkdf2 } from 'node:crypto'
import { readFile } from 'node:fs'
import { readFile as readFileAsync } from 'node:fs/promises'
import { promisify } from 'node:util'
import { stopwatch } from './lib'
import { isMain, runAlone } from './lib/main'

/** No fries, and the hashes take what this machine's cores make of them: there is no ideal time to compare with. */
export const idealMs = () => 0

/** A million rounds of PBKDF2-SHA256: a few hundred ms on one core, long enough to hold a pool thread. */
export const HASH_ITERATIONS = 1_000_000

// #region demo
export function insideAnIOCallback(log: Log, done: () => void) {
  readFile(new URL(import.meta.url), () => { // an I/O callback
    setTimeout(() => { log('setTimeout 0'); done() }, 0)
    setImmediate(() => log('setImmediate'))
    Promise.resolve().then(() => log('promise'))
    process.nextTick(() => log('nextTick'))
    log('I/O callback')
  })
}
// #endregion demo

const hash = promisify(pbkdf2)

// #region pool
export async function readBehindHashes(hashes = 4, iterations = HASH_ITERATIONS) {
  const since = stopwatch()
  const hashedAt: number[] = []
  const hashing = Array.from({ length: hashes }, () =>
    hash('egg', 'salt', iterations, 32, 'sha256').then(() => hashedAt.push(since())))
  await readFileAsync(new URL(import.meta.url)) // fs needs a thread from the same pool
  const readMs = since()
  await Promise.all(hashing)
  return { readMs, hashedBefore: hashedAt.filter(at => at <= readMs).length, hashesMs: since() }
}
// #endregion pool

export async function main(log: Log = line => console.log(line)) {
  await new Promise<void>(done => insideAnIOCallback(log, done))
  const { readMs, hashedBefore, hashesMs } = await readBehindHashes()
  const pool = process.env.UV_THREADPOOL_SIZE ? `UV_THREADPOOL_SIZE=${process.env.UV_THREADPOOL_SIZE}` : 'the default pool of 4'
  log(`with ${pool}: the file read finished after ${hashedBefore} of the 4 hashes (read ${readMs} ms, all hashes ${hashesMs} ms)`)
}

if (isMain(import.meta.url)) void runAlone(main)
