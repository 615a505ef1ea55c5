// Steps of a diagram as clicks of its slide, registered like Slidev's own v-click and code blocks, so
// the clicker steps forward and back and every window of the deck (presenter, audience) shows the same step.

import type { ClicksInfo } from '@slidev/types'
import { useNav, useSlideContext } from '@slidev/client'
import { computed, onMounted, onUnmounted, shallowRef, watch } from 'vue'

/**
 * `count` clicks from `at` (default: after everything above on the slide). Returns the step, 0 before the
 * first of them to `count` after the last. In the PDF export (no clicks), the last step.
 */
export function useClickSteps(count: number, at: string | number = '+1') {
  const { $clicksContext } = useSlideContext()
  const { isPrintMode } = useNav()
  const id = `click-steps-${Math.random().toString(36).slice(2)}`
  const info = shallowRef<ClicksInfo | null>(null)

  onMounted(() => {
    const clicks = $clicksContext?.calculateSince(at, count)
    if (!clicks) return
    $clicksContext.register(id, clicks)
    info.value = clicks
  })
  onUnmounted(() => $clicksContext?.unregister(id))

  const step = computed(() => {
    if (!info.value) return isPrintMode.value ? count : 0
    return Math.min(count, Math.max(0, $clicksContext.current - info.value.start + 1))
  })
  return { step, isPrintMode }
}

/**
 * One click of the slide that starts something (a demo run): `enter` when the clicker reaches it, `leave`
 * when it steps back before it. Only changes after mount count, so a slide shown with its clicks already
 * done (the clicker going backwards) starts nothing.
 */
export function useClickTrigger(at: string | number, on: { enter: () => void, leave: () => void }): void {
  const { step } = useClickSteps(1, at)
  onMounted(() => watch(step, (now, was) => {
    if (now && !was) on.enter()
    else if (!now && was) on.leave()
  }))
}
