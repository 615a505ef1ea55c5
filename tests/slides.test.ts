// The talk's source, read as text: snippets point at real regions, demos exist, notes are there,
// and nothing loads from the internet.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseSync } from '@slidev/parser'
import { describe, expect, it } from 'vitest'
import { demos } from '../deck/demos'

const root = join(import.meta.dirname, '..')
const sources = ['slides.md', ...readdirSync(join(root, 'pages')).filter(f => f.endsWith('.md')).map(f => `pages/${f}`)]
const text = (file: string) => readFileSync(join(root, file), 'utf8')

describe('the slides\' sources', () => {
  const all = sources.map(file => [file, text(file)] as const)

  it.each(sources)('%s: every <<< snippet names an existing file and region', (file) => {
    for (const [, path, region] of text(file).matchAll(/^<<< @\/(\S+?)(?:#([\w-]+))?(?:\s|$)/gm)) {
      expect(existsSync(join(root, path)), `${file}: ${path}`).toBe(true)
      // Slidev shows the whole file when a region is missing: make that an error instead.
      if (region) expect(text(path), `${file}: ${path}#${region}`).toMatch(new RegExp(`// #region ${region}\\n`))
    }
  })

  it('every <EggRun> names a demo that exists, and every demo is on a slide', () => {
    const used = all.flatMap(([, source]) => [...source.matchAll(/<EggRun[^>]*\sdemo="([\w-]+)"/g)].map(m => m[1]))
    for (const id of used) expect(Object.keys(demos), id).toContain(id)
    expect(used.length).toBeGreaterThanOrEqual(15)
  })

  it('nothing loads from the internet: no remote images, backgrounds, fonts or scripts', () => {
    for (const [file, source] of all) {
      expect(source, file).not.toMatch(/(src|background|image|href)\s*[:=]\s*["']?https?:\/\/(?!localhost|127\.0\.0\.1)[^\s"')]+\.(png|jpe?g|gif|svg|webp|woff2?|css|js)/i)
      expect(source, file).not.toMatch(/^background:\s*https?:/m)
      expect(source, file).not.toMatch(/fonts\.googleapis|unpkg\.com|cdn\.jsdelivr/)
    }
    expect(text('slides.md')).toMatch(/provider:\s*none/)
  })

  it('every slide with content has presenter notes', () => {
    let slides = 0
    for (const [file, source] of all) {
      for (const slide of parseSync(source, join(root, file)).slides) {
        if (slide.frontmatter.src || !slide.content.trim()) continue // an include, not a slide
        slides++
        expect(slide.note?.trim(), `${file}: "${slide.title ?? slide.content.slice(0, 40)}" has no presenter notes`).toBeTruthy()
      }
    }
    expect(slides).toBeGreaterThan(40)
  })

  it('notes mark their clicks with Slidev\'s [click] markers, not clicker cues that mean nothing on paper', () => {
    const cues = /Press →|Press through|\bClicks? \d+(?: (?:and|to) \d+)?:|Before any click|one per click/i
    const found: string[] = []
    let marked = 0
    for (const [file, source] of all) {
      for (const slide of parseSync(source, join(root, file)).slides) {
        const note = slide.note ?? ''
        if (/\[click(?::\d+)?\]/.test(note)) marked++
        for (const line of note.split('\n').filter(line => cues.test(line)))
          found.push(`${file}: "${slide.title}": ${line.slice(0, 80)}`)
      }
    }
    expect(found).toEqual([])
    // The cues became markers: most slides with clicks have them.
    expect(marked).toBeGreaterThan(60)
  })
})
