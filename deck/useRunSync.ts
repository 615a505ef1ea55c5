// Demo runs shared by every window of the deck (presenter, audience, a second screen): the window that
// runs a demo publishes its snapshots, the others draw the same run. One run, one set of requests.

import type { Ref } from 'vue'
import type { EggRunsState } from './eggRunsState'
import type { RunSnapshot } from './runDemo'
import type { Replica, SyncEntry, SyncMessage } from './runSyncCore'
import { useEventListener, useIntervalFn } from '@vueuse/core'
import { effectScope, onUnmounted, reactive, ref, watch } from 'vue'
import { decodeRun, encodeRun, initialEggRuns } from './eggRunsState'
import { createReplica, SYNC_EVENTS } from './runSyncCore'

const state = reactive<EggRunsState>(initialEggRuns())
let replica: Replica | undefined
/**
 * Whether this window knows the shared state yet. On a dev server it learns it one round trip after joining;
 * until then it cannot tell whether a presenter window is there. A static build has nothing to wait for.
 */
const known = ref(!import.meta.hot)
/** How long a window waits for the dev server's answer before it goes on without it. */
const JOIN_WAIT_MS = 2000

/**
 * Joins the windows' shared state: over the dev server's websocket (dev-server/runSync.ts), or, in a static
 * build, over a BroadcastChannel between the windows of one browser.
 */
function join(): Replica {
  const hot = import.meta.hot
  if (hot) {
    const joined = createReplica(state, message => hot.send(SYNC_EVENTS.set, message), { echoes: true })
    hot.on(SYNC_EVENTS.set, (message: SyncMessage) => joined.receive(message))
    hot.on(SYNC_EVENTS.state, (whole: EggRunsState) => {
      joined.receiveState(whole)
      known.value = true
    })
    hot.send(SYNC_EVENTS.hello, {})
    setTimeout(() => (known.value = true), JOIN_WAIT_MS)
    // For `npm run record` and the tests, which read runs and the presenter's beat from a dev server's page.
    ;(globalThis as { __eggRuns__?: unknown }).__eggRuns__ = { runOf, presenterSeenAt: () => state.presenterSeenAt, joined: () => known.value }
    return joined
  }
  const channel = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel('hello-async-world - egg runs')
  const joined = createReplica(state, message => channel?.postMessage(message), { echoes: false })
  channel?.addEventListener('message', (event: MessageEvent<SyncMessage>) => joined.receive(event.data))
  return joined
}

/** Joins the shared state now, before any slide needs it (setup/root.ts calls it as the deck starts). */
export function joinRunSync(): Replica {
  return (replica ??= join())
}

function write(entry: SyncEntry): void {
  joinRunSync().set(entry)
}

function runOf(demoId: string): RunSnapshot | null {
  return decodeRun(state.runs[demoId])
}

/** The shared runs, joined on first use, and how to publish one. */
export function useRunSync() {
  joinRunSync()
  return {
    /** The latest run of a demo in any window, or null. */
    runOf,
    publish: (demoId: string, next: RunSnapshot | null) => write({ key: 'runs', id: demoId, value: encodeRun(next) }),
    /** The code of a demo as edited in some window, or '' when it is not edited. */
    editOf: (demoId: string): string => state.edits[demoId] ?? '',
    /** Shares an edit with every window ('' resets it). */
    publishEdit: (demoId: string, text: string) => write({ key: 'edits', id: demoId, value: text }),
  }
}

const PRESENTER_BEAT_MS = 2000
/** With no beat for this long, the presenter window is gone and each window runs its own demos. */
const PRESENTER_GONE_MS = 2.5 * PRESENTER_BEAT_MS

let beat: ReturnType<typeof useIntervalFn> | undefined

/**
 * The presenter window says it is there every 2 s, so audience windows leave the demos to it. One beat per
 * window, whichever slide started it, sent only while the window is in presenter mode (Slidev's toggle
 * changes the route, not the page: a window that leaves it falls silent, and after PRESENTER_GONE_MS the
 * audience windows run their own demos again). When the window goes (closed, reloaded, navigated away) it
 * stops and tries to say so at once; a closing page may not get that message out, and then the timeout
 * applies. A window that comes back from the back/forward cache beats again.
 */
export function startPresenterBeat(): void {
  if (beat) return
  const seenAt = (value: number) => write({ key: 'presenterSeenAt', value })
  // In a scope of its own: the beat belongs to the window, not to the slide that started it. It reads the
  // window's own route rather than a component's view of it, which goes stale once that component unmounts.
  effectScope(true).run(() => {
    beat = useIntervalFn(() => {
      if (inPresenterMode()) seenAt(Date.now())
    }, PRESENTER_BEAT_MS, { immediateCallback: true })
    useEventListener(globalThis, 'pagehide', () => {
      // Only a beating presenter clears the mark: any other window must not wipe a live presenter's beat.
      if (!beat?.isActive.value || !inPresenterMode()) return
      beat.pause()
      seenAt(0)
    })
    useEventListener(globalThis, 'pageshow', () => beat?.resume())
  })
}

/** Whether this window shows Slidev's presenter view: /presenter/3, or #/presenter/3 with hash routes. */
function inPresenterMode(): boolean {
  return /(?:^|\/)presenter(?:\/|$)/.test(`${globalThis.location?.pathname ?? ''}${globalThis.location?.hash ?? ''}`)
}

/**
 * Whether the presenter window has gone quiet: a ref that a timer flips, since a computed over Date.now()
 * would keep its first answer (an audience window opened just after a presenter window closed never ran).
 */
export function usePresenterAway(): Ref<boolean> {
  joinRunSync()
  // Until the window knows the shared state, it does not take a presenter window's demos for its own.
  const away = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  watch([() => state.presenterSeenAt, known], ([seenAt, isKnown]) => {
    clearTimeout(timer)
    if (!isKnown) return
    const left = seenAt + PRESENTER_GONE_MS - Date.now()
    away.value = left <= 0
    if (left > 0) timer = setTimeout(() => (away.value = true), left)
  }, { immediate: true })
  onUnmounted(() => clearTimeout(timer))
  return away
}
