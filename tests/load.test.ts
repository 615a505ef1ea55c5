// The kitchen under load, for real: the kitchen and the load client each run as a process of their own, on loopback.
// 2,000 concurrent fries are all served and the stove empties; past --max-in-flight the excess gets 503s, and nothing hangs.

import type { KitchenStats } from '../demo-server/kitchen'
import type { ServerChild } from '../scripts/bench/children'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { KITCHEN_NODE_FLAGS } from '../demo-server/config'
import { ROOT, startServer } from '../scripts/bench/children'
import { sendLoad } from '../scripts/bench/load'

const servers: ServerChild[] = []
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.stop()))
})

async function kitchen(...args: string[]): Promise<ServerChild> {
  const server = await startServer(join(ROOT, 'demo-server', 'serve.ts'), ['--port', '0', '--host', '127.0.0.1', ...args], { nodeFlags: KITCHEN_NODE_FLAGS })
  servers.push(server)
  return server
}

const stats = async (url: string) => await (await fetch(`${url}/stats`)).json() as KitchenStats

/** Polls /stats until `done` holds or `timeoutMs` passes; returns the last stats. */
async function pollStats(url: string, done: (s: KitchenStats) => boolean, timeoutMs = 3000): Promise<KitchenStats> {
  const until = Date.now() + timeoutMs
  let last = await stats(url)
  while (!done(last) && Date.now() < until) {
    await new Promise(resolve => setTimeout(resolve, 50))
    last = await stats(url)
  }
  return last
}

describe('the kitchen under load (child processes on loopback)', { timeout: 60_000 }, () => {
  it('serves 2,000 concurrent fries of 200 ms, and inFlight returns to 0', async () => {
    const { url } = await kitchen()
    const run = await sendLoad(url, 2000, 200, 256)
    expect(run.code, run.stderr).toBe(0)
    const result = run.json!
    expect(result.errors).toEqual({})
    expect(result.statuses).toEqual({ 200: 2000 })
    expect(result.ok).toBe(2000)
    // Concurrent, not one after another: 2,000 × 200 ms in turn would take 400 s.
    expect(result.wallMs).toBeLessThan(20_000)
    const after = await pollStats(url, s => s.inFlight === 0)
    expect(after).toMatchObject({ inFlight: 0, served: 2000, cancelled: 0 })
    expect(after.maxInFlight).toBeGreaterThan(1)
  })

  it('with --max-in-flight 100, 300 fries: the excess gets 503 with Retry-After, the rest are served, nothing hangs', async () => {
    const { url } = await kitchen('--max-in-flight', '100')
    // Fries of 1 s, so the 300 requests all arrive while the first 100 are still on the stove.
    const run = await sendLoad(url, 300, 1000, 256)
    expect(run.code, run.stderr).toBe(0)
    const result = run.json!
    expect(result.errors).toEqual({}) // every request was answered: no resets, no timeouts
    const served = result.statuses['200'] ?? 0
    const full = result.statuses['503'] ?? 0
    expect(served + full).toBe(300)
    expect(served).toBeGreaterThanOrEqual(100)
    expect(full).toBeGreaterThan(0)
    expect(result.retryAfter503).toBe(full)
    expect(result.wallMs).toBeLessThan(15_000)
    const after = await pollStats(url, s => s.inFlight === 0)
    expect(after.inFlight).toBe(0)
    expect(after.maxInFlight).toBeLessThanOrEqual(100)
    expect(after.served).toBe(served)
  })
})
