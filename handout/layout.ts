// The handout's page: A4 at 96 CSS px per inch, a text column with the slide at its full width and the
// presenter notes beneath, set as prose. Handout.vue lays it out with these numbers; the export fits each
// page with fitHandoutPages() and checks the result in the PDF with them.

/** CSS px per typographic point. */
export const PX_PER_PT = 96 / 72
/** A4 in CSS px: 210 × 297 mm. */
export const A4 = { width: (210 / 25.4) * 96, height: (297 / 25.4) * 96 }
/** The page's margins, in CSS px (15 mm at the sides). */
export const MARGIN = { x: 57, y: 40 }
/** The text column, which the slide fills: 680 px, 180 mm. */
export const COLUMN_WIDTH = Math.floor(A4.width - 2 * MARGIN.x)
/** The notes' size, in pt, and the least a page may set them at to keep a slide's notes on its page. */
export const NOTES_PT = 10.5
export const MIN_NOTES_PT = 10
/** The notes' leading, as a multiple of their size. */
export const NOTES_LEADING = 1.5

export interface HandoutFit {
  /** Pages whose notes were set smaller than NOTES_PT to fit, with the size they got. */
  smaller: Array<{ slide: number, pt: number }>
  /** Pages that do not fit on one sheet even at MIN_NOTES_PT. */
  overflowing: Array<{ slide: number, px: number }>
}

/**
 * Runs in the handout page (page.evaluate sends only its source, so it is self-contained): for every page
 * shown, sets the notes at `notesPt` and, while the page is taller than a sheet, a quarter of a point
 * smaller, down to `minPt`. Reports the pages it made smaller and any that still do not fit.
 */
export function fitHandoutPages({ sheetPx, notesPt, minPt }: { sheetPx: number, notesPt: number, minPt: number }): HandoutFit {
  const TOLERANCE_PX = 1
  const result: HandoutFit = { smaller: [], overflowing: [] }
  for (const page of document.querySelectorAll<HTMLElement>('.handout-page')) {
    if (page.style.display === 'none') continue
    const notes = page.querySelector<HTMLElement>('.handout-notes')
    const slide = Number(page.dataset.slide)
    const over = () => page.getBoundingClientRect().height - sheetPx
    let pt = notesPt
    if (notes) {
      notes.style.setProperty('font-size', `${pt}pt`)
      while (over() > TOLERANCE_PX && pt - 0.25 >= minPt - 1e-9) {
        pt -= 0.25
        notes.style.setProperty('font-size', `${pt}pt`)
      }
    }
    if (pt !== notesPt) result.smaller.push({ slide, pt })
    if (over() > TOLERANCE_PX) result.overflowing.push({ slide, px: Math.ceil(over()) })
  }
  return result
}
