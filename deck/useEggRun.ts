// One demo on one slide: runs it on its click (in the window whose turn it is), or draws the run another
// window publishes, or, in print, the recorded run. The jobs it composes live in their own files:
// useRunSync (windows), kitchenSettings (where the kitchen is), useClickTrigger (the clicker), runDemo (the run).

import type { Demo, DemoId } from './demos'
import type { KitchenKind } from './kitchenSource'
import type { EditedCode } from './runDemo'
import { configs, onSlideLeave, useIsSlideActive, useNav, useSlideContext } from '@slidev/client'
import { useNow } from '@vueuse/core'
import { computed, onMounted, onUnmounted, ref, watch } from 'vue'
import { DEFAULT_EGG_MS } from '../examples/lib/kitchen-client'
import { demos } from './demos'
import { runRequests } from './edit/useDemoEdit'
import { chooseKitchen, downHint, eggMsSetting } from './kitchenSettings'
import { recordings } from './recordings'
import { runDemo } from './runDemo'
import { useClickTrigger } from './useClickSteps'
import { startPresenterBeat, usePresenterAway, useRunSync } from './useRunSync'

export function useEggRun(demoId: DemoId, options: { at?: string | number, ms?: number } = {}) {
  // Typed ids make a missing demo a type error; a slide that is not type-checked still gets a clear panel.
  const demo: Demo | undefined = demos[demoId]
  const { runOf, publish, editOf } = useRunSync()
  const { $renderContext } = useSlideContext()
  const { isPresenter, isPrintMode } = useNav()
  const ms = options.ms ?? eggMsSetting() ?? Number((configs as { eggMs?: number }).eggMs ?? DEFAULT_EGG_MS)

  // The clock ticks once a frame while a run is going, in every window that shows it.
  const { now, pause: stopClock, resume: startClock } = useNow({ interval: 'requestAnimationFrame', controls: true, immediate: false })
  // The exported PDF has no kitchen and no clicks: it shows the recorded run.
  const recorded = computed(() => (isPrintMode.value ? recordings.runs[demoId] ?? null : null))
  const kitchenKind = ref<KitchenKind>()
  const kitchenUrl = ref('')
  // Parsed once per change of the shared run, not once a frame.
  const sharedRun = computed(() => runOf(demoId))
  const snapshot = computed(() => {
    if (isPrintMode.value) return recorded.value
    const run = sharedRun.value
    // A run whose window closed mid-run never finishes: after a generous while, forget it.
    if (run?.status === 'running' && now.value.getTime() - run.startedAt > Math.max(30_000, 5 * run.idealMs)) return null
    return run
  })
  let controller: AbortController | undefined
  /** The last run this window started: a window clears only its own runs, never one it is watching. */
  let ownRunId: string | undefined

  /** Only live views run demos: not the overview, the presenter's next-slide preview or print. */
  const isLiveView = computed(() => !isPrintMode.value && ($renderContext.value === 'slide' || $renderContext.value === 'presenter'))
  const isSlideActive = useIsSlideActive()
  const presenterAway = usePresenterAway()
  // Slidev renders the slides around the current one too (the previous one with all its clicks
  // done), so only the slide on screen may run. With a presenter window open, it runs the demos
  // on clicks and the audience windows watch.
  const runsOnClick = computed(() => isLiveView.value && isSlideActive.value && (isPresenter.value || presenterAway.value))

  async function run() {
    if (!demo) return
    abort()
    const mine = new AbortController()
    controller = mine
    const source = await chooseKitchen()
    kitchenKind.value = source.kind
    kitchenUrl.value = source.url
    if (controller !== mine) return
    // Code edited on the slide runs instead of the example's; it is compiled first, and an error in it is the
    // run's one line. Monaco is loaded only for an edit.
    const editText = demo.edit ? editOf(demoId) : ''
    let edited: EditedCode | undefined
    let problem = source.problem
    if (editText) {
      const { compileEdit } = await import('./edit/compile')
      const compiled = await compileEdit(demoId, editText)
      if (controller !== mine) return
      edited = { source: editText, js: 'js' in compiled ? compiled.js : '' }
      if ('problem' in compiled) problem ??= compiled.problem
    }
    await runDemo(demoId, {
      url: source.url,
      fetch: source.fetch,
      kitchen: source.kind,
      problem,
      edited,
      downHint: downHint(source.url),
      ms,
      signal: mine.signal,
      onUpdate: (next) => {
        if (controller !== mine) return
        ownRunId = next?.runId
        publish(demoId, next)
      },
    })
    if (controller === mine) controller = undefined
  }

  function abort() {
    controller?.abort(new DOMException('left the slide', 'AbortError'))
    controller = undefined
  }

  function reset() {
    abort()
    if (snapshot.value && snapshot.value.runId === ownRunId) publish(demoId, null)
  }

  // The clicker: the run takes one click of the slide, registered like Slidev's own v-click.
  useClickTrigger(options.at ?? '+1', {
    enter: () => { if (runsOnClick.value) void run() },
    leave: () => { if (runsOnClick.value) reset() },
  })

  onMounted(() => {
    // The presenter window's heartbeat, so audience windows know not to run demos themselves.
    if (isPresenter.value && $renderContext.value === 'presenter') startPresenterBeat()
    // Say up front which kitchen will fry (a built deck finds out once, with one request).
    if (!isLiveView.value) return
    void chooseKitchen().then((source) => {
      kitchenKind.value = source.kind
      kitchenUrl.value = source.url
    })
  })

  // The editor's Ctrl/Cmd+Enter, as the panel's button: in the window on this slide.
  runRequests.on((id) => {
    if (id === demoId && isLiveView.value && isSlideActive.value) void run()
  })

  onSlideLeave(() => {
    if (controller) reset()
  })

  watch(() => snapshot.value?.status, status => (status === 'running' ? startClock() : stopClock()), { immediate: true })

  onUnmounted(abort)

  const elapsedMs = computed(() => {
    const run = snapshot.value
    if (!run) return 0
    return run.status === 'running' ? Math.max(run.elapsedMs, now.value.getTime() - run.startedAt) : run.elapsedMs
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
