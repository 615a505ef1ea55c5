// The GitHub Pages workflow cannot run here, but its one piece of logic can: the step that points each
// deck's download button at its published PDF, run on copies of the decks and read back by Slidev's parser.

import { execFile } from 'node:child_process'
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parseSync } from '@slidev/parser'
import { describe, expect, it } from 'vitest'
import { DECKS } from '../scripts/lib/deck'

const root = join(import.meta.dirname, '..')
const workflow = await readFile(join(root, '.github/workflows/pages.yml'), 'utf8')

/** The `run:` block of the step with this name. */
function stepScript(name: string): string {
  const step = workflow.split(/\n\s+- /).find(part => part.includes(`name: ${name}`))
  const script = step?.match(/run: \|\n((?: {10}.*\n?)+)/)?.[1]
  if (!script) throw new Error(`no step "${name}" with a run block in pages.yml`)
  return script.replace(/^ {10}/gm, '')
}

describe('the Pages workflow (its steps need GNU sed, as on the runner)', () => {
  it('builds both decks with Slidev\'s --base, the workshop under workshop/', () => {
    const build = stepScript('Build both decks')
    expect(build).toContain(`slidev build ${DECKS.conference} --base "$BASE/" --out dist`)
    expect(build).toContain(`slidev build ${DECKS.workshop} --base "$BASE/workshop/" --out dist/workshop`)
  })

  it('exports both PDFs into the site, where the download buttons point', async () => {
    const exported = stepScript('Export the PDFs')
    const dir = await mkdtemp(join(tmpdir(), 'pages-'))
    try {
      for (const deck of Object.values(DECKS)) await copyFile(join(root, deck), join(dir, deck))
      const site = 'https://cook.github.io/hello-async-world'
      const pointAtPdfs = stepScript('Point each deck\'s download button at its published PDF')
      const repository = 'https://github.com/cook/hello-async-world'
      await promisify(execFile)('bash', ['-euc', pointAtPdfs], { cwd: dir, env: { ...process.env, SITE: site, REPOSITORY: repository } })
      await promisify(execFile)('bash', ['-euc', stepScript('Give the workshop hash routes')], { cwd: dir })
      for (const deck of Object.values(DECKS)) {
        const pdf = `${deck.replace(/\.md$/, '')}-export.pdf`
        const headmatter = parseSync(await readFile(join(dir, deck), 'utf8'), deck).slides[0].frontmatter
        expect(headmatter.download).toBe(`${site}/${pdf}`)
        expect(headmatter.repository).toBe(repository) // the closing slide's QR code
        expect(headmatter.eggMs, deck).toBe(1500) // the line it was inserted before is intact
        // Pages has one 404.html, the cut's: the workshop, in a subfolder, routes by hash so a reload stays in it.
        expect(headmatter.routerMode, deck).toBe(deck === DECKS.workshop ? 'hash' : undefined)
        expect(exported).toContain(`npm run export -- ${deck} --output dist/${pdf}`)
      }
    }
    finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
