// Slidev's line highlights ({2|3-5|all}) count lines of the code shown: a region of an example or a fenced
// block. Edit the code and a range can silently point past the end, or at a blank line. This test reads every
// code block on every page, as Slidev cuts it, and checks every highlighted line.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { regionLines } from '../examples/lib/regions'

const root = join(import.meta.dirname, '..')
const pages = readdirSync(join(root, 'pages')).filter(file => file.endsWith('.md')).map(file => `pages/${file}`)

/** Problems with the highlight steps in `meta` (the first `{…}`) for the code `lines`. */
function highlightProblems(meta: string, lines: string[]): string[] {
  const steps = /^\{([^}]*)\}/.exec(meta.trim())?.[1]
  if (!steps) return []
  const problems: string[] = []
  for (const step of steps.split('|')) {
    for (const item of step.split(',').map(part => part.trim())) {
      if (['all', '*', 'none', 'hide', ''].includes(item)) continue
      const [from, to = from] = item.split('-').map(Number)
      if (!(from >= 1 && to >= from)) {
        problems.push(`"${item}" is not a line or a range`)
      }
      else if (to > lines.length) {
        problems.push(`"${item}" points past the last line (${lines.length})`)
      }
      else {
        for (const n of new Set([from, to])) {
          if (!lines[n - 1].trim()) problems.push(`"${item}" starts or ends on blank line ${n}`)
        }
      }
    }
  }
  return problems
}

describe('line highlights', () => {
  it('the checker catches a range past the end and a blank line', () => {
    expect(highlightProblems('{2|4}', ['a', 'b', 'c'])).toEqual(['"4" points past the last line (3)'])
    expect(highlightProblems('{1-2|all}', ['a', '', 'c'])).toEqual(['"1-2" starts or ends on blank line 2'])
    expect(highlightProblems('{all|1,3}{maxHeight:\'200px\'}', ['a', 'b', 'c'])).toEqual([])
    expect(regionLines('x\n// #region a\n1\n// #region b\n2\n// #endregion b\n// #endregion a\n', 'a')).toEqual(['1', '2'])
  })

  it.each(pages)('%s: every highlighted line exists and is not blank', (page) => {
    const text = readFileSync(join(root, page), 'utf8')
    const problems: string[] = []
    // Imported snippets: <<< @/file#region lang {steps}
    for (const [, file, region, meta] of text.matchAll(/^<<< @\/(\S+?)(?:#([\w-]+))?\s+\w+\s*(\{.*)?$/gm)) {
      if (!meta) continue
      const source = readFileSync(join(root, file), 'utf8')
      const lines = region ? regionLines(source, region) : source.replace(/\n$/, '').split('\n')
      expect(lines, `${page}: ${file}#${region} has no such region`).toBeDefined()
      problems.push(...highlightProblems(meta, lines!).map(problem => `${file}#${region}: ${problem}`))
    }
    // Fenced blocks: ```lang {steps}
    for (const [, meta, body] of text.matchAll(/^```\w+ (\{.*)\n([\s\S]*?)^```$/gm))
      problems.push(...highlightProblems(meta, body.replace(/\n$/, '').split('\n')).map(problem => `fenced block: ${problem}`))
    expect(problems).toEqual([])
  })
})
