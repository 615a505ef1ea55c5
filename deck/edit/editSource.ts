// The code the editor starts from for a demo: its example's regions, as the slide shows them, then the lines
// that run them. Read from examples/ at build time, so the editor offers exactly what the file says.

import type { DemoEdit } from '../../examples/lib'
import { regionLines } from '../../examples/lib/regions'

const files = import.meta.glob<string>('../../examples/*.ts', { query: '?raw', import: 'default', eager: true })

/** The unedited code of a demo's edit: `undefined` if its file or a region is missing (a test checks none is). */
export function originalSource(edit: DemoEdit, read: (file: string) => string | undefined = file => files[`../../examples/${file}.ts`]): string | undefined {
  const text = read(edit.file)
  if (text === undefined) return undefined
  const parts: string[] = []
  for (const region of edit.regions ?? ['demo']) {
    const lines = regionLines(text, region)
    if (!lines) return undefined
    parts.push(lines.join('\n'))
  }
  return `${parts.join('\n\n')}\n\n${edit.entry.trim()}\n`
}
