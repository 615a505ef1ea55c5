// The real export: `npm run export` into a temp dir, then the PDFs read back with poppler's tools.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { load } from '@slidev/parser/fs'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recordings } from '../../deck/recordings'
import { formatMs } from '../../deck/timelineGeometry'
import { DECKS } from '../../scripts/lib/deck'
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

    it('cuts nothing off: no slide spills past its page', async () => {
    // The export checks every slide in both PDFs after fitting them, and warns about anything still hidden.
      expect(exportLog.split('\n').filter(line => line.includes('warning:'))).toEqual([])
    })

    if (entry === DECKS.workshop) {
      it('prints code that scrolls on stage whole', async () => {
        // Code in a box that scrolls on stage ({maxHeight:…}) is opened on paper; the deck may have none left.
        if (slides.some(s => s.content.includes('maxHeight'))) expect(exportLog).toContain('export: fitted for paper:')
        // The channel class, on two slides, prints whole: its last method is on the second one's page.
        const no = slides.findIndex(s => s.content.includes('examples/14-channel.ts#receive')) + 1
        expect(no).toBeGreaterThan(0)
        expect(await pageText(join(dir, 'talk.pdf'), no)).toContain('Symbol.asyncIterator')
      })
    }

    it('has no page with a Run button and no result beside it', async () => {
      const pdf = join(dir, 'talk.pdf')
      for (let page = 1; page <= slides.length; page++) {
        const text = await pageText(pdf, page)
        expect(text, `page ${page}`).not.toMatch(/run ▶|run again|frying…|Press → \(or the button\)|No recorded run/)
        if (slides[page - 1].content.includes('<EggRun')) expect(text, `page ${page}`).toMatch(/measured .*× ideal/)
      }
    })
  })
}

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
