// Runs in Slidev's root component, before Slidev adds its own handling of the shared position.
import { useNav } from '@slidev/client'
import { defineRootSetup } from '@slidev/types'
import { watch } from 'vue'
import { createEchoGuard } from '../deck/navEcho'
import { onSharedPositionPatch } from '../deck/slidevNavSync'

export default defineRootSetup(() => {
  const { isPresenter, currentSlideNo, clicksContext } = useNav()
  const guard = createEchoGuard()
  const here = () => ({ page: currentSlideNo.value, clicks: clicksContext.value.current })
  watch(here, (_now, before) => {
    if (isPresenter.value) guard.left(before)
  })
  // Runs before Slidev's own callback, which would move this window to the position the state names.
  onSharedPositionPatch((state) => {
    if (!isPresenter.value || state.lastUpdate?.type !== 'viewer') return
    if (!guard.isEcho({ page: state.page, clicks: state.clicks }, here())) return
    // Name this window's position instead, as the presenter's: Slidev's callback then stays put, and the
    // audience windows, which follow the presenter, come back to it.
    const { page, clicks } = here()
    state.page = page
    state.clicks = clicks
    state.clicksTotal = clicksContext.value.total
    state.lastUpdate = { id: `${state.lastUpdate.id}:echo`, type: 'presenter', time: Date.now() }
  })
})
