// The real export: `npm run export` into a temp dir, then the PDFs read back with poppler's tools.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { load } from '@slidev/parser/fs'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { movements, movementText } from '../../deck/diagrams/eventLoopModel'
import { scenarios } from '../../deck/diagrams/eventLoopScenarios'
import { recordings } from '../../deck/recordings'
import { formatMs } from '../../deck/timelineGeometry'
import { A4, COLUMN_WIDTH, fitHandoutPages, MARGIN, MIN_NOTES_PT, NOTES_LEADING, NOTES_PT } from '../../handout/layout'
import { DECKS, launchChromium } from '../../scripts/lib/deck'
import { readOutline } from '../../scripts/lib/outline'

const run = promisify(execFile)
const root = join(import.meta.dirname, '..', '..')

async function pages(pdf: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdf])
  return Number(stdout.match(/^Pages:\s+(\d+)/m)?.[1])
}
async function pageText(pdf: string, page: number): Promise<string> {
  return (await run('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-'])).stdout
}
/** Every page's text in reading order, whitespace collapsed (pdftotext ends each page with a form feed). */
async function pagesText(pdf: string): Promise<string[]> {
  return (await run('pdftotext', [pdf, '-'], { maxBuffer: 64 * 1024 * 1024 })).stdout.split('\f').slice(0, -1).map(page => page.replace(/\s+/g, ' '))
}

interface Box { xMin: number, yMin: number, xMax: number, yMax: number }
/** Every page's text blocks (pdftotext's paragraphs), each with its lines, in pt from the top left. */
async function pageBlocks(pdf: string): Promise<Array<Array<Box & { lines: Array<Box & { text: string }> }>>> {
  const { stdout } = await run('pdftotext', ['-bbox-layout', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 })
  const box = (attrs: string): Box => Object.fromEntries([...attrs.matchAll(/(\w+)="([\d.]+)"/g)].map(([, k, v]) => [k, Number(v)])) as unknown as Box
  return stdout.split('<page ').slice(1).map(page => page.split('<block ').slice(1).map(block => ({
    ...box(block.slice(0, block.indexOf('>'))),
    lines: block.split('<line ').slice(1).map(line => ({
      ...box(line.slice(0, line.indexOf('>'))),
      text: [...line.matchAll(/<word [^>]*>([^<]*)<\/word>/g)].map(m => m[1]).join(' '),
    })),
  })))
}

/**
 * The plain words that follow each [click] marker of a note, with the number Slidev gives that marker (its
 * running total of clicks). Markers followed by code or a quote are counted but left out.
 */
function wordsAfterMarkers(note: string): Array<{ clicks: number, words: string }> {
  let clicks = 0
  const found: Array<{ clicks: number, words: string }> = []
  for (const [, count, after] of note.matchAll(/\[click(?::(\d+))?\]([^[]*)/g)) {
    clicks += Number(count ?? 1)
    const words = after.match(/^ ?([A-Z][a-z']*(?: [a-z']+){1,3})/i)?.[1]
    if (words) found.push({ clicks, words })
  }
  return found
}

const PT_PER_PX = 72 / 96

