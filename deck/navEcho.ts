// The presenter window's guard against its audience window's echo. Slidev keeps the windows on one slide by
// sharing a position (page and click) that any window on this machine may set. An audience window sets it
// again each time it follows the presenter, and that echo reaches the presenter late: a presenter who clicked
// twice within a round trip gets the first click back and steps back a click. Measured with a presenter and
// an audience window on one dev server: clicks went 1, 2, 1, 2, 1, 2, 3, 4 for four presses, and a press that
// stepped back past a demo's click stopped the demo's run. The presenter window now ignores an audience
// window's report of a position the presenter itself left a moment ago.

export interface NavPosition {
  page: number
  clicks: number
}

/** How long after leaving a position the presenter treats an audience window's report of it as an echo. */
export const ECHO_WINDOW_MS = 2000

const same = (a: NavPosition, b: NavPosition) => +a.page === +b.page && +a.clicks === +b.clicks

export function createEchoGuard(windowMs = ECHO_WINDOW_MS) {
  const left: (NavPosition & { at: number })[] = []
  return {
    /** The presenter moved on from `from`. */
    left(from: NavPosition, now = Date.now()): void {
      left.push({ page: +from.page, clicks: +from.clicks, at: now })
      while (left.length && now - left[0].at > windowMs) left.shift()
    },
    /** Whether an audience window's report of `reported` echoes a position the presenter has left, not a move. */
    isEcho(reported: NavPosition, current: NavPosition, now = Date.now()): boolean {
      if (same(reported, current)) return false
      return left.some(p => same(p, reported) && now - p.at <= windowMs)
    },
  }
}
