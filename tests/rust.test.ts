// The Rust on the "under the hood" slides compiles and does what they say: the hand-written state
// machine and the compiler's async fn give the same plate, futures are lazy, and they are small.
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const source = join(import.meta.dirname, '..', 'snippets', 'rust', 'hand_written_future.rs')

function hasRustc(): boolean {
  try {
    execFileSync('rustc', ['--version'], { stdio: 'ignore' })
    return true
  }
  catch {
    return false
  }
}
const rustc = hasRustc()
if (!rustc) console.warn('\n!!! RUST TEST SKIPPED: no rustc on PATH, so snippets/rust is not compiled. !!!\n')

describe.skipIf(!rustc)('snippets/rust/hand_written_future.rs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hand-written-future-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('compiles with no warning and runs both futures to the same plate', async () => {
    const binary = join(dir, 'hand_written_future')
    const { stderr } = await run('rustc', ['--edition', '2021', '-o', binary, source], { timeout: 120_000 })
    expect(stderr).toBe('')
    const { stdout } = await run(binary, [], { timeout: 10_000 })
    const lines = stdout.trim().split('\n')
    expect(lines[0]).toBe('stoves lit before any poll: 0') // lazy: creating a future runs nothing
    for (const [i, name] of [[1, 'serve_one\'s future'], [2, 'ServeOne']] as const) {
      const [, bytes] = lines[i].match(new RegExp(`^${name}: (\\d+) bytes$`)) ?? []
      expect(Number(bytes), lines[i]).toBeGreaterThan(0)
      expect(Number(bytes), lines[i]).toBeLessThan(100) // "a few dozen bytes"
    }
    expect(lines.slice(3)).toEqual(['egg A, served', 'egg A, served', 'stoves lit: 2'])
  }, 150_000)
})
