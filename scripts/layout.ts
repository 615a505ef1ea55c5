// `npm run layout -- [slides.md | workshop.md] [--scheme dark | light]`
// The layout check on every slide of a deck (both decks by default) in its final click state, at 1920×1080,
// in dark and in light: prints one line per defect (slide, element, reason) and a count by reason, and exits 1
// if there is any. The rules are in scripts/lib/layoutCheck.ts.

import process from 'node:process'
import { parseArgs } from 'node:util'
import { DECKS, launchChromium } from './lib/deck.ts'
import { checkPrintViewLayout, servePrintView } from './lib/printView.ts'

function fail(message: string): never {
  console.error(`layout: ${message}`)
  process.exit(2)
}

let parsed
try {
  parsed = parseArgs({ allowPositionals: true, options: { scheme: { type: 'string' } } })
}
catch (err) {
  fail(`${(err as Error).message.split('\n')[0]}. Usage: npm run layout -- [slides.md | workshop.md] [--scheme dark | light]`)
}
const decks = parsed.positionals.length ? parsed.positionals : Object.values(DECKS)
for (const deck of decks) {
  if (!(Object.values(DECKS) as string[]).includes(deck)) fail(`the deck to check is one of ${Object.values(DECKS).join(', ')} (got ${deck})`)
}
const schemes = parsed.values.scheme ? [parsed.values.scheme] : ['dark', 'light']
if (schemes.some(scheme => scheme !== 'dark' && scheme !== 'light')) fail(`--scheme is dark or light (got ${parsed.values.scheme})`)

/** What kind of defect a line reports, for the summary. */
function reasonOf(line: string): string {
  if (line.includes(' past the ')) return 'off the slide'
  if (/ (?:scrolls|clips): /.test(line)) return 'clipped or scrolled'
  if (line.includes(' px at ')) return 'text too small'
  if (line.includes(' has contrast ')) return 'contrast too low'
  if (line.includes(' has no glyph ')) return 'missing glyph'
  if (line.includes(' is covered by ')) return 'covered label'
  return 'other'
}

const browser = await launchChromium()
let failed = false
try {
  for (const deck of decks) {
    const server = await servePrintView(deck)
    try {
      for (const scheme of schemes) {
        const { problems } = await checkPrintViewLayout(browser, server, scheme as 'dark' | 'light')
        for (const line of problems) console.log(`${deck} (${scheme}) ${line}`)
        const slides = new Map<string, Set<string>>()
        for (const line of problems) {
          const reason = reasonOf(line)
          if (!slides.has(reason)) slides.set(reason, new Set())
          slides.get(reason)!.add(line.split(':')[0])
        }
        const counts = [...slides].map(([reason, set]) => `${reason} on ${set.size}`).join(', ')
        console.log(`layout: ${deck} in ${scheme}: ${problems.length ? `${problems.length} problems (${counts} slides)` : 'nothing to fix'}`)
        failed ||= problems.length > 0
      }
    }
    finally {
      await server.close()
    }
  }
}
catch (err) {
  fail((err as Error).message.split('\n')[0])
}
finally {
  await browser.close()
}
process.exit(failed ? 1 : 0)
