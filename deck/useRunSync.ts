// Demo runs shared by every window of the deck (presenter, audience, a second screen): the window that
// runs a demo publishes its snapshots, the others draw the same run. One run, one set of requests.

import type { ComputedRef, Ref } from 'vue'
import type { EggRunsState } from './eggRunsState'
import type { RunSnapshot } from './runDemo'
import { createSyncState } from '@slidev/client'
import { useEventListener, useIntervalFn } from '@vueuse/core'
// Served by Slidev's dev server and synced over its websocket; a plain object in a static build.
import serverRuns from 'server-reactive:eggRuns?diff'
import { effectScope, onUnmounted, ref, watch } from 'vue'
import { initialEggRuns } from './eggRunsState'

const shared = createSyncState<EggRunsState>(serverRuns, initialEggRuns())
let initialised = false

/** The shared runs, joined on first use, and how to publish one. */
export function useRunSync() {
  if (!initialised) {
    shared.init('hello-async-world - egg runs')
    initialised = true
    // For `npm run record`, which reads finished runs from the dev server's page.
    if (import.meta.hot) (globalThis as { __eggRuns__?: EggRunsState }).__eggRuns__ = shared.state
  }
  return {
    state: shared.state,
    publish: (demoId: string, next: RunSnapshot | null) => shared.patch('runs', { ...shared.state.runs, [demoId]: next }),
  }
}

const PRESENTER_BEAT_MS = 2000
/** With no beat for this long, the presenter window is gone and each window runs its own demos. */
export const PRESENTER_GONE_MS = 2.5 * PRESENTER_BEAT_MS

let beat: ReturnType<typeof useIntervalFn> | undefined

/**
 * The presenter window says it is there every 2 s, so audience windows leave the demos to it. One beat per
 * window, whichever slide started it. It stops when the window leaves presenter mode, and says so, so the
 * audience windows take over at once; and when the window goes (closed, reloaded, navigated away), when it
 * also tries to say so (a closing page may not get the message out: then the audience windows take over
 * after PRESENTER_GONE_MS). A window that comes back from the back/forward cache beats again.
 */
export function startPresenterBeat(isPresenter: Ref<boolean> | ComputedRef<boolean>): void {
  // A window can leave presenter mode and come back (Slidev's toggle changes the route, not the page).
  if (beat) {
    if (!beat.isActive.value) beat.resume()
    return
  }
  const { patch } = shared
  const stop = () => {
    // Only a beating window clears the mark: a paused one must not wipe another presenter window's beat.
    if (!beat?.isActive.value) return
    beat.pause()
    patch('presenterSeenAt', 0)
  }
  // In a scope of its own: the slide that started the beat unmounts when the presenter moves on, and the
  // beat must go on (a component's scope would stop it then, and the audience windows would start running
  // demos while the presenter is still there).
  effectScope(true).run(() => {
    beat = useIntervalFn(() => (isPresenter.value ? patch('presenterSeenAt', Date.now()) : stop()), PRESENTER_BEAT_MS, { immediateCallback: true })
    useEventListener(globalThis, 'pagehide', stop)
    useEventListener(globalThis, 'pageshow', () => beat?.resume())
  })
}

/**
 * Whether the presenter window has gone quiet: a ref that a timer flips, since a computed over Date.now()
 * would keep its first answer (an audience window opened just after a presenter window closed never ran).
 */
export function usePresenterAway(): Ref<boolean> {
  const away = ref(true)
  let timer: ReturnType<typeof setTimeout> | undefined
  watch(() => shared.state.presenterSeenAt ?? 0, (seenAt) => {
    clearTimeout(timer)
    const left = seenAt + PRESENTER_GONE_MS - Date.now()
    away.value = left <= 0
    if (left > 0) timer = setTimeout(() => (away.value = true), left)
  }, { immediate: true })
  onUnmounted(() => clearTimeout(timer))
  return away
}
