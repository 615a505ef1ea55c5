// The frying logic on its own: outcomes, counters, cancellation and close, with fake timers (no sockets, no Hono).

import type { CustomerSignal } from '../demo-server/kitchen'
import { setMaxListeners } from 'node:events'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Kitchen } from '../demo-server/kitchen'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** An AbortSignal that counts its 'abort' listeners, so a test can see none is left behind. */
function countedSignal() {
  const controller = new AbortController()
  const signal = controller.signal
  setMaxListeners(100, signal) // one signal shared by many fries on purpose
  let listeners = 0
  const counted: CustomerSignal = {
    get aborted() { return signal.aborted },
    addEventListener: (type, listener, options) => {
      listeners++
      signal.addEventListener(type, listener, options)
    },
    removeEventListener: (type, listener) => {
      listeners--
      signal.removeEventListener(type, listener)
    },
  }
  return { controller, signal: counted, listeners: () => listeners }
}

describe('kitchen.fry', () => {
  it('serves after exactly `ms`, and counts the fry on the stove meanwhile', async () => {
    const kitchen = new Kitchen()
    let outcome: string | undefined
    void kitchen.fry(1000).then((o) => {
      outcome = o
    })
    expect(kitchen.stats()).toMatchObject({ inFlight: 1, maxInFlight: 1 })
    await vi.advanceTimersByTimeAsync(999)
    expect(outcome).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(outcome).toBe('served')
    expect(kitchen.stats()).toEqual({ inFlight: 0, maxInFlight: 1, served: 1, cancelled: 0, burnt: 0 })
  })

  it('fries many at once: maxInFlight is the peak, and all end together', async () => {
    const kitchen = new Kitchen()
    const fries = Array.from({ length: 50 }, () => kitchen.fry(200))
    expect(kitchen.stats().inFlight).toBe(50)
    await vi.advanceTimersByTimeAsync(200)
    expect(await Promise.all(fries)).toEqual(Array.from({ length: 50 }).fill('served'))
    expect(kitchen.stats()).toEqual({ inFlight: 0, maxInFlight: 50, served: 50, cancelled: 0, burnt: 0 })
  })

  it('burn=true ends burnt, not served', async () => {
    const kitchen = new Kitchen()
    const fry = kitchen.fry(10, { burn: true })
    await vi.advanceTimersByTimeAsync(10)
    expect(await fry).toBe('burnt')
    expect(kitchen.stats()).toMatchObject({ burnt: 1, served: 0, inFlight: 0 })
  })

  it('a customer who leaves mid-fry cancels it at once and frees the timer', async () => {
    const kitchen = new Kitchen()
    const { controller, signal, listeners } = countedSignal()
    const fry = kitchen.fry(5000, { signal })
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(100)
    controller.abort()
    expect(await fry).toBe('cancelled')
    expect(vi.getTimerCount()).toBe(0)
    expect(listeners()).toBe(0)
    expect(kitchen.stats()).toEqual({ inFlight: 0, maxInFlight: 1, served: 0, cancelled: 1, burnt: 0 })
  })

  it('a customer already gone is cancelled without touching the stove', async () => {
    const kitchen = new Kitchen()
    const { controller, signal } = countedSignal()
    controller.abort()
    expect(await kitchen.fry(5000, { signal })).toBe('cancelled')
    expect(vi.getTimerCount()).toBe(0)
    expect(kitchen.stats()).toMatchObject({ inFlight: 0, cancelled: 1 })
  })

  it('a served fry leaves no listener on the customer\'s signal (no leak under load)', async () => {
    const kitchen = new Kitchen()
    const { controller, signal, listeners } = countedSignal()
    const fries = Array.from({ length: 20 }, () => kitchen.fry(10, { signal }))
    expect(listeners()).toBe(20)
    await vi.advanceTimersByTimeAsync(10)
    await Promise.all(fries)
    expect(listeners()).toBe(0)
    // Aborting afterwards changes nothing: every fry has already ended once.
    controller.abort()
    expect(kitchen.stats()).toMatchObject({ served: 20, cancelled: 0 })
  })

  it('blocking fries spin for `ms` and are counted like the rest', async () => {
    vi.useRealTimers()
    const kitchen = new Kitchen()
    const started = performance.now()
    expect(await kitchen.fry(30, { block: true })).toBe('served')
    expect(performance.now() - started).toBeGreaterThanOrEqual(29)
    expect(kitchen.stats()).toEqual({ inFlight: 0, maxInFlight: 1, served: 1, cancelled: 0, burnt: 0 })
  })

  it('resetStats() keeps fries on the stove counted, and they land in the new counters', async () => {
    const kitchen = new Kitchen()
    const fry = kitchen.fry(100)
    expect(kitchen.resetStats()).toEqual({ inFlight: 1, maxInFlight: 1, served: 0, cancelled: 0, burnt: 0 })
    await vi.advanceTimersByTimeAsync(100)
    await fry
    expect(kitchen.stats()).toEqual({ inFlight: 0, maxInFlight: 1, served: 1, cancelled: 0, burnt: 0 })
  })
})

describe('kitchen.close', () => {
  it('ends every fry on the stove as cancelled, frees every timer, and refuses new fries', async () => {
    const kitchen = new Kitchen()
    const { signal, listeners } = countedSignal()
    const fries = [kitchen.fry(5000), kitchen.fry(5000, { signal }), kitchen.fry(5000, { burn: true })]
    expect(vi.getTimerCount()).toBe(3)
    kitchen.close()
    expect(await Promise.all(fries)).toEqual(['cancelled', 'cancelled', 'cancelled'])
    expect(vi.getTimerCount()).toBe(0)
    expect(listeners()).toBe(0)
    expect(kitchen.closed).toBe(true)
    expect(await kitchen.fry(10)).toBe('cancelled')
    expect(kitchen.stats()).toEqual({ inFlight: 0, maxInFlight: 3, served: 0, cancelled: 4, burnt: 0 })
    kitchen.close() // twice is fine
  })
})
