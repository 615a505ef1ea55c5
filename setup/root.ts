// Runs in Slidev's root component, before Slidev adds its own handling of the shared position.
import type { NavPosition } from '../deck/navEcho'
import { useNav } from '@slidev/client'
import { defineRootSetup } from '@slidev/types'
import { watch } from 'vue'
import { createEchoGuard } from '../deck/navEcho'
import { onSharedPositionPatch } from '../deck/slidevNavSync'
import { joinRunSync } from '../deck/useRunSync'

/** Whether this window follows other windows at all (Slidev's sync settings, as the presenter's toolbar sets them). */
function follows(presenter: boolean): boolean {
  try {
    const directions = JSON.parse(localStorage.getItem('slidev-sync-directions') ?? '{}') as Record<string, unknown>
    return directions[presenter ? 'presenterReceive' : 'viewerReceive'] !== false
  }
  catch {
    return true
  }
}

export default defineRootSetup(() => {
  // The demo runs every window shares: joined as the deck starts, so the first slide already knows them.
  joinRunSync()

  const { isPresenter, isPrintMode, hasPrimarySlide, currentSlideNo, clicksContext } = useNav()
  const guard = createEchoGuard()
  const self = `echo-guard-${Math.random().toString(36).slice(2, 10)}`
  const here = (): NavPosition => ({ page: +currentSlideNo.value, clicks: +clicksContext.value.current })
  const keyOf = ({ page, clicks }: NavPosition) => `${page}/${clicks}`
  /** Where the other kind of window's report is moving this one: following it is not a move of this window's own. */
  let following: string | undefined
  watch(() => keyOf(here()), (now) => {
    const followed = now === following
    following = undefined
    if (!followed) guard.moved(here())
  })

  // Runs before Slidev's own callback, which would move this window to the position the state names.
  onSharedPositionPatch((state) => {
    const type = isPresenter.value ? 'presenter' : 'viewer'
    if (isPrintMode.value || !hasPrimarySlide.value || !state.lastUpdate || state.lastUpdate.type === type) return
    if (!follows(isPresenter.value)) return
    const reported = { page: +state.page, clicks: +state.clicks }
    const echo = guard.isEcho(reported, state.lastUpdate.id)
    if (keyOf(reported) === keyOf(here())) return
    if (!echo) {
      following = keyOf(reported)
      return
    }
    // An echo of a position this window has since left by a press of its own: name this window's position
    // instead. Slidev's callback then stays put, and the other windows, which follow this one, come back to it.
    const { page, clicks } = here()
    state.page = page
    state.clicks = clicks
    state.clicksTotal = clicksContext.value.total
    state.lastUpdate = { id: self, type, time: Date.now() }
  })
})