for (const entry of Object.values(DECKS)) {
  describe(`npm run export -- ${entry}`, () => {
    let dir: string
    let slides: Awaited<ReturnType<typeof load>>['slides']
    let exportLog = ''

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'egg-export-'))
      slides = (await load({ roots: [root], userRoot: root }, join(root, entry))).slides
      const started = Date.now()
      exportLog = (await run('npm', ['run', 'export', '--', entry, '--output', join(dir, 'talk.pdf')], { cwd: root, timeout: 420_000 })).stdout
      // eslint-disable-next-line no-console -- deliberate: reports how long the export took, in the test run's output
      console.log(`export took ${((Date.now() - started) / 1000).toFixed(0)} s`)
    }, 450_000)

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true })
    })

    it('writes one page per slide, in their final state, and a handout with every slide', async () => {
      expect(exportLog).toContain(`(${slides.length} pages)`)
      expect(await pages(join(dir, 'talk.pdf'))).toBe(slides.length)
      const handout = join(dir, 'talk-handout.pdf')
      expect(await pages(handout)).toBe(slides.length)
      // The handout carries the notes: the Promise.all slide's notes are in it as text.
      const all = (await run('pdftotext', [handout, '-'])).stdout
      const notes = slides.find(s => s.content.includes('<EggRun demo="promise-all"'))!.note!
      expect(all.replace(/\s+/g, ' ')).toContain(notes.split('\n')[0].replace(/[*`_]/g, '').replace(/\s+/g, ' ').slice(0, 40))
    })

    it('titles both PDFs with the deck\'s title, and gives both an outline of its sections', async () => {
      const title = String((await load({ roots: [root], userRoot: root }, join(root, entry))).headmatter.title)
      const sections = slides.filter(slide => typeof slide.frontmatter.section === 'string')
      for (const [file, expected] of [['talk.pdf', title], ['talk-handout.pdf', `${title}: handout`]]) {
        const pdf = await PDFDocument.load(await readFile(join(dir, file)))
        expect(pdf.getTitle(), file).toBe(expected)
        const outline = readOutline(pdf)
        // Every section divider is a top-level entry, numbered as the roadmap numbers it, on its slide's page.
        expect(outline.filter(line => /^\d+\. /.test(line)), file).toEqual(sections.map((slide, i) =>
          `${i + 1}. ${slide.frontmatter.section} → ${slides.indexOf(slide) + 1}`))
        expect(outline[0], file).toBe(`${slides[0].title} → 1`)
      }
    })

    it('shows the recorded totals on the Promise.all and sequential slides, as selectable text', async () => {
      for (const demo of ['promise-all', 'sequential']) {
        const no = slides.findIndex(s => s.content.includes(`<EggRun demo="${demo}"`)) + 1
        const recorded = recordings.runs[demo]
        const text = (await pageText(join(dir, 'talk.pdf'), no)).replace(/\s+/g, ' ')
        expect(text).toContain(`measured ${formatMs(recorded.elapsedMs)}`)
        expect(text).toContain(`${(recorded.elapsedMs / recorded.idealMs).toFixed(2)} × ideal`)
        expect(text).toContain(`Recorded ${recordings.provenance.recordedAt.slice(0, 10)}`)
      }
    })

    it('prints the event-loop slides with their steps, numbered, in both PDFs', async () => {
      let checked = 0
      for (const [i, slide] of slides.entries()) {
        const name = slide.content.match(/<EventLoopDiagram scenario="(\w+)"/)?.[1] as keyof typeof scenarios | undefined
        if (!name) continue
        for (const file of ['talk.pdf', 'talk-handout.pdf']) {
          const text = (await pageText(join(dir, file), i + 1)).replace(/\s+/g, ' ')
          for (const [n, move] of movements(scenarios[name]).entries())
            expect(text, `${file} page ${i + 1} (${name})`).toContain(`${n + 1} ${movementText(move)}`)
        }
        checked++
      }
      expect(checked).toBeGreaterThanOrEqual(3)
    })

    it('prints every slide as the stage shows it: nothing needed opening or zooming for paper', async () => {
      // The export fails (and writes nothing) when anything is cut off or the layout check finds a problem;
      // that it wrote the PDFs is the pass. That it fitted nothing means no slide scrolls or is zoomed on stage.
      expect(exportLog).toContain('export: wrote ')
      expect(exportLog).not.toContain('fitted for paper')
    })

    it('handout: notes read as prose, with no clicker cue and no click marker left in the text', async () => {
      const texts = await pagesText(join(dir, 'talk-handout.pdf'))
      expect(texts).toHaveLength(slides.length)
      let checked = 0
      for (const [i, text] of texts.entries()) {
        expect(text, `page ${i + 1}`).not.toMatch(/Press →|Press through|\bClicks? \d+(?: (?:and|to) \d+)?:/)
        // Slidev draws a marker as its number: on paper the words after it would follow a stray "3".
        for (const { clicks, words } of wordsAfterMarkers(slides[i].note ?? '')) {
          expect(text, `page ${i + 1}`).toContain(words)
          expect(text, `page ${i + 1}: marker ${clicks} shows`).not.toMatch(new RegExp(`\\b${clicks}\\s*${words}`))
          checked++
        }
      }
      expect(checked).toBeGreaterThan(40)
    })

    it('handout: each slide fills the text column, centred, with its notes beneath at 10 to 11 pt', async () => {
      const pages = await pageBlocks(join(dir, 'talk-handout.pdf'))
      const [pageWidth, left] = [A4.width * PT_PER_PX, MARGIN.x * PT_PER_PX]
      const right = left + COLUMN_WIDTH * PT_PER_PX
      // The cover is centred on its slide: its title is centred on the page. Its last line sits in the
      // slide's bottom right corner, 24 px in: the slide reaches the column's right edge.
      const cover = pages[0]
      const title = cover.reduce((a, b) => (b.yMax - b.yMin > a.yMax - a.yMin ? b : a))
      expect(Math.abs((title.xMin + title.xMax) / 2 - pageWidth / 2)).toBeLessThan(2)
      const corner = cover.find(block => block.lines[0].text.includes('every demo runs live'))!
      expect(corner.xMax).toBeGreaterThan(right - 24 * (COLUMN_WIDTH / 980) * PT_PER_PX - 3) // 980 px: Slidev's slide width
      expect(corner.xMax).toBeLessThan(right)
      // Notes paragraphs start at the column's left edge (slide text is inset); the distance between their lines
      // is the leading: NOTES_LEADING times the size.
      const sizes = pages.map((blocks) => {
        const pitches = blocks.filter(block => Math.abs(block.xMin - left) < 0.5 && block.lines.length > 1)
          .flatMap(block => block.lines.slice(1).map((line, i) => line.yMin - block.lines[i].yMin))
          .sort((a, b) => a - b)
        return pitches.length ? pitches[Math.floor(pitches.length / 2)] / NOTES_LEADING : undefined
      })
      const measured = sizes.filter(size => size !== undefined)
      expect(measured.length).toBeGreaterThan(slides.length / 3)
      for (const [i, size] of sizes.entries()) {
        if (size === undefined) continue
        expect(size, `page ${i + 1}`).toBeGreaterThanOrEqual(MIN_NOTES_PT - 0.05)
        expect(size, `page ${i + 1}`).toBeLessThanOrEqual(11)
      }
      // Pages set smaller to fit are named in the export's log; every other page has the notes at NOTES_PT.
      const smaller = new Set([...(exportLog.match(/set smaller to fit their page: (.*)/)?.[1] ?? '').matchAll(/slide (\d+)/g)].map(m => Number(m[1])))
      for (const [i, size] of sizes.entries()) {
        if (size !== undefined && !smaller.has(i + 1)) expect(size, `page ${i + 1}`).toBeCloseTo(NOTES_PT, 1)
      }
    })

    it('has no page with a Run button and no result beside it', async () => {
      const pdf = join(dir, 'talk.pdf')
      for (let page = 1; page <= slides.length; page++) {
        const text = await pageText(pdf, page)
        expect(text, `page ${page}`).not.toMatch(/run ▶|run again|frying…|Next click \(or the button\)|No recorded run/)
        if (slides[page - 1].content.includes('<EggRun')) expect(text, `page ${page}`).toMatch(/measured .*× ideal/)
      }
    })
  })
}

describe('npm run export on a deck with a defect', () => {
  // A two-slide deck beside the real ones (Slidev takes the project's setup from the deck's folder).
  const fixture = join(root, 'export-fixture-cut.md')
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'egg-export-cut-'))
    await writeFile(fixture, [
      '---',
      'theme: seriph',
      'title: A cut slide',
      'layout: default',
      'fonts:',
      '  provider: none',
      '---',
      '',
      '# Fine',
      '',
      '---',
      '',
      '# Too wide',
      '',
      '<div style="width: 1400px">a table far too wide for its slide</div>',
      '',
    ].join('\n'))
  })
  afterAll(async () => {
    await rm(fixture, { force: true })
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('fails with a line naming the slide and the element, and writes no PDF', async () => {
    const output = join(dir, 'cut.pdf')
    const failed = await run('npm', ['run', 'export', '--', 'export-fixture-cut.md', '--no-handout', '--output', output], { cwd: root, timeout: 300_000 })
      .then(() => undefined, (err: { code: number, stderr: string }) => err)
    expect(failed?.code).toBe(1)
    const lines = failed!.stderr.trim().split('\n').filter(line => line.startsWith('export:'))
    expect(lines.some(line => /^export: slide 0*2: <div> "a table far too wide.*" reaches \d+ px past the right of the slide$/.test(line)), lines.join('\n')).toBe(true)
    expect(lines.at(-1)).toMatch(/^export: \d+ problems? .*, so no PDF was written$/)
    expect(lines.every(line => !/slide 0*1:/.test(line))).toBe(true)
    expect(failed!.stderr).not.toMatch(/\n\s+at /)
    await expect(readFile(output)).rejects.toThrow(/ENOENT/)
  }, 320_000)
})

describe('the handout\'s fit: a page whose notes run long sets them smaller, never below the least size', () => {
  it('leaves a page that fits, shrinks one that does not, and reports one that cannot fit', async () => {
    const browser = await launchChromium()
    try {
      const page = await browser.newPage({ viewport: { width: 794, height: 1123 } })
      // A sheet is 1122.5 px; a page is 80 px of margins, a block standing in for the slide, and 20 lines of notes
      // at 2 px per pt each (leading 1.5): 420 px at 10.5 pt, 410 at 10.25, 400 at 10.
      const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('<br>')
      const fixture = (slide: number, block: number) => `<section class="handout-page" data-slide="${slide}" style="padding: 40px 57px">
        <div style="height: ${block}px"></div><div class="handout-notes" style="line-height: ${NOTES_LEADING}; font-family: serif">${lines}</div></section>`
      await page.setContent(`<body style="margin: 0">${fixture(1, 500)}${fixture(2, 632)}${fixture(3, 700)}</body>`)
      const fit = await page.evaluate(fitHandoutPages, { sheetPx: A4.height, notesPt: NOTES_PT, minPt: MIN_NOTES_PT })
      expect(fit.smaller).toEqual([{ slide: 2, pt: 10.25 }, { slide: 3, pt: MIN_NOTES_PT }])
      expect(fit.overflowing).toEqual([{ slide: 3, px: expect.any(Number) }])
      expect(fit.overflowing[0].px).toBeGreaterThan(50)
      const px = await page.locator('.handout-notes').evaluateAll(notes => notes.map(el => Number.parseFloat(getComputedStyle(el).fontSize)))
      expect(px.map(size => Math.round(size * PT_PER_PX * 100) / 100)).toEqual([NOTES_PT, 10.25, MIN_NOTES_PT])
    }
    finally {
      await browser.close()
    }
  })
})

describe('npm run export -- --range', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'egg-export-range-'))
  })
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('prints only the slides slidev export would, in both PDFs, with the outline pointing at them', async () => {
    const output = join(dir, 'part.pdf')
    // As with slidev export, --output may leave out the .pdf.
    await run('npm', ['run', 'export', '--', DECKS.conference, '--range', '1,3-4', '--output', join(dir, 'part')], { cwd: root, timeout: 300_000 })
    expect(await pages(output)).toBe(3)
    expect(await pages(join(dir, 'part-handout.pdf'))).toBe(3)
    const outline = readOutline(await PDFDocument.load(await readFile(output)))
    expect(outline.length).toBeGreaterThan(0)
    expect(outline.every(line => /→ [1-3]$/.test(line))).toBe(true)
  }, 320_000)

  it.each(['three', '0-3'])('refuses a range it cannot read (%s), in one line', async (range) => {
    const failed = await run('npm', ['run', 'export', '--', DECKS.conference, '--range', range, '--output', join(dir, 'x.pdf')], { cwd: root })
      .then(() => undefined, (err: { code: number, stderr: string }) => err)
    expect(failed?.code).toBe(1)
    expect(failed?.stderr.trim().split('\n').filter(line => line.startsWith('export:'))).toEqual([
      `export: --range takes slide numbers and ranges, as slidev export does, e.g. 1,4-6 or 10- (got "${range}")`,
    ])
    expect(failed?.stderr).not.toMatch(/\n\s+at /)
  })
})
