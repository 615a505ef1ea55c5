// `npm run timing`: how long each deck takes to give, section by section, estimated from what is said
// and what runs: the presenter notes read at 130 words a minute, plus each live demo's ideal run time at
// the deck's frying time (eggMs). Clicks, laughs and questions are not in it: treat it as a floor.

import { join } from 'node:path'
import process from 'node:process'
import { pathToFileURL } from 'node:url'
import { load } from '@slidev/parser/fs'
import { demos, isDemoId } from '../deck/demos.ts'
import { DECKS, root } from './lib/deck.ts'

export const WORDS_PER_MINUTE = 130
/** The conference cut's slot. */
export const CONFERENCE_LIMIT_MIN = 40

export interface SlideTiming {
  no: number
  /** The file (and so the page) the slide comes from, relative to the project. */
  file: string
  /** Its index in that file, from 0. */
  index: number
  title: string
  words: number
  demos: string[]
  demoMs: number
}

export interface SectionTiming {
  /** 0 for what comes before the first section (cover, opening); then 1, 2, … as the roadmap numbers them. */
  number: number
  label: string
  slides: SlideTiming[]
  words: number
  demoMs: number
  minutes: number
}

export interface DeckTiming {
  entry: string
  title: string
  eggMs: number
  slides: SlideTiming[]
  sections: SectionTiming[]
  minutes: number
}

const countWords = (text: string) => text.split(/\s+/).filter(word => /\w/.test(word)).length

export async function deckTiming(entry: string): Promise<DeckTiming> {
  const deck = await load({ roots: [root], userRoot: root } as Parameters<typeof load>[0], join(root, entry))
  const eggMs = Number((deck.headmatter as { eggMs?: number }).eggMs ?? 1500)
  const sections: SectionTiming[] = [{ number: 0, label: 'Opening', slides: [], words: 0, demoMs: 0, minutes: 0 }]
  const slides = deck.slides.map((slide, i): SlideTiming => {
    const ids = [...slide.content.matchAll(/<EggRun[^>]*\sdemo="([\w-]+)"/g)].map(match => match[1])
    const unknown = ids.filter(id => !isDemoId(id))
    if (unknown.length) throw new Error(`${entry}: slide ${i + 1} runs no such demo: ${unknown.join(', ')}`)
    return {
      no: i + 1,
      file: slide.source.filepath.slice(root.length + 1),
      index: slide.source.index,
      title: slide.title ?? '',
      words: countWords(slide.note ?? ''),
      demos: ids,
      demoMs: ids.filter(isDemoId).reduce((sum, id) => sum + demos[id].idealMs(eggMs), 0),
    }
  })
  deck.slides.forEach((slide, i) => {
    const label = slide.frontmatter.section
    if (typeof label === 'string') sections.push({ number: sections.length, label, slides: [], words: 0, demoMs: 0, minutes: 0 })
    sections.at(-1)!.slides.push(slides[i])
  })
  for (const section of sections) {
    section.words = section.slides.reduce((sum, slide) => sum + slide.words, 0)
    section.demoMs = section.slides.reduce((sum, slide) => sum + slide.demoMs, 0)
    section.minutes = section.words / WORDS_PER_MINUTE + section.demoMs / 60_000
  }
  return {
    entry,
    title: String(deck.headmatter.title ?? entry),
    eggMs,
    slides,
    sections: sections.filter(section => section.slides.length > 0),
    minutes: sections.reduce((sum, section) => sum + section.minutes, 0),
  }
}

const minutes = (value: number) => `${value.toFixed(1)} min`

export function formatTiming(timing: DeckTiming): string {
  const rows = timing.sections.map(section => [
    section.number || '',
    section.label,
    section.slides.length,
    section.words,
    section.slides.flatMap(s => s.demos).length,
    `${(section.demoMs / 1000).toFixed(1)} s`,
    minutes(section.minutes),
  ].join(' | ')).map(row => `| ${row} |`)
  const words = timing.slides.reduce((sum, slide) => sum + slide.words, 0)
  const demoCount = timing.slides.flatMap(slide => slide.demos).length
  const demoMs = timing.slides.reduce((sum, slide) => sum + slide.demoMs, 0)
  return [
    `${timing.title} (${timing.entry}): ${timing.slides.length} slides, about ${minutes(timing.minutes)}`,
    '',
    '| # | section | slides | note words | live demos | demo time | estimate |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| | **total** | **${timing.slides.length}** | **${words}** | **${demoCount}** | **${(demoMs / 1000).toFixed(1)} s** | **${minutes(timing.minutes)}** |`,
  ].join('\n')
}

async function main() {
  const conference = await deckTiming(DECKS.conference)
  const workshop = await deckTiming(DECKS.workshop)
  console.log(`Notes read at ${WORDS_PER_MINUTE} words a minute, plus each live demo's ideal run time at the deck's eggMs.\n`)
  console.log(formatTiming(conference))
  console.log()
  console.log(formatTiming(workshop))
  if (conference.minutes > CONFERENCE_LIMIT_MIN) {
    console.error(`\ntiming: the conference cut is over its ${CONFERENCE_LIMIT_MIN} minutes`)
    process.exitCode = 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href)
  await main()
