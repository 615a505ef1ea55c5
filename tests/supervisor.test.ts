// The dev server's kitchen supervisor, with real kitchen processes: it opens one, starts it again when it
// dies, and backs off while it keeps dying before it opens.
import { afterEach, describe, expect, it } from 'vitest'
import { KitchenSupervisor } from '../dev-server/kitchen'
import { kitchenClient } from '../examples/lib'

const supervisors: KitchenSupervisor[] = []
afterEach(() => supervisors.splice(0).forEach(supervisor => supervisor.stop()))

function supervise(host: string, port: number) {
  const supervisor = new KitchenSupervisor(host, port)
  const said: string[] = []
  supervisor.say = message => said.push(message)
  supervisors.push(supervisor)
  return { supervisor, said }
}

async function until(check: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

describe('kitchenSupervisor', { timeout: 40_000 }, () => {
  it('opens a kitchen on a free port when asked for port 0, and says where', async () => {
    const { supervisor, said } = supervise('127.0.0.1', 0)
    await supervisor.ensure()
    const url = await supervisor.ready(20_000)
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    await kitchenClient({ url: url! }).health()
    expect(said).toEqual([`open at ${url}`])
  })

  it('a kitchen that cannot open is started again after pauses that grow: 0.2 s, 0.5 s, 1 s', async () => {
    // No such address: the kitchen exits with its one-line error before it ever listens.
    const { supervisor, said } = supervise('256.0.0.1', 0)
    await supervisor.ensure()
    const pauses = () => said.flatMap(line => line.match(/starting it again in ([\d.]+) s/)?.[1] ?? [])
    await until(() => pauses().length >= 3, 30_000, 'three restarts')
    expect(pauses().slice(0, 3)).toEqual(['0.2', '0.5', '1'])
    expect(said.some(line => line.startsWith('kitchen: cannot listen on 256.0.0.1:0'))).toBe(true)
    expect(supervisor.url).toBeUndefined()
  })
})
