// Where code lives, and which way imports go: examples → deck (the demo engine) → components. Slidev registers
// everything under components/, so only Vue components belong there.
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '..')

function filesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(root, join(entry.parentPath, entry.name)))
}

/** The project folders a file's relative imports reach into. */
function importedFolders(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8')
  return [...text.matchAll(/(?:from|import)\s*(?:\(\s*)?['"](\.{1,2}\/[^'"]+)['"]/g)]
    .map(match => relative(root, resolve(root, dirname(file), match[1])).split('/')[0])
}

describe('the project layout', () => {
  it('components/ holds only Vue components', () => {
    expect(filesUnder('components').filter(file => !file.endsWith('.vue'))).toEqual([])
  })

  it.each([
    ['examples', ['deck', 'components', 'dev-server', 'scripts', 'tests']],
    ['deck', ['components', 'dev-server', 'scripts', 'tests']],
    ['demo-server', ['deck', 'components', 'examples', 'dev-server', 'scripts', 'tests']],
  ])('nothing in %s/ imports from the layers above it', (dir, above) => {
    const wrong = filesUnder(dir)
      .filter(file => /\.(?:ts|vue)$/.test(file))
      .flatMap(file => importedFolders(file).filter(folder => above.includes(folder)).map(folder => `${file} → ${folder}/`))
    expect(wrong).toEqual([])
  })

  it('every component is declared for the slides\' type-check, under the name Slidev registers it by', () => {
    const declared = [...readFileSync(join(root, 'types/slide-globals.ts'), 'utf8')
      .matchAll(/^\s*(\w+): typeof import\('\.\.\/(components\/[\w/]+\.vue)'\)\['default'\]$/gm)]
    expect(declared.every(([, name, file]) => file.endsWith(`/${name}.vue`))).toBe(true)
    expect(declared.map(([, , file]) => file).sort()).toEqual(filesUnder('components').sort())
  })

  it('imports Slidev\'s internals (anything deeper than @slidev/client) only in the three files that re-export them', () => {
    const deep = ['components', 'deck', 'handout', 'setup', 'scripts', 'styles', 'types']
      .flatMap(dir => filesUnder(dir))
      .filter(file => /\.(?:ts|vue)$/.test(file) && !['handout/slidevInternals.ts', 'deck/edit/slidevMonaco.ts', 'deck/slidevNavSync.ts'].includes(file))
      .filter(file => /from\s+'@slidev\/client\/[^']+'/.test(readFileSync(join(root, file), 'utf8')))
    expect(deep).toEqual([])
  })
})
