// `npm run export [-- slides.md | workshop.md] [--out slides-export.pdf] [--handout slides-handout.pdf] [--dark]`
// Prints the deck to PDF through Debian's Chromium (CHROMIUM_PATH), one page per slide in its final
// state, with every live demo showing its recorded run (recordings/demos.json, from `npm run record`);
// then the handout: each slide with its presenter notes, on A4.
// Like `slidev export`, it serves the deck with Slidev's own export-mode server; unlike it, it prints
// slide by slide: printed in one piece, a deck this long comes out shrunk and cut short by Chromium.
// Paper cannot scroll: code that scrolls in a box on stage is printed whole, a slide that would then spill
// is zoomed out to fit, and anything still cut off is printed as a warning (scripts/lib/paper.ts).

import type { Browser, Page } from 'playwright-core'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import process from 'node:process'
import { parseArgs } from 'node:util'
import { createServer, resolveOptions } from '@slidev/cli'
import { PDFDocument } from 'pdf-lib'
import { DECKS, freePort, launchChromium, root } from './lib/deck.ts'
import { PAGE_SHIM, paperPass } from './lib/paper.ts'

const BATCH = 1
const TIMEOUT = 180_000

function fail(message: string): never {
  console.error(`export: ${message}`)
  process.exit(1)
}

let parsed
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { 'out': { type: 'string' }, 'handout': { type: 'string' }, 'dark': { type: 'boolean' }, 'no-handout': { type: 'boolean' } },
  })
}
catch (err) {
  fail(`${(err as Error).message.split('\n')[0]}. Usage: npm run export -- [slides.md | workshop.md] `
    + `[--out slides-export.pdf] [--handout slides-handout.pdf] [--no-handout] [--dark]`)
}
const entry = parsed.positionals[0] ?? DECKS.conference
if (parsed.positionals.length > 1 || !(Object.values(DECKS) as string[]).includes(entry))
  fail(`the deck to export is one of ${Object.values(DECKS).join(', ')} (got ${parsed.positionals.join(' ')})`)
const args = parsed.values
const out = resolve(args.out ?? join(root, `${entry.replace(/\.md$/, '')}-export.pdf`))
const handoutOut = args['no-handout'] ? undefined : resolve(args.handout ?? out.replace(/(-export)?\.pdf$/, '-handout.pdf'))
if (!existsSync(join(root, 'recordings', 'demos.json'))) fail('no recordings/demos.json: run npm run record first')

const started = Date.now()
const options = await resolveOptions({ entry: join(root, entry) }, 'export')
const total = options.data.slides.length
const width = options.data.config.canvasWidth
const height = Math.round(width / options.data.config.aspectRatio)
const port = await freePort()
const server = await createServer(options, { server: { port, host: '127.0.0.1' }, clearScreen: false, logLevel: 'warn' })
await server.listen(port)
const base = `http://127.0.0.1:${port}`

let browser: Browser | undefined
try {
  browser = await launchChromium()
  const scheme = args.dark ? 'dark' : 'light'

  /**
   * Paper cannot scroll: opens code boxes that scroll on stage and zooms out any slide that then spills,
   * then warns about anything still cut off (the print stylesheet clips a slide at its edges, so one wide
   * slide cannot shrink the whole PDF).
   */
  async function fitForPaper(page: Page) {
    const fitted = await page.evaluate(paperPass, 'fit' as const)
    const hidden = await page.evaluate(paperPass, 'check' as const)
    if (fitted.length) console.log(`export: fitted for paper: ${fitted.join('; ')}`)
    for (const line of hidden) console.log(`export: warning: ${line}`)
  }

  /** Loads a print view and waits until `count` elements match `selector` and nothing is loading. */
  async function open(page: Page, path: string, selector: string, count: number) {
    // A fresh server makes the deck's CSS as it compiles each slide (UnoCSS) and sends it to the page as hot
    // updates, some after the slides have rendered: a fit measured then can be undone by the next update.
    // So load until everything renders, then once more, on a server whose stylesheet is complete.
    for (let attempt = 0, rendered = 0; rendered < 2; attempt++) {
      await page.goto(`${base}${path}`, { waitUntil: 'networkidle', timeout: TIMEOUT })
      try {
        await page.waitForFunction(([s, n]) => document.querySelectorAll(s as string).length === n
          && !document.querySelector('.slidev-slide-loading'), [selector, count] as const, { timeout: 60_000 })
        rendered++
        if (rendered === 1) await page.waitForTimeout(2000)
      }
      catch (err) {
        if (attempt >= 3) throw new Error(`${path} did not render ${count} × ${selector}: ${(err as Error).message.split('\n')[0]}`)
      }
    }
    await page.emulateMedia({ colorScheme: scheme, media: 'screen' })
    await page.evaluate(() => document.fonts.ready)
  }

  // One load of the print view with every slide; then print each slide alone, hiding the others.
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 2, colorScheme: scheme })
  await context.addInitScript(PAGE_SHIM)
  const page = await context.newPage()
  await open(page, '/print?print=true', '.print-slide-container', total)
  await fitForPaper(page)
  const merged = await PDFDocument.create()
  for (let first = 1; first <= total; first += BATCH) {
    const last = Math.min(total, first + BATCH - 1)
    await page.evaluate(([a, b]) => document.querySelectorAll<HTMLElement>('.print-slide-container').forEach((el) => {
      const no = Number(el.id.split('-')[0])
      el.style.display = no >= a && no <= b ? '' : 'none'
    }), [first, last] as const)
    const part = await PDFDocument.load(await page.pdf({
      width: `${width}px`,
      height: `${height}px`,
      printBackground: true,
      preferCSSPageSize: true,
      margin: { top: 0, right: 0, bottom: 0, left: 0 },
    }))
    const count = last - first + 1
    // Chromium may add one empty page after the last slide; anything else means a slide spilled over.
    if (part.getPageCount() < count || part.getPageCount() > count + 1)
      throw new Error(`slides ${first}-${last} printed as ${part.getPageCount()} pages, not ${count}; a slide may spill over its page`)
    for (const copied of await merged.copyPages(part, Array.from({ length: count }, (_, i) => i))) merged.addPage(copied)
    if (last % 20 === 0 || last === total) console.log(`export: ${last} of ${total} slides`)
  }
  await context.close()
  if (merged.getPageCount() !== total) throw new Error(`the PDF has ${merged.getPageCount()} pages for ${total} slides; a slide may spill over its page`)
  merged.setTitle(String(options.data.config.title ?? 'slides'))
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, await merged.save())
  console.log(`export: wrote ${relative(process.cwd(), out)} (${total} pages)`)

  if (handoutOut) {
    const context = await browser.newContext({ viewport: { width: 794, height: 1123 }, colorScheme: 'light' })
    await context.addInitScript(PAGE_SHIM)
    const page = await context.newPage()
    await open(page, '/handout?print=true', '.handout-page', total)
    await fitForPaper(page)
    await mkdir(dirname(handoutOut), { recursive: true })
    await page.pdf({ path: handoutOut, format: 'A4', printBackground: true, preferCSSPageSize: true, margin: { top: 0, right: 0, bottom: 0, left: 0 } })
    await context.close()
    console.log(`export: wrote ${relative(process.cwd(), handoutOut)} (handout, ${total} slides with notes)`)
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
