// The few Slidev internals the handout page builds on (handout/Handout.vue), typed loosely: the
// package ships them as raw .ts for Slidev's own build. Vite resolves the real files at run time.
import type { DefineComponent, InjectionKey, Ref } from 'vue'

export const createFixedClicks: (route: unknown, clicks: number) => unknown
export const useFixedNav: (route: unknown, clicks: unknown) => unknown
export const useNav: () => { slides: Ref<Array<{ no: number, meta?: { slide?: { noteHTML?: string } } }>>, total: Ref<number> }
export const CLICKS_MAX: number
export const injectionSlideScale: InjectionKey<Ref<number>>
export const configs: { title?: string, aspectRatio?: number }
export const slideWidth: Ref<number>
declare const component: DefineComponent<Record<string, unknown>>
export default component
