// Yielding done right, measured in Node: with `await null` between chunks a 0 ms timer waits for all the work;
// with a real yield (setImmediate, a new task) it gets in after one or two chunks.
import { describe, expect, it } from 'vitest'
import { busyFor, immediate, inChunks, microtask, timerDelayDuring } from '../examples/21-yielding'

const CHUNKS = 5
const CHUNK_MS = 40
const ALL = CHUNKS * CHUNK_MS

describe('21 yielding', () => {
  it('busyFor holds the thread for at least its time', () => {
    const start = performance.now()
    busyFor(30)
    expect(performance.now() - start).toBeGreaterThanOrEqual(30)
  })

  it('with await null between chunks, the 0 ms timer waits for the whole work', async () => {
    const { timerMs, workMs } = await timerDelayDuring(microtask, CHUNKS, CHUNK_MS)
    expect(workMs).toBeGreaterThanOrEqual(ALL - 2)
    expect(timerMs).toBeGreaterThanOrEqual(ALL - 2)
    expect(timerMs).toBeGreaterThanOrEqual(workMs) // not one chunk let it in
  })

  it('with setImmediate between chunks, the 0 ms timer runs after one or two chunks, long before the end', async () => {
    const { timerMs, workMs } = await timerDelayDuring(immediate, CHUNKS, CHUNK_MS)
    expect(workMs).toBeGreaterThanOrEqual(ALL - 2)
    expect(timerMs).toBeGreaterThanOrEqual(CHUNK_MS - 2) // the first chunk is synchronous: nothing gets in before it ends
    expect(timerMs).toBeLessThan(2 * CHUNK_MS + 60) // not 5 chunks: at most two, plus a busy machine's slack
  })

  it('a microtask pause lets no task in at all, even one queued before the work', async () => {
    const ran: string[] = []
    setImmediate(() => ran.push('immediate'))
    await inChunks(microtask, 3, 5)
    ran.push('work done')
    await new Promise(resolve => setImmediate(resolve))
    expect(ran).toEqual(['work done', 'immediate'])
  })
})
