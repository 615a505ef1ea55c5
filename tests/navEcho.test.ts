// The presenter window's guard against an audience window's late echo of a position (deck/navEcho.ts).
import { describe, expect, it } from 'vitest'
import { createEchoGuard, ECHO_WINDOW_MS } from '../deck/navEcho'

describe('the presenter\'s echo guard', () => {
  it('treats an audience window\'s report of a click the presenter just left as an echo', () => {
    const guard = createEchoGuard()
    // The presenter clicks from 0 to 1 to 2; the audience window's report of 1 arrives after the second click.
    guard.left({ page: 54, clicks: 0 }, 1000)
    guard.left({ page: 54, clicks: 1 }, 1100)
    expect(guard.isEcho({ page: 54, clicks: 1 }, { page: 54, clicks: 2 }, 1200)).toBe(true)
    expect(guard.isEcho({ page: 54, clicks: 0 }, { page: 54, clicks: 2 }, 1200)).toBe(true)
  })

  it('lets an audience window move the deck somewhere the presenter has not just been, or to where it is', () => {
    const guard = createEchoGuard()
    guard.left({ page: 54, clicks: 0 }, 1000)
    // Someone presses the next key in the audience window: the presenter follows.
    expect(guard.isEcho({ page: 54, clicks: 2 }, { page: 54, clicks: 1 }, 1200)).toBe(false)
    expect(guard.isEcho({ page: 55, clicks: 0 }, { page: 54, clicks: 1 }, 1200)).toBe(false)
    expect(guard.isEcho({ page: 54, clicks: 1 }, { page: 54, clicks: 1 }, 1200)).toBe(false)
  })

  it('forgets a position once the window for an echo has passed', () => {
    const guard = createEchoGuard()
    guard.left({ page: 3, clicks: 1 }, 1000)
    expect(guard.isEcho({ page: 3, clicks: 1 }, { page: 3, clicks: 2 }, 1000 + ECHO_WINDOW_MS)).toBe(true)
    expect(guard.isEcho({ page: 3, clicks: 1 }, { page: 3, clicks: 2 }, 1001 + ECHO_WINDOW_MS)).toBe(false)
    guard.left({ page: 3, clicks: 2 }, 5000)
    expect(guard.isEcho({ page: 3, clicks: 1 }, { page: 3, clicks: 3 }, 5001)).toBe(false)
  })

  it('compares positions as numbers, as Slidev sends them as either', () => {
    const guard = createEchoGuard()
    guard.left({ page: '7' as unknown as number, clicks: 0 }, 1000)
    expect(guard.isEcho({ page: 7, clicks: '0' as unknown as number }, { page: 7, clicks: 1 }, 1100)).toBe(true)
  })
})
