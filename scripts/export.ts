// `npm run export -- [slides.md | workshop.md] [--output slides-export.pdf] [--range 1,4-6] [--dark]
//   [--handout slides-handout.pdf | --no-handout] [--executable-path /usr/bin/chromium]`
// Prints the deck to PDF through Debian's Chromium, one page per slide in its final state, with every live
// demo showing its recorded run (recordings/demos.json, from `npm run record`), and an outline of its
// sections; then the handout: each slide with its presenter notes, on A4. Flags as `slidev export` names them.
//
// Why not stock `slidev export`? Measured on the 42-slide conference cut (Slidev 52.20.1, Chromium 156):
// - in one piece (its default) it printed 37 pages for 42 slides, blank ones without --wait, then crashed
//   writing the outline (--with-toc: "38||Structured concurrency … out of this range");
// - --per-slide printed all 42 with their recorded runs, in 3 min 54 s (this script: about 35 s), with no
//   outline: --with-toc fails with --per-slide, as Slidev's help says;
// - neither opens code that scrolls on stage, checks that nothing is cut off, or prints a handout.
// So this script keeps only what Slidev cannot do: one load printed slide by slide, the paper fit and its
// check (scripts/lib/paper.ts), the outline (scripts/lib/outline.ts) and the handout (handout/Handout.vue).
// It still serves the deck with Slidev's own export-mode server.

import type { Browser, Page } from 'playwright-core'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { parseRangeString } from '@slidev/parser'
import { PDFDocument } from 'pdf-lib'
import { A4, fitHandoutPages, MIN_NOTES_PT, NOTES_PT } from '../handout/layout.ts'
import { DECKS, launchChromium, root } from './lib/deck.ts'
import { LAYOUT_RULES, layoutCheck } from './lib/layoutCheck.ts'
import { sectionOutline, setOutline } from './lib/outline.ts'
import { PAGE_SHIM, paperPass } from './lib/paper.ts'
import { loadPrintView, servePrintView } from './lib/printView.ts'

const TIMEOUT = 180_000

function fail(message: string): never {
  console.error(`export: ${message}`)
  process.exit(1)
}

const USAGE = 'Usage: npm run export -- [slides.md | workshop.md] [--output slides-export.pdf] [--range 1,4-6] [--dark] '
  + '[--handout slides-handout.pdf | --no-handout] [--executable-path /usr/bin/chromium]'
let parsed
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      'output': { type: 'string' },
      'range': { type: 'string' },
      'dark': { type: 'boolean' },
      'handout': { type: 'string' },
      'no-handout': { type: 'boolean' },
      'executable-path': { type: 'string' },
    },
  })
}
catch (err) {
  fail(`${(err as Error).message.split('\n')[0]}. ${USAGE}`)
}
const entry = parsed.positionals[0] ?? DECKS.conference
if (parsed.positionals.length > 1 || !/\.md$/.test(entry) || !existsSync(join(root, entry)))
  fail(`the deck to export is a Slidev .md file in the project, such as ${Object.values(DECKS).join(' or ')} (got ${parsed.positionals.join(' ')})`)
const args = parsed.values
// Like slidev export, --output names the file with or without its .pdf.
const out = resolve(args.output ? args.output.replace(/(?<!\.pdf)$/i, '.pdf') : join(root, `${entry.replace(/\.md$/, '')}-export.pdf`))
const handoutOut = args['no-handout'] ? undefined : resolve(args.handout ?? out.replace(/(-export)?\.pdf$/, '-handout.pdf'))
if (handoutOut === out) fail(`--handout and --output name the same file: ${out}`)
if (args.range !== undefined && !/^(?:all|\*|[1-9]\d*(?:-(?:[1-9]\d*)?)?(?:[,;][1-9]\d*(?:-(?:[1-9]\d*)?)?)*)$/.test(args.range))
  fail(`--range takes slide numbers and ranges, as slidev export does, e.g. 1,4-6 or 10- (got "${args.range}")`)
if (!existsSync(join(root, 'recordings', 'demos.json'))) fail('no recordings/demos.json: run npm run record first')

const started = Date.now()
const server = await servePrintView(entry)
const { options, total, base } = server
// Slidev's own reading of --range, so "2-" and "1,3" mean what they mean to slidev export.
const printed = parseRangeString(total, args.range)
if (!printed.length) fail(`--range ${args.range} selects none of the ${total} slides`)
const pageOf = (no: number) => (printed.includes(no) ? printed.indexOf(no) : undefined)
const outline = sectionOutline(options.data.slides.map((slide, i) => ({
  no: i + 1,
  title: slide.title,
  section: typeof slide.frontmatter.section === 'string' ? slide.frontmatter.section : undefined,
})), pageOf)
const title = String(options.data.config.title ?? 'slides')
const width = options.data.config.canvasWidth
const height = Math.round(width / options.data.config.aspectRatio)

