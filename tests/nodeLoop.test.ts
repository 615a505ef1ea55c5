// Node's own loop, proven in fresh processes: the order inside an I/O callback (and that the slide shows exactly it),
// nextTick vs promise jobs, setImmediate vs a 0 ms timer from the main script, and libuv's pool of 4 threads.
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const exec = promisify(execFile)
const root = join(import.meta.dirname, '..')
const tsx = join(root, 'node_modules', '.bin', 'tsx')

/** The environment without UV_THREADPOOL_SIZE (an empty value would mean a pool of 1), plus `extra`. */
function envWith(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra }
  if (!('UV_THREADPOOL_SIZE' in extra)) delete env.UV_THREADPOOL_SIZE
  return env
}

async function runExample(extra: Record<string, string> = {}): Promise<string[]> {
  const { stdout, stderr } = await exec(tsx, [join(root, 'examples', '23-node-loop.ts')], { cwd: root, env: envWith(extra), timeout: 60_000 })
  expect(stderr).toBe('')
  return stdout.trimEnd().split('\n')
}

/** Runs `code` as the main script of a fresh `node`, from a file: a CommonJS script (.cjs) or an ES module (.mjs). */
async function script(code: string, type: 'commonjs' | 'module' = 'commonjs'): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'node-loop-'))
  const file = join(dir, type === 'module' ? 'main.mjs' : 'main.cjs')
  writeFileSync(file, code)
  try {
    const { stdout } = await exec(process.execPath, [file], { env: envWith(), timeout: 20_000 })
    return stdout.trimEnd().split('\n')
  }
  finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const hashedBefore = (line: string | undefined) => Number(/finished after (\d) of the 4 hashes/.exec(line ?? '')?.[1])

describe('23 node loop: inside an I/O callback', () => {
  const slide = readFileSync(join(root, 'pages', '04a-node-loop.md'), 'utf8')
  const shown = /```text\n([\s\S]*?)\n```/.exec(slide)?.[1].split('\n')

  it('prints nextTick, then the promise job, then setImmediate, then the 0 ms timer: exactly what the slide shows', async () => {
    const lines = await runExample()
    expect(lines.slice(0, 5)).toEqual(['I/O callback', 'nextTick', 'promise', 'setImmediate', 'setTimeout 0'])
    expect(shown).toEqual(lines.slice(0, 5))
    expect(lines.at(-1)).toMatch(/^elapsed: \d+ ms$/)
  }, 60_000)

  it('the order holds run after run', async () => {
    const runs = await Promise.all([1, 2, 3].map(() => script(`
      require('node:fs').readFile(__filename, () => {
        setTimeout(() => console.log('setTimeout 0'), 0)
        setImmediate(() => console.log('setImmediate'))
        Promise.resolve().then(() => console.log('promise'))
        process.nextTick(() => console.log('nextTick'))
      })`)))
    for (const lines of runs) expect(lines).toEqual(['nextTick', 'promise', 'setImmediate', 'setTimeout 0'])
  })
})

describe('23 node loop: from the main script', () => {
  const race = `setTimeout(() => console.log('setTimeout 0'), 0)
setImmediate(() => console.log('setImmediate'))`
  const busy = 'const end = performance.now() + 5; while (performance.now() < end) {}'

  it('a CommonJS script: nextTick runs before a promise job queued earlier', async () => {
    expect(await script(`Promise.resolve().then(() => console.log('promise'))
process.nextTick(() => console.log('nextTick'))`)).toEqual(['nextTick', 'promise'])
  })

  it('an ES module\'s top level: the promise job runs first, since the module itself runs inside a promise job', async () => {
    expect(await script(`Promise.resolve().then(() => console.log('promise'))
process.nextTick(() => console.log('nextTick'))`, 'module')).toEqual(['promise', 'nextTick'])
  })

  it('a CommonJS script: setTimeout 0 vs setImmediate comes out either way; once 1 ms has passed before the loop starts, the timer is first', async () => {
    const either = await script(race)
    expect([['setTimeout 0', 'setImmediate'], ['setImmediate', 'setTimeout 0']]).toContainEqual(either)
    expect(await script(`${race}\n${busy}`)).toEqual(['setTimeout 0', 'setImmediate'])
  })
})

describe('23 node loop: the thread pool', () => {
  it('with the default pool of 4, a file read waits until one of 4 running hashes frees a thread', async () => {
    const lines = await runExample()
    expect(lines.at(-2)).toMatch(/^with the default pool of 4: /)
    expect(hashedBefore(lines.at(-2))).toBeGreaterThanOrEqual(1)
  }, 60_000)

  it('with UV_THREADPOOL_SIZE=5, the read takes the fifth thread and finishes before any hash', async () => {
    const lines = await runExample({ UV_THREADPOOL_SIZE: '5' })
    expect(lines.at(-2)).toMatch(/^with UV_THREADPOOL_SIZE=5: /)
    expect(hashedBefore(lines.at(-2))).toBe(0)
  }, 60_000)
})
