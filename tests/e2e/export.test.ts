// The real export: `npm run export` into a temp dir, then the PDFs read back with poppler's tools.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
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

    it('prints every slide as the stage shows it: nothing needed opening or zooming for paper', async () => {
      // The export fails (and writes nothing) when anything is cut off or the layout check finds a problem;
      // that it wrote the PDFs is the pass. That it fitted nothing means no slide scrolls or is zoomed on stage.
      expect(exportLog).toContain('export: wrote ')
      expect(exportLog).not.toContain('fitted for paper')
    })

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
