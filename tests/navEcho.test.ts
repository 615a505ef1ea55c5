// A window's guard against another window's late echo of its own moves (deck/navEcho.ts).
import { describe, expect, it } from 'vitest'
import { createEchoGuard, ECHO_WINDOW_MS } from '../deck/navEcho'

describe('the echo guard', () => {
  it('takes an audience window\'s late report of a click the presenter pressed past as its echo', () => {
    const guard = createEchoGuard()
    // The presenter presses from 0 to 1 to 2; the audience's report of 1 arrives after the second press.
    guard.moved({ page: 54, clicks: 1 }, 1000)
    guard.moved({ page: 54, clicks: 2 }, 1100)
    expect(guard.isEcho({ page: 54, clicks: 1 }, 'audience', 1200)).toBe(true)
    expect(guard.isEcho({ page: 54, clicks: 2 }, 'audience', 1300)).toBe(true)
  })

  it('follows a window that steps back to a click once it has echoed it: that is a move of its own', () => {
    const guard = createEchoGuard()
    guard.moved({ page: 54, clicks: 1 }, 1000)
    guard.moved({ page: 54, clicks: 2 }, 1100)
    expect(guard.isEcho({ page: 54, clicks: 1 }, 'audience', 1200)).toBe(true)
    expect(guard.isEcho({ page: 54, clicks: 2 }, 'audience', 1250)).toBe(true)
    // Someone presses the previous key in the audience window.
    expect(guard.isEcho({ page: 54, clicks: 1 }, 'audience', 1400)).toBe(false)
  })

  it('expects one echo from each window: a second audience window\'s report of the same click is its echo too', () => {
    const guard = createEchoGuard()
    guard.moved({ page: 7, clicks: 1 }, 1000)
    guard.moved({ page: 7, clicks: 2 }, 1050)
    expect(guard.isEcho({ page: 7, clicks: 1 }, 'projector', 1100)).toBe(true)
    expect(guard.isEcho({ page: 7, clicks: 1 }, 'recorder', 1150)).toBe(true)
  })

  it('follows a report of anywhere this window has not just been', () => {
    const guard = createEchoGuard()
    guard.moved({ page: 54, clicks: 1 }, 1000)
    expect(guard.isEcho({ page: 54, clicks: 2 }, 'audience', 1100)).toBe(false)
    expect(guard.isEcho({ page: 55, clicks: 0 }, 'audience', 1100)).toBe(false)
  })

  it('forgets a move once the window for its echoes has passed', () => {
    const guard = createEchoGuard()
    guard.moved({ page: 3, clicks: 1 }, 1000)
    expect(guard.isEcho({ page: 3, clicks: 1 }, 'a', 1000 + ECHO_WINDOW_MS)).toBe(true)
    expect(guard.isEcho({ page: 3, clicks: 1 }, 'b', 1001 + ECHO_WINDOW_MS)).toBe(false)
  })

  it('says whether another window has echoed a move yet, so a move that got lost on the way can be said again', () => {
    const guard = createEchoGuard()
    guard.moved({ page: 3, clicks: 1 }, 1000)
    expect(guard.echoed({ page: 3, clicks: 1 })).toBe(false)
    guard.isEcho({ page: 3, clicks: 1 }, 'audience', 1100)
    expect(guard.echoed({ page: 3, clicks: 1 })).toBe(true)
    // Back to the same click later: a new move, not echoed yet.
    guard.moved({ page: 3, clicks: 2 }, 1200)
    guard.moved({ page: 3, clicks: 1 }, 1300)
    expect(guard.echoed({ page: 3, clicks: 1 })).toBe(false)
  })

  it('compares positions as numbers, as Slidev sends them as either', () => {
    const guard = createEchoGuard()
    guard.moved({ page: '7' as unknown as number, clicks: 0 }, 1000)
    expect(guard.isEcho({ page: 7, clicks: '0' as unknown as number }, 'audience', 1100)).toBe(true)
  })
})
