// Paper cannot scroll. paperPass() runs inside the print page (page.evaluate), before it is printed:
// 'fit' opens every scroll box and zooms a slide out until all of it fits its page; 'check' then lists
// anything still cut off, so the export can say so.
// tsx compiles this file with esbuild's keepNames, which wraps named inner functions in a __name()
// helper the page lacks: PAGE_SHIM defines it there.

/** An init script for the print page: a no-op __name, as esbuild's keepNames expects. */
export const PAGE_SHIM = 'globalThis.__name ??= (fn) => fn'

/**
 * Runs in the print page, so it must be self-contained (page.evaluate sends only its source).
 * 'fit': for each printed slide, every scroll box whose content does not fit (a code block with maxHeight,
 * a long log) is opened to its full size; if the slide then reaches past its edges, it is zoomed out
 * (Slidev's own per-slide zoom, multiplied) until it fits. One line per slide it changed.
 * 'check': one line per slide whose content still reaches past its edges (the print stylesheet clips it),
 * and per scroll box that still hides content. None means nothing is cut off.
 */
export function paperPass(mode: 'fit' | 'check'): string[] {
  const TOLERANCE_PX = 2
  const lines: string[] = []
  const numberOf = (slide: HTMLElement) => slide.id.split('-')[0] || slide.closest<HTMLElement>('[data-slide]')?.dataset.slide || '?'
  const hiddenIn = (box: HTMLElement) => {
    const style = getComputedStyle(box)
    return {
      x: /^(?:auto|scroll)$/.test(style.overflowX) ? Math.max(0, box.scrollWidth - box.clientWidth - TOLERANCE_PX) : 0,
      y: /^(?:auto|scroll)$/.test(style.overflowY) ? Math.max(0, box.scrollHeight - box.clientHeight - TOLERANCE_PX) : 0,
    }
  }
  const spill = (slide: HTMLElement) => ({ x: slide.scrollWidth - slide.clientWidth, y: slide.scrollHeight - slide.clientHeight })

  for (const slide of document.querySelectorAll<HTMLElement>('.print-slide-container')) {
    const no = numberOf(slide)
    if (mode === 'check') {
      const { x, y } = spill(slide)
      if (x > TOLERANCE_PX || y > TOLERANCE_PX)
        lines.push(`slide ${no}: content reaches ${Math.max(x, 0)} px past the right edge and ${Math.max(y, 0)} px past the bottom, and is cut off`)
      for (const box of slide.querySelectorAll<HTMLElement>('*')) {
        const hidden = hiddenIn(box)
        if (!hidden.x && !hidden.y) continue
        const what = [hidden.x ? `${hidden.x} px of width` : '', hidden.y ? `${hidden.y} px of height` : ''].filter(Boolean).join(' and ')
        lines.push(`slide ${no}: a scroll box hides ${what}: "${(box.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}…"`)
      }
      continue
    }
    const page = slide.querySelector<HTMLElement>('.slidev-page')
    if (!page) continue
    let opened = 0
    for (const box of slide.querySelectorAll<HTMLElement>('*')) {
      const hidden = hiddenIn(box)
      if (!hidden.x && !hidden.y) continue
      box.style.maxHeight = 'none'
      box.style.overflow = 'visible'
      opened++
    }
    const before = Number(getComputedStyle(page).getPropertyValue('--slidev-slide-zoom-scale')) || 1
    let zoom = before
    // Slidev zooms a slide (frontmatter `zoom:`) by making its page bigger and scaling it down with a
    // transform. Printed, Chromium lays the page out at its untransformed size: the whole sheet shrinks, with
    // a dark band at the right, and the slide runs onto a second page. So on paper every zoomed slide uses
    // CSS zoom instead, which scales the content and keeps the page the slide's own size. (Inline and
    // !important: Vue owns --slidev-slide-zoom-scale and resets it when it re-renders.)
    const setZoom = (z: number) => {
      page.style.setProperty('width', '100%', 'important')
      page.style.setProperty('height', '100%', 'important')
      page.style.setProperty('scale', 'none', 'important')
      page.style.setProperty('zoom', String(z), 'important')
    }
    if (zoom !== 1) setZoom(zoom)
    // Zooming out widens the slide's own coordinates, which can rewrap text: measure again, a few times.
    for (let i = 0; i < 5; i++) {
      const { x, y } = spill(slide)
      if (x <= TOLERANCE_PX && y <= TOLERANCE_PX) break
      const need = Math.max((slide.clientHeight + y) / slide.clientHeight, (slide.clientWidth + x) / slide.clientWidth)
      zoom = Math.floor((zoom / need) * 1000) / 1000
      setZoom(zoom)
    }
    if (opened || zoom !== before) {
      const shown = opened ? `${opened} scroll box${opened === 1 ? '' : 'es'} shown whole` : 'nothing to open'
      lines.push(`slide ${no}: ${shown}${zoom !== before ? `, zoom ${before} → ${zoom}` : ''}`)
    }
  }
  return lines
}
