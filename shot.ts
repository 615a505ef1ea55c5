import process from 'node:process'
import { launchChromium } from './scripts/lib/deck.ts'
import { PAGE_SHIM } from './scripts/lib/paper.ts'
import { loadPrintView, servePrintView } from './scripts/lib/printView.ts'

const [deck, schemesArg, ...nos] = process.argv.slice(2)
const browser = await launchChromium()
const server = await servePrintView(deck)
try {
  for (const scheme of schemesArg.split(',')) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, colorScheme: scheme as 'dark' | 'light' })
    await context.addInitScript(PAGE_SHIM)
    const page = await context.newPage()
    await loadPrintView(page, `${server.base}/print?print=true`, '.print-slide-container', server.total)
    for (const no of nos) await page.locator('.print-slide-container').nth(Number(no) - 1).screenshot({ path: `/tmp/shots/${deck.replace('.md', '')}-${no}-${scheme}.png` })
    await context.close()
  }
}
finally {
  await server.close()
  await browser.close()
}
process.exit(0)
