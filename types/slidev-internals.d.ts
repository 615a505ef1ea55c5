// The few Slidev internals the handout page (handout/Handout.vue) and the presenter's echo guard
// (deck/slidevNavSync.ts) build on, typed loosely: the package ships them as raw .ts for Slidev's own
// build. Vite resolves the real files at run time.
import type { DefineComponent, InjectionKey, Ref } from 'vue'

export const createFixedClicks: (route: unknown, clicks: number) => unknown
export const useFixedNav: (route: unknown, clicks: unknown) => unknown
export const useNav: () => { slides: Ref<Array<{ no: number, meta?: { slide?: { noteHTML?: string } } }>>, total: Ref<number> }
export const CLICKS_MAX: number
/** state/shared.ts: runs `fn` when another window changes the shared position (deck/slidevNavSync.ts). */
export const onPatch: (fn: (state: {
  page: number
  clicks: number
  clicksTotal: number
  lastUpdate?: { id: string, type: 'presenter' | 'viewer', time: number }
}) => void) => void
export const injectionSlideScale: InjectionKey<Ref<number>>
export const configs: { title?: string, aspectRatio?: number }
export const slideWidth: Ref<number>
declare const component: DefineComponent<Record<string, unknown>>
export default component
