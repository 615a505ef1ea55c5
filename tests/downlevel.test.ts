// The state-machine slides show real compiler output: the committed snippet is what the installed
// TypeScript emits today, the slide's highlights land on its states, and the emitted code runs.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { generate, OUTPUT, region } from '../scripts/generate-downlevel'

const root = join(import.meta.dirname, '..')
const committed = readFileSync(join(root, OUTPUT), 'utf8')
const es5 = region(committed, 'es5')
const es2015 = region(committed, 'es2015')

/** Slidev's `{1|2-3|all}` ranges of the slide line that imports `snippet`. */
function slideRanges(page: string, snippet: string): string[] {
  const line = readFileSync(join(root, page), 'utf8').split('\n').find(l => l.startsWith(`<<< @/${snippet} `))
  expect(line, `${page} imports ${snippet}`).toBeDefined()
  return line!.match(/\{([\w,|\-]+)\}/)![1].split('|')
}

/** The 1-based lines a range like `3,5` or `7-9` names. */
function lines(range: string): number[] {
  return range.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number)
    return Array.from({ length: to - from + 1 }, (_, i) => from + i)
  })
}

describe('the down-levelled breakfastInTurn', () => {
  it('is byte for byte what the installed TypeScript emits (else: npm run generate:downlevel)', () => {
    expect(committed).toBe(generate())
    expect(committed).toContain(`TypeScript ${ts.version}`)
  })

  it('is a switch over states for ES5 and a generator for ES2015', () => {
    expect(es5).toContain('switch (_a.label)')
    for (const state of [0, 1, 2]) expect(es5).toContain(`case ${state}:`)
    expect(es5).not.toMatch(/\bawait\b/)
    expect(es2015).toContain('function* ()')
    expect(es2015.match(/yield fry/g)).toHaveLength(2)
  })

  it('has the slide\'s highlights on the switch and then on states 0, 1 and 2', () => {
    const code = es5.split('\n')
    const [intro, ...states] = slideRanges('pages/05-under-the-hood.md', 'snippets/downlevel/breakfast-in-turn.js#es5')
    expect(lines(intro).map(n => code[n - 1]).join('\n')).toContain('switch (_a.label)')
    states.slice(0, 3).forEach((range, state) => {
      expect(code[lines(range)[0] - 1].trim(), range).toMatch(new RegExp(`^case ${state}:`))
    })
    // The original beside it steps in time: same number of highlights.
    expect(slideRanges('pages/05-under-the-hood.md', 'examples/11-join.ts#wrong')).toHaveLength(states.length + 1)
  })

  it('runs with TypeScript\'s own helpers: B is ordered only after A is done, and both are returned', async () => {
    // The helpers TypeScript would have emitted (noEmitHelpers left them out of the snippet).
    const withHelpers = ts.transpileModule('async function f() { await 0 }', {
      compilerOptions: { target: ts.ScriptTarget.ES5, ignoreDeprecations: '6.0' },
    }).outputText
    const helperText = withHelpers.slice(0, withHelpers.indexOf('function f('))
    expect(helperText).toContain('var __awaiter')
    expect(helperText).toContain('var __generator')
    // eslint-disable-next-line no-new-func -- the test runs the generated ES5 snippet itself, with TypeScript's helpers
    const breakfastInTurn = new Function(`${helperText}\n${es5.replace('export ', '')}\nreturn breakfastInTurn`)() as
      (fry: (egg: string) => Promise<string>) => Promise<string[]>
    const events: string[] = []
    const fry = (egg: string) => {
      events.push(`order ${egg}`)
      return new Promise<string>(resolve => setTimeout(() => {
        events.push(`done ${egg}`)
        resolve(`plate ${egg}`)
      }, 5))
    }
    expect(await breakfastInTurn(fry)).toEqual(['plate A', 'plate B'])
    expect(events).toEqual(['order A', 'done A', 'order B', 'done B'])
  })
})
