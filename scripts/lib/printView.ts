// Slidev's print view (/print: every slide in its final click state, demos showing their recorded runs),
// served by Slidev's own export-mode server on loopback, as `slidev export` serves it. The export prints
// it; the layout check reads it.

import type { ResolvedSlidevOptions } from '@slidev/types'
import type { Browser, Page } from 'playwright-core'
import { join } from 'node:path'
import { createServer, resolveOptions } from '@slidev/cli'
import { freePort, root } from './deck.ts'
import { LAYOUT_RULES, layoutCheck } from './layoutCheck.ts'
import { PAGE_SHIM } from './paper.ts'

export interface PrintServer {
  base: string
  options: ResolvedSlidevOptions
  /** Slides in the deck. */
  total: number
  close: () => Promise<void>
}

export async function servePrintView(entry: string): Promise<PrintServer> {
  const options = await resolveOptions({ entry: join(root, entry) }, 'export')
  const port = await freePort()
  const server = await createServer(options, { server: { port, host: '127.0.0.1' }, clearScreen: false, logLevel: 'warn' })
  await server.listen(port)
  return { base: `http://127.0.0.1:${port}`, options, total: options.data.slides.length, close: () => server.close() }
}

/** Loads a print view and waits until `count` elements match `selector`, nothing is loading, and fonts are in. */
export async function loadPrintView(page: Page, url: string, selector: string, count: number, timeout = 180_000): Promise<void> {
  // A fresh server makes the deck's CSS as it compiles each slide (UnoCSS) and sends it to the page as hot
  // updates, some after the slides have rendered: a fit measured then can be undone by the next update.
  // So load until everything renders, then once more, on a server whose stylesheet is complete.
  for (let attempt = 0, rendered = 0; rendered < 2; attempt++) {
    await page.goto(url, { waitUntil: 'networkidle', timeout })
    try {
      await page.waitForFunction(([s, n]) => document.querySelectorAll(s as string).length === n
        && !document.querySelector('.slidev-slide-loading'), [selector, count] as const, { timeout: 60_000 })
      rendered++
      if (rendered === 1) await page.waitForTimeout(2000)
    }
    catch (err) {
      if (attempt >= 3) throw new Error(`${new URL(url).pathname} did not render ${count} × ${selector}: ${(err as Error).message.split('\n')[0]}`)
    }
  }
  await page.evaluate(() => document.fonts.ready)
}

/**
 * The layout check (scripts/lib/layoutCheck.ts) on every slide of a served deck, in one colour scheme, at
 * 1920×1080: its problem lines, and how many slides the print view rendered.
 */
export async function checkPrintViewLayout(browser: Browser, server: PrintServer, scheme: 'dark' | 'light'): Promise<{ problems: string[], slides: number }> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, colorScheme: scheme })
  try {
    await context.addInitScript(PAGE_SHIM)
    const page = await context.newPage()
    await loadPrintView(page, `${server.base}/print?print=true`, '.print-slide-container', server.total)
    return { problems: await page.evaluate(layoutCheck, LAYOUT_RULES), slides: await page.locator('.print-slide-container').count() }
  }
  finally {
    await context.close()
  }
}
