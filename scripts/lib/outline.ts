// A PDF outline (the bookmarks pane) from the deck's sections: the cover and each section divider at the
// top level, every other titled slide under its section. pdf-lib writes PDFs but has no outline API, so
// this builds the outline dictionaries the PDF spec describes (ISO 32000-1, 12.3.3).

import type { PDFDocument, PDFObject, PDFRef } from 'pdf-lib'
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber } from 'pdf-lib'

export interface OutlineEntry {
  title: string
  /** 0-based page of the PDF it opens. */
  page: number
  children?: OutlineEntry[]
}

/** The slides a deck prints, with what the outline needs of each. */
export interface OutlineSlide {
  /** 1-based slide number. */
  no: number
  title?: string
  /** The `section:` of a divider slide. */
  section?: string
}

/**
 * Sections as the roadmap numbers them (1, 2, … in order of their dividers), each with its slides;
 * slides before the first divider stand alone. `pageOf` maps a slide to its page, or undefined when
 * the slide is not printed (a --range).
 */
export function sectionOutline(slides: readonly OutlineSlide[], pageOf: (no: number) => number | undefined): OutlineEntry[] {
  const entries: OutlineEntry[] = []
  let section: OutlineEntry | undefined
  let sections = 0
  for (const slide of slides) {
    const page = pageOf(slide.no)
    if (slide.section !== undefined) {
      sections++
      section = page === undefined ? undefined : { title: `${sections}. ${slide.section}`, page, children: [] }
      if (section) entries.push(section)
      continue
    }
    if (page === undefined || !slide.title) continue
    const entry = { title: slide.title, page }
    if (section) section.children!.push(entry)
    else entries.push(entry)
  }
  return entries
}

/** Writes `entries` as the document's outline, sections open, and asks viewers to show it. */
export function setOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  const { context } = doc
  const pages = doc.getPages()
  const root = context.nextRef()

  /** Writes one level; returns its first and last items and how many items it holds, open, in all. */
  function level(items: readonly OutlineEntry[], parent: PDFRef): { first: PDFRef, last: PDFRef, count: number } {
    const refs = items.map(() => context.nextRef())
    let count = items.length
    items.forEach((item, i) => {
      const page = pages[item.page]
      if (!page) throw new Error(`outline entry "${item.title}" points at page ${item.page + 1} of ${pages.length}`)
      const dict = context.obj({ Title: PDFHexString.fromText(item.title), Parent: parent, Dest: [page.ref, 'Fit'] })
      if (i > 0) dict.set(PDFName.of('Prev'), refs[i - 1])
      if (i < items.length - 1) dict.set(PDFName.of('Next'), refs[i + 1])
      if (item.children?.length) {
        const sub = level(item.children, refs[i])
        dict.set(PDFName.of('First'), sub.first)
        dict.set(PDFName.of('Last'), sub.last)
        dict.set(PDFName.of('Count'), PDFNumber.of(sub.count))
        count += sub.count
      }
      context.assign(refs[i], dict)
    })
    return { first: refs[0], last: refs.at(-1)!, count }
  }

  if (!entries.length) return
  const top = level(entries, root)
  context.assign(root, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: top.count }))
  doc.catalog.set(PDFName.of('Outlines'), root)
  doc.catalog.set(PDFName.of('PageMode'), PDFName.of('UseOutlines'))
}

/** Reads a document's outline back, as "title → page" lines indented by level (for tests and checks). */
export function readOutline(doc: PDFDocument): string[] {
  const lines: string[] = []
  const pageRefs = doc.getPages().map(page => page.ref.toString())
  const walk = (ref: PDFObject | undefined, depth: number) => {
    while (ref) {
      const item = doc.context.lookup(ref, PDFDict)
      const title = item.lookup(PDFName.of('Title'), PDFHexString).decodeText()
      const page = item.lookup(PDFName.of('Dest'), PDFArray).get(0).toString()
      lines.push(`${'  '.repeat(depth)}${title} → ${pageRefs.indexOf(page) + 1}`)
      walk(item.get(PDFName.of('First')), depth + 1)
      ref = item.get(PDFName.of('Next'))
    }
  }
  const root = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict)
  walk(root?.get(PDFName.of('First')), 0)
  return lines
}
