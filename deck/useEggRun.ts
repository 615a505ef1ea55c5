// Served by Slidev's dev server and synced over its websocket; a plain object in a static build.
// @ts-expect-error virtual module

import type { KitchenKind, KitchenSource } from './kitchenSource'
import type { RunSnapshot } from './runDemo'
import { configs, createSyncState, onSlideLeave, useIsSlideActive, useNav, useSlideContext } from '@slidev/client'
import serverRuns from 'server-reactive:eggRuns?diff'
// One demo run, shared by every window of the deck: the window that runs it publishes snapshots,
// the others (the audience window, a second screen) draw the same run. One run, one set of requests.
import { computed, onMounted, onUnmounted, ref, watch } from 'vue'
import { DEFAULT_EGG_MS } from '../examples/lib/kitchen-client'
import { demos } from './demos'
import { findKitchen, kitchenParam } from './kitchenSource'
import { recordings } from './recordings'
import { runDemo } from './runDemo'
import { useClickTrigger } from './useClickSteps'

interface EggRunsState {
  runs: Record<string, RunSnapshot | null>
  /** When a presenter window last said it was there (epoch ms). While it is, it runs the demos. */
  presenterSeenAt: number
}

const shared = createSyncState<EggRunsState>(serverRuns as EggRunsState, { runs: {}, presenterSeenAt: 0 })
let initialised = false
function sharedState() {
  if (!initialised) {
    shared.init('hello-async-world - egg runs')
    initialised = true
    // For `npm run record`, which reads finished runs from the dev server's page.
    if (import.meta.hot) (globalThis as { __eggRuns__?: EggRunsState }).__eggRuns__ = shared.state
  }
  return shared
}

export { DEFAULT_EGG_MS }
export const KITCHEN_URL = '/api'
const PRESENTER_BEAT_MS = 2000
/** With no beat for this long, the presenter window is gone and each window runs its own demos. */
const PRESENTER_GONE_MS = 2.5 * PRESENTER_BEAT_MS
let presenterBeat: ReturnType<typeof setInterval> | undefined

/**
 * `?kitchen=https://host:port` in a built deck's URL points it at a real kitchen elsewhere: only an absolute
 * http(s) URL, kept for the tab. Anything else is not kept, and each run says what is wrong in one line.
 */
function kitchenUrlSetting(): { url: string } | { problem: string } {
  const fromUrl = new URLSearchParams(globalThis.location?.search).get('kitchen')
  if (fromUrl !== null) {
    const setting = kitchenParam(fromUrl)
    if ('url' in setting) globalThis.sessionStorage?.setItem('kitchen', setting.url)
    return setting
  }
  const kept = globalThis.sessionStorage?.getItem('kitchen')
  return kept ? kitchenParam(kept) : { url: `${import.meta.env.BASE_URL}api` }
}

