// Runs in Slidev's root component, before Slidev adds its own handling of the shared position.
import type { NavPosition } from '../deck/navEcho'
import { sharedState, useNav } from '@slidev/client'
import { defineRootSetup } from '@slidev/types'
import { watch } from 'vue'
import { createEchoGuard } from '../deck/navEcho'
import { onSharedPositionPatch } from '../deck/slidevNavSync'
import { joinRunSync } from '../deck/useRunSync'

/** Slidev's sync settings, as the presenter's toolbar sets them: whether this window follows, and sends. */
function syncs(presenter: boolean, direction: 'Receive' | 'Send'): boolean {
  let directions: Record<string, unknown> = {}
  try {
    directions = JSON.parse(localStorage.getItem('slidev-sync-directions') ?? '{}') as Record<string, unknown>
  }
  catch {}
  if (directions[`${presenter ? 'presenter' : 'viewer'}${direction}`] === false) return false
  // Slidev lets an audience window send its position only when it is served on this machine.
  return direction === 'Receive' || presenter || ['localhost', '127.0.0.1'].includes(location.hostname)
}

/** How long after another window's last report this window checks that it went there. */
const SETTLE_MS = 300
/** How long after a move of its own a window waits for an echo before it names its position again. */
const CONFIRM_MS = 500

type SharedPosition = typeof sharedState

export default defineRootSetup(() => {
  // The demo runs every window shares: joined as the deck starts, so the first slide already knows them.
  joinRunSync()

  const { isPresenter, isPrintMode, hasPrimarySlide, currentSlideNo, clicksContext, go } = useNav()
  const guard = createEchoGuard()
  const self = `echo-guard-${Math.random().toString(36).slice(2, 10)}`
  const here = (): NavPosition => ({ page: +currentSlideNo.value, clicks: +clicksContext.value.current })
  const keyOf = ({ page, clicks }: NavPosition) => `${page}/${clicks}`
  /** Where other windows' reports are moving this one (and since when): following is not a move of its own. */
  const following = new Map<string, number>()
  /** The id Slidev gives this window's reports, so a position this window names again reads as the same window. */
  let slidevId: string | undefined
  let confirm: ReturnType<typeof setTimeout> | undefined
  watch(() => keyOf(here()), (now) => {
    const since = following.get(now)
    if (since !== undefined) {
      // Reached a report's position: it and any report before it are done with.
      for (const [key, at] of following) {
        if (at <= since) following.delete(key)
      }
      return
    }
    following.clear()
    if (isPrintMode.value || !hasPrimarySlide.value) return
    const moved = here()
    guard.moved(moved)
    // Slidev sends this move from its own router hook, which runs after this one: read its id once it has.
    if (!slidevId) {
      setTimeout(() => {
        const last = sharedState.lastUpdate
        const mine = last?.type === (isPresenter.value ? 'presenter' : 'viewer') && Math.abs(Date.now() - last.time) < 1000
        if (!slidevId && mine && !last!.id.startsWith('echo-guard-')) slidevId = last!.id
      })
    }
    // Slidev sends a window's position over a channel that drops a write when another window's arrives within
    // its 10 ms debounce. A move no other window has echoed a moment later is said again, once.
    clearTimeout(confirm)
    confirm = setTimeout(() => {
      if (guard.echoed(moved) || keyOf(here()) !== keyOf(moved)) return
      name(sharedState, moved)
    }, CONFIRM_MS)
  })

  /** Names `position` as this window's in the shared state, which Slidev then sends to the other windows. */
  function name(state: SharedPosition, position: NavPosition) {
    if (!syncs(isPresenter.value, 'Send')) return
    state.page = position.page
    state.clicks = position.clicks
    state.clicksTotal = clicksContext.value.total
    state.lastUpdate = { id: slidevId ?? self, type: isPresenter.value ? 'presenter' : 'viewer', time: Date.now() }
  }
  /**
   * Slidev moves this window on each report as it arrives; two reports a moment apart (two quick presses in the
   * other window) have left it at the first (measured: audience at click 2, presenter at 3). A moment after the
   * last report, this window goes where the last report said, if it is not there.
   */
  let settle: ReturnType<typeof setTimeout> | undefined
  function settleOn(state: SharedPosition, type: string) {
    clearTimeout(settle)
    settle = setTimeout(() => {
      const named = { page: +state.page, clicks: +state.clicks }
      if (state.lastUpdate?.type === type || keyOf(named) === keyOf(here())) return
      following.set(keyOf(named), Date.now())
      void go(named.page, named.clicks, true)
    }, SETTLE_MS)
  }

  // Runs before Slidev's own callback, which would move this window to the position the state names.
  onSharedPositionPatch((state) => {
    const type = isPresenter.value ? 'presenter' : 'viewer'
    if (isPrintMode.value || !hasPrimarySlide.value || !state.lastUpdate || state.lastUpdate.type === type) return
    if (!syncs(isPresenter.value, 'Receive')) return
    const reported = { page: +state.page, clicks: +state.clicks }
    const echo = guard.isEcho(reported, state.lastUpdate.id)
    if (keyOf(reported) === keyOf(here())) return
    if (!echo) {
      following.set(keyOf(reported), Date.now())
      guard.moved(reported, Date.now(), state.lastUpdate.id)
      settleOn(state, type)
      return
    }
    // An echo of a position this window has since left by a press of its own: name this window's position
    // instead. Slidev's callback then stays put, and the other windows, which follow this one, come back to it.
    name(state, here())
  })
})
