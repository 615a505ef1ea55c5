// Yielding, live on this window's own thread: the same chunked CPU work with different pauses between chunks,
// measuring when a 0 ms timer got its turn and the longest gap between animation frames. Unlike the demo runs,
// every window runs its own (no shared state): what matters is what happens to the thread that draws it.

import { onSlideLeave, useIsSlideActive, useNav, useSlideContext } from '@slidev/client'
import { computed, onMounted, onUnmounted, ref } from 'vue'
import { CHUNK_MS, CHUNKS, microtask, newTask, schedulerYield, timerDelayDuring } from '../examples/21-yielding'
import { useClickTrigger } from './useClickSteps'

/** The pauses the slides compare, named as the code on the slide writes them. */
export const PAUSES = {
  'await null': microtask,
  'setTimeout 0': newTask,
  'scheduler.yield()': schedulerYield,
} as const
export type Way = keyof typeof PAUSES

export interface WayResult {
  way: Way
  status: 'waiting' | 'running' | 'done' | 'missing'
  /** When the 0 ms timer set before the work ran, ms since the start. */
  timerMs?: number
  workMs?: number
  /** The longest time between two animation frames while the work ran, ms. */
  frameGapMs?: number
}

/** scheduler.yield() exists in Chromium 129+ and Firefox 142+, not in Safari. */
const hasWay = (way: Way) => way !== 'scheduler.yield()' || typeof (globalThis as { scheduler?: { yield?: unknown } }).scheduler?.yield === 'function'
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))
const nextFrame = () => new Promise(resolve => requestAnimationFrame(resolve))

export function useYieldRace(ways: Way[], options: { at?: string | number } = {}) {
  const { $renderContext } = useSlideContext()
  const { isPrintMode } = useNav()
  const isSlideActive = useIsSlideActive()
  /** Only the slide on screen runs: not the overview, the presenter's next-slide preview or print. */
  const isLiveView = computed(() => !isPrintMode.value && ($renderContext.value === 'slide' || $renderContext.value === 'presenter'))

  const fresh = (): WayResult[] => ways.map(way => ({ way, status: hasWay(way) ? 'waiting' : 'missing' }))
  const results = ref<WayResult[]>(fresh())
  const running = ref(false)

  // The egg turns one step per animation frame: when no frame is drawn, it stands still.
  const angle = ref(0)
  let frame = 0
  let lastFrameAt = 0
  let longestGap: number | undefined // set while a run measures
  const onFrame = () => {
    // performance.now(), not the frame's timestamp: after a long task, that one can be from before the task ended.
    const now = performance.now()
    if (longestGap !== undefined) longestGap = Math.max(longestGap, now - lastFrameAt)
    lastFrameAt = now
    if (isSlideActive.value) angle.value = (now * 0.18) % 360 // half a turn a second
    frame = requestAnimationFrame(onFrame)
  }
  onMounted(() => {
    if (isLiveView.value) frame = requestAnimationFrame(onFrame)
  })

  let generation = 0
  async function run() {
    if (running.value) return
    const mine = ++generation
    running.value = true
    results.value = fresh()
    for (const [i, way] of ways.entries()) {
      if (!hasWay(way)) continue
      results.value[i] = { way, status: 'running' }
      await sleep(400) // the egg turns freely first, and the row's state is painted
      if (mine !== generation) return
      lastFrameAt = performance.now()
      longestGap = 0
      const { timerMs, workMs } = await timerDelayDuring(PAUSES[way], CHUNKS, CHUNK_MS)
      await nextFrame() // the first frame after the work closes the last gap
      const frameGapMs = Math.round(longestGap ?? 0)
      longestGap = undefined
      if (mine !== generation) return
      results.value[i] = { way, status: 'done', timerMs, workMs, frameGapMs }
    }
    running.value = false
  }

  function reset() {
    generation++
    longestGap = undefined
    running.value = false
    results.value = fresh()
  }

  // One click of the slide runs it, as a demo run's does.
  const onThisSlide = () => isLiveView.value && isSlideActive.value
  useClickTrigger(options.at ?? '+1', {
    enter: () => { if (onThisSlide()) void run() },
    leave: () => { if (onThisSlide()) reset() },
  })
  onSlideLeave(() => reset())
  onUnmounted(() => {
    cancelAnimationFrame(frame)
    generation++
  })

  return { results, running, angle, run, isPrintMode, isLiveView, chunks: CHUNKS, chunkMs: CHUNK_MS }
}
