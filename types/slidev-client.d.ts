// The slice of @slidev/client the deck's composables use. The package ships raw .ts written for
// Slidev's own build (its globals and virtual modules), so tsc checks our code against this facade;
// Vite still resolves the real package at run time.
import type { ClicksContext, RenderContext, SlidevConfig } from '@slidev/types'
import type { ComputedRef, Ref } from 'vue'

export const configs: SlidevConfig & Record<string, unknown>

/** The position every window of the deck shares (state/shared.ts). */
export const sharedState: {
  page: number
  clicks: number
  clicksTotal: number
  lastUpdate?: { id: string, type: 'presenter' | 'viewer', time: number }
}

export function useIsSlideActive(): ComputedRef<boolean>
export function onSlideEnter(cb: () => void): void
export function onSlideLeave(cb: () => void): void

export function useNav(): {
  isPresenter: ComputedRef<boolean>
  isPrintMode: ComputedRef<boolean>
  currentSlideNo: ComputedRef<number>
  clicksContext: ComputedRef<ClicksContext>
  hasPrimarySlide: ComputedRef<boolean>
  go: (no: number | string, clicks?: number, force?: boolean) => Promise<void>
  slides: ComputedRef<Array<{ no: number, meta?: { slide?: { frontmatter?: Record<string, unknown>, title?: string } } }>>
}

export function useSlideContext(): {
  $clicksContext: ClicksContext
  $renderContext: Ref<RenderContext>
  $page: Ref<number>
  $clicks: Ref<number>
}
