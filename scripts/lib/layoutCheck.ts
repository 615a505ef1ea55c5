// The back row's view of a slide, as a check: run inside a page that shows slides (Slidev's /print view, where
// every slide is in its final click state), it returns one line per defect, naming the slide, the element and
// the reason. `npm run layout` (scripts/layout.ts) runs it on every slide of both decks in both colour schemes;
// tests/e2e/layout.test.ts proves it on fixture slides with one defect kind each.
// Like paperPass, it must be self-contained: page.evaluate sends only its source.

export interface LayoutCheckOptions {
  /** The height the slide is shown at, in px: sizes are judged as they look at this height (1080p). */
  screenHeight: number
  /** Smallest text, in px at screenHeight. */
  minTextPx: number
  /** Smallest text for a source or provenance line (`.fine-print`), in px at screenHeight. */
  minFinePrintPx: number
  /** Smallest contrast of text against what is behind it (WCAG 2 ratio). */
  minContrast: number
  /** Smallest contrast of the dimmed lines of a code highlight. */
  minDimmedContrast: number
}

export const LAYOUT_RULES: LayoutCheckOptions = { screenHeight: 1080, minTextPx: 24, minFinePrintPx: 18, minContrast: 4.5, minDimmedContrast: 3 }

export function layoutCheck(options: LayoutCheckOptions): string[] {
  const TOLERANCE_PX = 2
  const problems: string[] = []

  type Rgba = [number, number, number, number]
  const parseColor = (text: string): Rgba => {
    const m = text.match(/rgba?\(([^)]+)\)/)
    if (m) {
      const parts = m[1].split(/[\s,/]+/).filter(Boolean).map(Number)
      return [parts[0], parts[1], parts[2], parts[3] ?? 1]
    }
    // Any other syntax (oklch, color(srgb …)): let a canvas convert it.
    const ctx = document.createElement('canvas').getContext('2d')!
    ctx.fillStyle = '#000'
    ctx.fillStyle = text
    ctx.fillRect(0, 0, 1, 1)
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data
    return [r, g, b, a / 255]
  }
  const over = (top: Rgba, under: Rgba): Rgba => {
    const a = top[3] + under[3] * (1 - top[3])
    if (a === 0) return [0, 0, 0, 0]
    const mix = (i: number) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / a
    return [mix(0), mix(1), mix(2), a]
  }
  const luminance = ([r, g, b]: Rgba) => {
    const lin = (v: number) => {
      const c = v / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
  }
  const contrast = (a: Rgba, b: Rgba) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
    return (hi + 0.05) / (lo + 0.05)
  }

  const describe = (el: Element) => {
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ')
    const tag = el.tagName.toLowerCase()
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 2).join('.')}` : ''
    return `<${tag}${cls}>${text ? ` "${text.slice(0, 40)}${text.length > 40 ? '…' : ''}"` : ''}`
  }
  const visible = (el: Element) => {
    const style = getComputedStyle(el)
    if (style.display === 'none' || style.visibility === 'hidden' || Number(style.opacity) === 0) return false
    const rect = el.getBoundingClientRect()
    return rect.width > 0 && rect.height > 0
  }
  /** Opacity of the element and all its ancestors up to the slide, multiplied. */
  const opacityOf = (el: Element, stop: Element) => {
    let alpha = 1
    for (let node: Element | null = el; node && node !== stop.parentElement; node = node.parentElement)
      alpha *= Number(getComputedStyle(node).opacity)
    return alpha
  }
  /** What is painted behind an element: the backgrounds of it and its ancestors, composited over the page's. */
  const backgroundOf = (el: Element): Rgba => {
    const layers: Rgba[] = []
    for (let node: Element | null = el; node; node = node.parentElement) {
      const bg = parseColor(getComputedStyle(node).backgroundColor)
      if (bg[3] > 0) layers.push(bg)
      if (bg[3] >= 1) break
    }
    let color: Rgba = getComputedStyle(document.documentElement).colorScheme === 'dark' ? [0, 0, 0, 1] : [255, 255, 255, 1]
    for (const layer of layers.reverse()) color = over(layer, color)
    return color
  }

  // A glyph the fonts lack is drawn as the "missing" box: render the character and a code point no font has
  // in the same font, and compare the pixels.
  const glyphCache = new Map<string, boolean>()
  const canvas = document.createElement('canvas')
  canvas.width = 64
  canvas.height = 64
  const g = canvas.getContext('2d', { willReadFrequently: true })!
  const draw = (font: string, ch: string) => {
    g.clearRect(0, 0, 64, 64)
    g.font = font
    g.fillStyle = '#000'
    g.textBaseline = 'middle'
    g.fillText(ch, 8, 32)
    return g.getImageData(0, 0, 64, 64).data.join(',')
  }
  const hasGlyph = (family: string, ch: string) => {
    const key = `${family}|${ch}`
    if (!glyphCache.has(key)) {
      const font = `40px ${family}`
      glyphCache.set(key, draw(font, ch) !== draw(font, '\u{10FFFD}'))
    }
    return glyphCache.get(key)!
  }

  const slides = [...document.querySelectorAll<HTMLElement>('.print-slide-container')]
  for (const container of slides) {
    const no = container.id.split('-')[0] || container.closest<HTMLElement>('[data-slide]')?.dataset.slide || '?'
    const say = (what: string) => problems.push(`slide ${no}: ${what}`)
    container.scrollIntoView({ block: 'start' })
    const box = container.getBoundingClientRect()
    const scale = options.screenHeight / box.height
    const reported = new Set<Element>()
    const underReported = (el: Element) => {
      for (let node = el.parentElement; node && node !== container; node = node.parentElement) {
        if (reported.has(node)) return true
      }
      return false
    }

    let seen = 0
    // pointer-events: none would hide a layer from elementsFromPoint (the covered-label rule): switch it off
    // for the slide while it is checked, once, and restore it after.
    const unhittable = [...container.querySelectorAll<HTMLElement | SVGElement>('*')].filter(node => getComputedStyle(node).pointerEvents === 'none')
    unhittable.forEach(node => node.style.setProperty('pointer-events', 'auto', 'important'))
    for (const el of container.querySelectorAll('*')) {
      // Not drawn: hidden, or inside something transparent (a click step not reached).
      if (!visible(el) || opacityOf(el, container) === 0) continue
      seen++
      const rect = el.getBoundingClientRect()
      const style = getComputedStyle(el)

      // 1. Nothing outside the slide.
      const past = {
        right: Math.round(rect.right - box.right),
        bottom: Math.round(rect.bottom - box.bottom),
        left: Math.round(box.left - rect.left),
        top: Math.round(box.top - rect.top),
      }
      const sides = Object.entries(past).filter(([, px]) => px > TOLERANCE_PX)
      if (sides.length && !underReported(el)) {
        reported.add(el)
        say(`${describe(el)} reaches ${sides.map(([side, px]) => `${Math.round(px * scale)} px past the ${side}`).join(' and ')} of the slide`)
      }

      // 2. No box that clips or scrolls its content.
      if (/auto|scroll|hidden|clip/.test(style.overflowX + style.overflowY) && el.tagName !== 'svg') {
        const hiddenX = el.scrollWidth - el.clientWidth
        const hiddenY = el.scrollHeight - el.clientHeight
        if ((hiddenX > TOLERANCE_PX && /auto|scroll|hidden|clip/.test(style.overflowX))
          || (hiddenY > TOLERANCE_PX && /auto|scroll|hidden|clip/.test(style.overflowY))) {
          const what = [
            hiddenX > TOLERANCE_PX ? `${Math.round(hiddenX * scale)} px of width` : '',
            hiddenY > TOLERANCE_PX ? `${Math.round(hiddenY * scale)} px of height` : '',
          ].filter(Boolean).join(' and ')
          say(`${describe(el)} ${/auto|scroll/.test(style.overflowX + style.overflowY) ? 'scrolls' : 'clips'}: ${what} hidden`)
        }
      }

      // The rest is about text this element draws itself.
      const ownText = [...el.childNodes].filter(node => node.nodeType === Node.TEXT_NODE).map(node => node.textContent ?? '').join('').trim()
      if (!ownText) continue

      // 3. Text large enough for the back row.
      const fontPx = Number.parseFloat(style.fontSize)
      const shownPx = el instanceof SVGGraphicsElement
        ? fontPx * Math.abs(el.getScreenCTM()?.d ?? 1) * scale
        : fontPx * (el instanceof HTMLElement && el.offsetHeight ? rect.height / el.offsetHeight : 1) * scale
      const fine = el.closest('.fine-print') !== null
      const minPx = fine ? options.minFinePrintPx : options.minTextPx
      if (shownPx < minPx - 0.5)
        say(`${describe(el)} is ${shownPx.toFixed(1)} px at ${options.screenHeight}p, under ${minPx}${fine ? ' (fine print)' : ''}`)

      // 4. Contrast against what is behind it, opacity included.
      const background = backgroundOf(el)
      const fill = el instanceof SVGElement && style.fill && style.fill !== 'none' ? style.fill : style.color
      const ink = parseColor(fill)
      const fillOpacity = el instanceof SVGElement ? Number(style.fillOpacity || 1) : 1
      const shown = over([ink[0], ink[1], ink[2], ink[3] * fillOpacity * opacityOf(el, container)], background)
      const ratio = contrast(shown, background)
      // Slidev dims the lines a code highlight does not pick (.slidev-code-dishonored).
      const dimmed = el.closest('.slidev-code-dishonored') !== null
      const minRatio = dimmed ? options.minDimmedContrast : options.minContrast
      if (ratio < minRatio - 0.005)
        say(`${describe(el)} has contrast ${ratio.toFixed(2)}:1, under ${minRatio}:1${dimmed ? ' (a dimmed line)' : ''}`)

      // 5. Every character has a glyph.
      const missing = [...new Set([...ownText].filter(ch => /\S/.test(ch) && !hasGlyph(style.fontFamily, ch)))]
      if (missing.length)
        say(`${describe(el)} has no glyph for ${missing.map(ch => `"${ch}" (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`).join(', ')}`)

      // 6. Nothing covers the text: what is drawn on top at its centre is the element or part of it.
      const cx = (rect.left + rect.right) / 2
      const cy = (rect.top + rect.bottom) / 2
      if (cx > 0 && cy > 0 && cx < innerWidth && cy < innerHeight) {
        // Everything drawn at that point, topmost first: what lies above the label must not paint.
        const stack = document.elementsFromPoint(cx, cy)
        const above = stack.slice(0, Math.max(0, stack.indexOf(el)))
          .filter(node => !el.contains(node) && !node.contains(el) && container.contains(node) && visible(node))
        const painter = above.find((node) => {
          const nodeStyle = getComputedStyle(node)
          const ownText = [...node.childNodes].some(child => child.nodeType === Node.TEXT_NODE && (child.textContent ?? '').trim() !== '')
          return parseColor(nodeStyle.backgroundColor)[3] > 0.3 || ownText
            || (node instanceof SVGGeometryElement && nodeStyle.fill !== 'none' && Number(nodeStyle.fillOpacity || 1) > 0.3)
        })
        if (painter) say(`${describe(el)} is covered by ${describe(painter)}`)
      }
    }
    unhittable.forEach(node => node.style.removeProperty('pointer-events'))
    // A slide with nothing to see was not checked at all: say so rather than pass it.
    if (seen === 0) say('shows nothing (not rendered?), so nothing on it was checked')
  }
  if (!slides.length) problems.push('no slides on the page (.print-slide-container), so nothing was checked')
  return problems
}
