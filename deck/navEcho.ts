// A window's guard against the late echo of its own moves. Slidev keeps the windows on one slide by sharing a
// position (page and click) that any window on this machine may set, and every window sets it again each time it
// follows another. That echo arrives late: a presenter who pressed twice within a round trip got the audience
// window's report of the first press after the second, and stepped back a click. Measured with a presenter and an
// audience window on one dev server: four presses went 1, 2, 1, 2, 1, 2, 3, 4, and a step back past a demo's
// click stopped the demo's run. The same happens the other way round when the clicker drives the audience window.
//
// So each window remembers where its own presses took it, and takes another window's first report of each such
// position, within a moment, as that window's echo of it rather than a move. A second report of the same position
// from the same window is a move of its own (someone stepped back there), and is followed.

export interface NavPosition {
  page: number
  clicks: number
}

/** How long after a move of its own a window waits for the other windows' echoes of it. */
export const ECHO_WINDOW_MS = 2000

const same = (a: NavPosition, b: NavPosition) => +a.page === +b.page && +a.clicks === +b.clicks

export function createEchoGuard(windowMs = ECHO_WINDOW_MS) {
  const moves: (NavPosition & { at: number, echoedBy: Set<string> })[] = []
  const forget = (now: number) => {
    while (moves.length && now - moves[0].at > windowMs) moves.shift()
  }
  return {
    /**
     * This window moved to `to`: by a press of its own, or following window `from`'s report, which that window
     * will not echo. Every other window echoes it once (a third window passes on the echo of a move this one
     * only followed).
     */
    moved(to: NavPosition, now = Date.now(), from?: string): void {
      forget(now)
      moves.push({ page: +to.page, clicks: +to.clicks, at: now, echoedBy: new Set(from === undefined ? [] : [from]) })
    },
    /** Whether any other window has echoed this window's latest move to `to`. */
    echoed(to: NavPosition): boolean {
      const move = moves.findLast(m => same(m, to))
      return move !== undefined && move.echoedBy.size > 0
    },
    /**
     * Whether window `from`'s report of `reported` is its echo of one of this window's recent moves. Each window
     * echoes each move once: the first such report is taken as the echo, a second one as a move.
     */
    isEcho(reported: NavPosition, from: string, now = Date.now()): boolean {
      forget(now)
      const move = moves.find(m => same(m, reported) && !m.echoedBy.has(from))
      move?.echoedBy.add(from)
      return move !== undefined
    },
  }
}