let browser: Browser | undefined
try {
  browser = await launchChromium(args['executable-path'])
  const scheme = args.dark ? 'dark' : 'light'

  /** Stops the export with one line per problem and writes nothing. */
  function refuse(lines: string[], what: string): never {
    for (const line of lines) console.error(`export: ${line}`)
    throw new Error(`${lines.length} problem${lines.length === 1 ? '' : 's'} ${what}, so no PDF was written`)
  }

  /**
   * Paper cannot scroll: opens code boxes that scroll on stage and zooms out any slide that then spills
   * (a deck with `zoom:` slides prints right only this way). Then fails if anything is still cut off (the
   * print stylesheet clips a slide at its edges, so one wide slide cannot shrink the whole PDF).
   */
  async function fitForPaper(page: Page) {
    const fitted = await page.evaluate(paperPass, 'fit' as const)
    if (fitted.length) console.log(`export: fitted for paper: ${fitted.join('; ')}`)
    const cut = await page.evaluate(paperPass, 'check' as const)
    if (cut.length) refuse(cut, 'cut off on paper')
  }

  /** The layout check of `npm run layout` on the slides being printed, as they are printed; fails on any problem. */
  async function checkLayout(page: Page) {
    const problems = (await page.evaluate(layoutCheck, LAYOUT_RULES)).filter((line) => {
      const no = /^slide (\d+)/.exec(line)?.[1]
      return no === undefined || printed.includes(Number(no))
    })
    if (problems.length) refuse(problems, 'found by the layout check (npm run layout shows them on both schemes)')
  }

  /** Loads a print view, in the export's colour scheme. */
  async function open(page: Page, path: string, selector: string, count: number) {
    await loadPrintView(page, `${base}${path}`, selector, count, TIMEOUT)
    await page.emulateMedia({ colorScheme: scheme, media: 'screen' })
  }

  // One load of the print view with every slide; then print each slide alone, hiding the others.
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2, colorScheme: scheme })
  await context.addInitScript(PAGE_SHIM)
  const page = await context.newPage()
  await open(page, '/print?print=true', '.print-slide-container', total)
  // The layout check first, on the slides as the stage shows them: the paper fit would shrink a slide that spills.
  await checkLayout(page)
  await fitForPaper(page)
  const merged = await PDFDocument.create()
  for (const [i, no] of printed.entries()) {
    await page.evaluate(shown => document.querySelectorAll<HTMLElement>('.print-slide-container').forEach((el) => {
      el.style.display = Number(el.id.split('-')[0]) === shown ? '' : 'none'
    }), no)
    const part = await PDFDocument.load(await page.pdf({
      width: `${width}px`,
      height: `${height}px`,
      printBackground: true,
      preferCSSPageSize: true,
      margin: { top: 0, right: 0, bottom: 0, left: 0 },
    }))
    // Chromium may add one empty page after the slide; anything else means the slide spilled over.
    if (part.getPageCount() < 1 || part.getPageCount() > 2)
      throw new Error(`slide ${no} printed as ${part.getPageCount()} pages, not 1; it may spill over its page`)
    merged.addPage((await merged.copyPages(part, [0]))[0])
    if ((i + 1) % 20 === 0 || i + 1 === printed.length) console.log(`export: ${i + 1} of ${printed.length} slides`)
  }
  await context.close()
  merged.setTitle(title, { showInWindowTitleBar: true })
  setOutline(merged, outline)
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, await merged.save())
  console.log(`export: wrote ${relative(process.cwd(), out)} (${printed.length} pages)`)

  if (handoutOut) {
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, colorScheme: 'light' })
    await context.addInitScript(PAGE_SHIM)
    const page = await context.newPage()
    await open(page, '/handout?print=true', '.handout-page', total)
    await page.evaluate((shown) => {
      const pages = [...document.querySelectorAll<HTMLElement>('.handout-page')]
      pages.forEach(el => (el.style.display = shown.includes(Number(el.dataset.slide)) ? '' : 'none'))
      // No blank sheet after the last page printed, whichever slide it is.
      const last = pages.findLast(el => el.style.display !== 'none')
      if (last) last.style.breakAfter = 'auto'
    }, printed)
    await fitForPaper(page)
    // One sheet per slide: a page whose notes run long sets them smaller, down to MIN_NOTES_PT, rather than spill.
    const fit = await page.evaluate(fitHandoutPages, { sheetPx: A4.height, notesPt: NOTES_PT, minPt: MIN_NOTES_PT })
    console.log(`export: handout notes at ${NOTES_PT} pt${fit.smaller.length
      ? `; set smaller to fit their page: ${fit.smaller.map(({ slide, pt }) => `slide ${slide} at ${pt} pt`).join(', ')}`
      : ''}`)
    if (fit.overflowing.length)
      refuse(fit.overflowing.map(({ slide, px }) => `handout slide ${slide}: notes run ${px} px past the sheet even at ${MIN_NOTES_PT} pt`), 'in the handout')
    const handout = await PDFDocument.load(await page.pdf({
      format: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
      margin: { top: 0, right: 0, bottom: 0, left: 0 },
    }))
    await context.close()
    handout.setTitle(`${title}: handout`, { showInWindowTitleBar: true })
    // One A4 page per slide, so the deck's outline fits the handout as it is.
    if (handout.getPageCount() !== printed.length)
      throw new Error(`the handout printed ${handout.getPageCount()} pages for ${printed.length} slides; a slide's notes may spill over its page`)
    setOutline(handout, outline)
    await mkdir(dirname(handoutOut), { recursive: true })
    await writeFile(handoutOut, await handout.save())
    console.log(`export: wrote ${relative(process.cwd(), handoutOut)} (handout, ${printed.length} slides with notes)`)
  }
  console.log(`export: done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
}
catch (err) {
  fail((err as Error).message.split('\n')[0])
}
finally {
  await browser?.close()
  await server.close()
}
process.exit(0)