/** What the deck's "not running" line says to do, for the kitchen it uses. */
function downHint(url: string): string {
  if (import.meta.hot) {
    const port = import.meta.env.EGG_PORT ?? '3001'
    return `The dev server starts it again by itself; if it stays down, start one with: npm run server -- --port ${port}`
  }
  if (/^https?:\/\//.test(url)) return `Start it there with: npm run server -- --allow-origin ${globalThis.location?.origin}`
  return 'Start it with: npm run server, behind this host\'s /api/ path.'
}

let kitchenChoice: Promise<KitchenSource> | undefined
/**
 * The dev server always has its kitchen at /api (it starts one). A built deck asks once whether a
 * real kitchen answers, and otherwise fries in the page with the same Hono app.
 */
export function chooseKitchen(): Promise<KitchenSource> {
  // import.meta.hot rather than env.DEV: a build made with NODE_ENV=test (vitest) still has DEV set.
  kitchenChoice ??= (async (): Promise<KitchenSource> => {
    if (import.meta.hot) return { kind: 'real', url: KITCHEN_URL }
    const setting = kitchenUrlSetting()
    return 'url' in setting ? findKitchen(setting.url) : { kind: 'real', url: '', problem: setting.problem }
  })()
  return kitchenChoice
}

/** `?eggMs=300` in the deck's URL overrides the frying time: for rehearsals and the browser tests. */
function eggMsFromUrl(): number | undefined {
  // Kept for the browser tab's session, since moving between slides drops the query.
  const fromUrl = new URLSearchParams(globalThis.location?.search).get('eggMs')
  if (fromUrl) globalThis.sessionStorage?.setItem('eggMs', fromUrl)
  const value = Number(fromUrl ?? globalThis.sessionStorage?.getItem('eggMs'))
  return Number.isInteger(value) && value > 0 && value <= 10_000 ? value : undefined
}

export function useEggRun(demoId: string, options: { at?: string | number, ms?: number } = {}) {
  const demo = demos[demoId]
  const { state, patch } = sharedState()
  const { $renderContext } = useSlideContext()
  const { isPresenter, isPrintMode } = useNav()
  const ms = options.ms ?? eggMsFromUrl() ?? Number((configs as { eggMs?: number }).eggMs ?? DEFAULT_EGG_MS)

  const now = ref(Date.now())
  // The exported PDF has no kitchen and no clicks: it shows the recorded run.
  const recorded = computed(() => (isPrintMode.value ? recordings.runs[demoId] ?? null : null))
  const kitchenKind = ref<KitchenKind>()
  const kitchenUrl = ref('')
  const snapshot = computed(() => {
    if (isPrintMode.value) return recorded.value
    const run = state.runs?.[demoId] ?? null
    // A run whose window closed mid-run never finishes: after a generous while, forget it.
    if (run?.status === 'running' && now.value - run.startedAt > Math.max(30_000, 5 * run.idealMs)) return null
    return run
  })
  let controller: AbortController | undefined
  let frame = 0

  // Whether the presenter window has gone quiet: a ref that a timer flips, since a computed over Date.now()
  // would keep its first answer (an audience window opened just after a presenter window closed never ran).
  const presenterAway = ref(true)
  let awayTimer: ReturnType<typeof setTimeout> | undefined
  watch(() => state.presenterSeenAt ?? 0, (seenAt) => {
    clearTimeout(awayTimer)
    const left = seenAt + PRESENTER_GONE_MS - Date.now()
    presenterAway.value = left <= 0
    if (left > 0) awayTimer = setTimeout(() => (presenterAway.value = true), left)
  }, { immediate: true })
  onUnmounted(() => clearTimeout(awayTimer))

  /** Only live views run demos: not the overview, the presenter's next-slide preview or print. */
  const isLiveView = computed(() => !isPrintMode.value && ($renderContext.value === 'slide' || $renderContext.value === 'presenter'))
  const isSlideActive = useIsSlideActive()
  // Slidev renders the slides around the current one too (the previous one with all its clicks
  // done), so only the slide on screen may run. With a presenter window open, it runs the demos
  // on clicks and the audience windows watch.
  const runsOnClick = computed(() => isLiveView.value && isSlideActive.value && (isPresenter.value || presenterAway.value))

  function publish(next: RunSnapshot | null) {
    patch('runs', { ...state.runs, [demoId]: next })
  }

  async function run() {
    if (!demo) return
    abort()
    const mine = new AbortController()
    controller = mine
    const source = await chooseKitchen()
    kitchenKind.value = source.kind
    kitchenUrl.value = source.url
    if (controller !== mine) return
    await runDemo(demoId, {
      url: source.url,
      fetch: source.fetch,
      kitchen: source.kind,
      problem: source.problem,
      downHint: downHint(source.url),
      ms,
      signal: mine.signal,
      onUpdate: (next) => { if (controller === mine) publish(next) },
    })
    if (controller === mine) controller = undefined
  }

  function abort() {
    controller?.abort(new DOMException('left the slide', 'AbortError'))
    controller = undefined
  }

  function reset() {
    abort()
    if (snapshot.value) publish(null)
  }

  // The clicker: the run takes one click of the slide, registered like Slidev's own v-click.
  useClickTrigger(options.at ?? '+1', {
    enter: () => { if (runsOnClick.value) void run() },
    leave: () => { if (runsOnClick.value) reset() },
  })

  // Say up front which kitchen will fry (a built deck finds out once, with one request).
  onMounted(() => {
    if (!isLiveView.value) return
    void chooseKitchen().then((source) => {
      kitchenKind.value = source.kind
      kitchenUrl.value = source.url
    })
  })

  onSlideLeave(() => {
    if (controller) reset()
  })

  // The presenter window's heartbeat (one per window), so audience windows know not to run demos themselves.
  onMounted(() => {
    if (isPresenter.value && $renderContext.value === 'presenter' && !presenterBeat) {
      patch('presenterSeenAt', Date.now())
      presenterBeat = setInterval(() => patch('presenterSeenAt', Date.now()), PRESENTER_BEAT_MS)
    }
  })

  // The clock ticks while a run is going, in every window that shows it.
  const tick = () => {
    now.value = Date.now()
    frame = requestAnimationFrame(tick)
  }
  watch(() => snapshot.value?.status, (status) => {
    cancelAnimationFrame(frame)
    if (status === 'running') tick()
  }, { immediate: true })

  onUnmounted(() => {
    cancelAnimationFrame(frame)
    abort()
  })

  const elapsedMs = computed(() => {
    const run = snapshot.value
    if (!run) return 0
    return run.status === 'running' ? Math.max(run.elapsedMs, now.value - run.startedAt) : run.elapsedMs
  })

  return {
    demo,
    ms,
    snapshot,
    elapsedMs,
    isLiveView,
    isPrintMode,
    /** Set in print mode: the run shown is a recording, made as recordings.provenance says. */
    recording: computed(() => (recorded.value ? recordings.provenance : null)),
    /** Which kitchen the last run used, or the one the next run will use. */
    kitchenKind: computed(() => snapshot.value?.kitchen ?? kitchenKind.value),
    /** The kitchen's base URL as this window reaches it. */
    kitchenUrl,
    /** Whether a click on this slide starts the run in this window (else a presenter window runs it). */
    runsOnClick,
    run,
    abort,
    reset,
  }
}
