// The talk's sections, read off the deck being shown: every slide whose frontmatter has `section:` opens
// one, in deck order. So the roadmap and each divider's number come from the same list, in either deck
// (the conference cut and the workshop pick different slides from the same pages/).

import { useNav } from '@slidev/client'
import { computed } from 'vue'

export interface Section {
  /** 1-based, in the order the sections appear in this deck. */
  number: number
  /** The slide that opens it. */
  slideNo: number
  /** The roadmap's words for it (the divider's `section:` frontmatter). */
  label: string
}

export function useSections() {
  const { slides } = useNav()
  const sections = computed<Section[]>(() => slides.value
    .filter(route => typeof route.meta?.slide?.frontmatter?.section === 'string')
    .map((route, i) => ({ number: i + 1, slideNo: route.no, label: String(route.meta!.slide!.frontmatter!.section) })))
  return { sections }
}
