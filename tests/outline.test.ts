// The PDF outline the export writes: sections at the top level, numbered as the roadmap numbers them,
// their slides beneath, each pointing at its page; read back from a saved PDF.

import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { readOutline, sectionOutline, setOutline } from '../scripts/lib/outline'

const slides = [
  { no: 1, title: 'Hello, async world!' },
  { no: 2, title: 'Who this talk is for' },
  { no: 3, title: 'Concurrency', section: 'Concurrency is not parallelism' },
  { no: 4, title: 'Four eggs' },
  { no: 5 }, // untitled: no entry of its own
  { no: 6, title: 'The loop', section: 'The event loop' },
  { no: 7, title: 'One, three, two' },
]

async function withOutline(pages: number, pageOf: (no: number) => number | undefined) {
  const doc = await PDFDocument.create()
  for (let i = 0; i < pages; i++) doc.addPage([100, 60])
  setOutline(doc, sectionOutline(slides, pageOf))
  return PDFDocument.load(await doc.save())
}

describe('the export\'s outline', () => {
  it('puts the cover and each section at the top, with the section\'s slides beneath, on their pages', async () => {
    expect(readOutline(await withOutline(7, no => no - 1))).toEqual([
      'Hello, async world! → 1',
      'Who this talk is for → 2',
      '1. Concurrency is not parallelism → 3',
      '  Four eggs → 4',
      '2. The event loop → 6',
      '  One, three, two → 7',
    ])
  })

  it('keeps the roadmap\'s numbers when a --range leaves a section out, and points at the printed pages', async () => {
    const printed = [1, 6, 7]
    const pageOf = (no: number) => (printed.includes(no) ? printed.indexOf(no) : undefined)
    expect(readOutline(await withOutline(3, pageOf))).toEqual([
      'Hello, async world! → 1',
      '2. The event loop → 2',
      '  One, three, two → 3',
    ])
  })

  it('refuses an entry past the last page instead of writing a broken link', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([100, 60])
    expect(() => setOutline(doc, [{ title: 'gone', page: 3 }])).toThrow('outline entry "gone" points at page 4 of 1')
  })

  it('writes nothing for a deck with no titles, and reads back an empty outline', async () => {
    const doc = await PDFDocument.create()
    doc.addPage([100, 60])
    setOutline(doc, [])
    expect(readOutline(await PDFDocument.load(await doc.save()))).toEqual([])
  })
})
