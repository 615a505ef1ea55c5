// Two talks from one set of pages: the conference cut fits its slot, the workshop has every slide,
// no slide is written twice, and the roadmap and the section dividers number the same sections.

import type { DeckTiming } from '../scripts/timing'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseSync } from '@slidev/parser'
import { beforeAll, describe, expect, it } from 'vitest'
import { DECKS, freePorts } from '../scripts/lib/deck'
import { CONFERENCE_LIMIT_MIN, deckTiming, formatTiming, WORDS_PER_MINUTE } from '../scripts/timing'

const root = join(import.meta.dirname, '..')
const pages = readdirSync(join(root, 'pages')).filter(file => file.endsWith('.md')).map(file => `pages/${file}`)
const key = (slide: { file: string, index: number }) => `${slide.file}#${slide.index}`

let conference: DeckTiming
let workshop: DeckTiming
beforeAll(async () => {
  conference = await deckTiming(DECKS.conference)
  workshop = await deckTiming(DECKS.workshop)
})

describe('the conference cut (slides.md)', () => {
  it(`fits ${CONFERENCE_LIMIT_MIN} minutes in 30 to 45 slides, by the same estimate npm run timing prints`, () => {
    expect(conference.slides.length).toBeGreaterThanOrEqual(30)
    expect(conference.slides.length).toBeLessThanOrEqual(45)
    expect(conference.minutes).toBeLessThanOrEqual(CONFERENCE_LIMIT_MIN)
    expect(formatTiming(conference)).toContain(`about ${conference.minutes.toFixed(1)} min`)
  })

  it('keeps the arc: sequential and Promise.all live, the event loop, the trap, failures and cancellation, a stream or channel, structured concurrency', () => {
    const shown = conference.slides.flatMap(slide => slide.demos)
    for (const demo of ['sequential', 'promise-all', 'then-in-a-loop', 'await-in-a-loop', 'race', 'abort'])
      expect(shown, demo).toContain(demo)
    expect(shown.some(demo => ['channel', 'pans', 'for-await', 'server-stream'].includes(demo))).toBe(true)
    const labels = conference.sections.map(section => section.label)
    for (const topic of [/^Ideas/, /kitchen/, /event loop/, /race/, /[Cc]hannel|[Ss]tream/, /Gotchas/, /Structured/])
      expect(labels.some(label => topic.test(label)), String(topic)).toBe(true)
  })

  it('is a cut of the workshop: every slide it shows, the workshop shows too', () => {
    const inWorkshop = new Set(workshop.slides.map(key))
    for (const slide of conference.slides.filter(slide => slide.file.startsWith('pages/')))
      expect(inWorkshop.has(key(slide)), key(slide)).toBe(true)
  })
})

describe('the workshop (workshop.md)', () => {
  it('shows every slide of every page exactly once', () => {
    const shown = workshop.slides.filter(slide => slide.file.startsWith('pages/')).map(key)
    expect(new Set(shown).size).toBe(shown.length)
    for (const file of pages) {
      const count = parseSync(readFileSync(join(root, file), 'utf8'), join(root, file)).slides.length
      for (let index = 0; index < count; index++)
        expect(shown, `${file}#${index} is in no deck`).toContain(`${file}#${index}`)
    }
  })

  it('runs every demo in the registry', async () => {
    const { demos } = await import('../deck/demos')
    const shown = new Set(workshop.slides.flatMap(slide => slide.demos))
    expect(Object.keys(demos).filter(id => !shown.has(id))).toEqual([])
  })

  it('takes about an hour and a half', () => {
    expect(workshop.minutes).toBeGreaterThan(60)
    expect(workshop.minutes).toBeLessThan(110)
  })
})

describe('both decks', () => {
  it.each(Object.values(DECKS))('%s writes no slide of its own but the cover: the rest comes from pages/', (entry) => {
    const own = parseSync(readFileSync(join(root, entry), 'utf8'), join(root, entry)).slides.filter(slide => !slide.frontmatter.src && slide.content.trim())
    expect(own.map(slide => slide.index)).toEqual([0]) // the cover, whose frontmatter is the deck's headmatter
    expect(own[0].content).toContain('# Hello, *async* world!')
  })

  it.each(Object.values(DECKS))('%s: a roadmap before the first section, and a numbered mark on every divider', async (entry) => {
    const timing = entry === DECKS.conference ? conference : workshop
    const { load } = await import('@slidev/parser/fs')
    const deck = await load({ roots: [root], userRoot: root } as Parameters<typeof load>[0], join(root, entry))
    const roadmaps = deck.slides.flatMap((slide, i) => (slide.content.includes('<Roadmap') ? [i] : []))
    const dividers = deck.slides.flatMap((slide, i) => (slide.frontmatter.section ? [i] : []))
    expect(roadmaps).toHaveLength(1)
    expect(roadmaps[0]).toBeLessThan(dividers[0])
    expect(dividers.length).toBe(timing.sections.filter(section => section.number > 0).length)
    expect(dividers.length).toBeGreaterThanOrEqual(6)
    for (const i of dividers) expect(deck.slides[i].content, `slide ${i + 1}`).toContain('<SectionMark />')
    // Nothing else claims a number: the dividers' notes must not say "Part four" (the decks number differently).
    for (const i of dividers) expect(deck.slides[i].note ?? '', `slide ${i + 1}`).not.toMatch(/\bPart (one|two|three|four|five|six|seven|eight|nine)\b/i)
  })

  it.each(Object.values(DECKS))('%s: every src: range names slides that exist (Slidev silently drops the others)', (entry) => {
    for (const [, file, range] of readFileSync(join(root, entry), 'utf8').matchAll(/^src: \.\/(pages\/[\w.-]+\.md)(?:#([\d,-]+))?$/gm)) {
      const count = parseSync(readFileSync(join(root, file), 'utf8'), join(root, file)).slides.length
      for (const number of (range ?? '').split(',').flatMap(part => part.split('-')).filter(Boolean).map(Number))
        expect(number, `${entry}: ${file}#${range}`).toBeLessThanOrEqual(count)
    }
  })

  it('the estimate is notes at 130 words a minute plus demo time, section by section', () => {
    for (const timing of [conference, workshop]) {
      const words = timing.slides.reduce((sum, slide) => sum + slide.words, 0)
      const demoMs = timing.slides.reduce((sum, slide) => sum + slide.demoMs, 0)
      expect(timing.minutes).toBeCloseTo(words / WORDS_PER_MINUTE + demoMs / 60_000, 6)
      expect(timing.sections.reduce((sum, section) => sum + section.slides.length, 0)).toBe(timing.slides.length)
    }
  })
})

describe('free ports for a dev server and its kitchen', () => {
  it('are all different, even asked for many times over (one at a time, the system may hand back the same one)', async () => {
    for (let i = 0; i < 50; i++) {
      const ports = await freePorts(3)
      expect(new Set(ports).size).toBe(3)
      expect(ports.every(port => port > 0 && port < 65536)).toBe(true)
    }
  })
})
